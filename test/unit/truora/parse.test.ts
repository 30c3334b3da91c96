import { describe, expect, it } from 'vitest'
import {
  parseBatch,
  parseBatchCreated,
  parseCheck,
  parseChecksPage,
  parseCustomTypes,
  parseDetailsPage,
  parseErrorBody
} from '../../../src/main/truora/parse'
import { TruoraError } from '../../../src/main/truora/errors'
import { isFinalBatchStatus, isFinalCheckStatus } from '../../../src/main/truora/types'

// Shaped like the 2019-2020 public examples (docs/truora-api.md, [old-spec]).
const OLD_IN_PROGRESS_CHECK = {
  check_id: 'CHK0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  country: 'CL',
  type: 'person',
  status: 'in_progress',
  score: 1,
  id_score: 1,
  homonym_score: 0.75,
  national_id: '123456789',
  creation_date: '2019-10-21T19:45:12.123Z',
  statuses: [
    { database_name: 'cl-apelaciones', status: 'not_started' },
    {
      database_id: 'DBI9d1a',
      database_name: 'Registro Civil',
      data_set: 'personal_identity',
      status: 'completed'
    }
  ],
  scores: [
    {
      data_set: 'criminal_record',
      result: 'pending',
      score: 1,
      severity: 'unknown',
      by_id: { result: 'pending', score: 1, severity: 'unknown' }
    }
  ],
  summary: { identity_status: 'found', names_found: [{ first_name: 'ANA', last_name: 'PEREZ', count: 1 }] },
  some_future_field: { nested: true }
}

describe('tolerant parsing', () => {
  it('reads an old check: homonym_score, statuses without database_id, extra fields kept raw', () => {
    const check = parseCheck({
      check: OLD_IN_PROGRESS_CHECK,
      details: '/v1/checks/x/details',
      self: '/v1/checks/x'
    })
    expect(check.nameScore).toBe(0.75)
    expect(check.statuses[0]).toEqual({
      databaseId: null,
      databaseName: 'cl-apelaciones',
      dataSet: null,
      status: 'not_started',
      invalidInputs: []
    })
    expect(check.scores[0].byName).toBeNull()
    expect(check.inputs).toEqual({ national_id: '123456789' })
    expect(check.raw.some_future_field).toEqual({ nested: true })
    expect(check.summary?.namesFound).toEqual([{ firstName: 'ANA', lastName: 'PEREZ', count: 1 }])
  })

  it('reads a freshly created check with no statuses, scores or summary', () => {
    const check = parseCheck({
      check: {
        check_id: 'CHK1',
        country: 'CO',
        type: 'person',
        status: 'not_started',
        score: -1,
        id_score: 0,
        name_score: 0
      }
    })
    expect(check).toMatchObject({
      score: -1,
      nameScore: 0,
      statuses: [],
      scores: [],
      summary: null,
      updateDate: null
    })
  })

  it('prefers name_score when both names are present', () => {
    expect(
      parseCheck({ check_id: 'C', status: 'completed', name_score: 0.4, homonym_score: 0.9 }).nameScore
    ).toBe(0.4)
  })

  it('refuses a check without an id, with a clear error', () => {
    expect(() => parseCheck({ status: 'completed' })).toThrow(TruoraError)
    expect(() => parseCheck({ status: 'completed' })).toThrow(/without check_id/)
  })

  it('treats next: "" as the last page, and a bare array as one page', () => {
    expect(parseChecksPage({ checks: [OLD_IN_PROGRESS_CHECK], next: '', self: '/v1/checks' })).toMatchObject({
      next: ''
    })
    expect(parseChecksPage([OLD_IN_PROGRESS_CHECK]).items).toHaveLength(1)
    const details = parseDetailsPage({
      details: [{ id: 'DTL1', data_set: '', result: 'not_found', tables: null }],
      self: '/v1/checks/C/details',
      next: ''
    })
    expect(details.items[0]).toMatchObject({ id: 'DTL1', dataSet: '', tables: [] })
  })

  it('accepts error codes as numbers or strings, and array error bodies', () => {
    expect(parseErrorBody({ code: 10404, http_code: 404, message: 'The Check was not found' })).toEqual({
      code: 10404,
      message: 'The Check was not found'
    })
    expect(parseErrorBody({ code: '10404', message: 'Resource not found' }).code).toBe('10404')
    expect(parseErrorBody([{ message: 'a' }, { message: 'b' }]).message).toBe('a; b')
  })

  it('reads custom types wrapped in score_configs or as a bare country map', () => {
    const wrapped = parseCustomTypes({
      client_id: 'TCI1',
      config_id: 'CFG1',
      score_configs: { CO: { 'my-type': [{ data_set: 'criminal_record', weight: 1 }] } }
    })
    const bare = parseCustomTypes({ CO: { company: [{ data_set: 'business_background', weight: 0.3 }] } })
    expect(wrapped).toEqual([
      { country: 'CO', type: 'my-type', weights: [{ dataSet: 'criminal_record', weight: 1 }] }
    ])
    expect(bare[0]).toMatchObject({ country: 'CO', type: 'company' })
  })

  it('finds the batch id and columns in each shape decision 3 allows', () => {
    expect(
      parseBatchCreated({ batch_id: 'B1', columns: ['national_id', 'date_of_birth'], file_upload_link: 'u' })
        .columns
    ).toEqual([
      { input: 'national_id', index: 0 },
      { input: 'date_of_birth', index: 1 }
    ])
    expect(
      parseBatchCreated({
        id: 'B2',
        columns: [
          { name: 'tax_id', index: 2 },
          { input: 'national_id', index: 0 }
        ],
        file_upload_link: 'u'
      })
    ).toMatchObject({
      id: 'B2',
      columns: [
        { input: 'national_id', index: 0 },
        { input: 'tax_id', index: 2 }
      ]
    })
    expect(parseBatch({ batch: { batch_id: 'B3', status: 'finished' } })).toMatchObject({
      id: 'B3',
      status: 'finished'
    })
  })

  it('knows which statuses are final', () => {
    expect(['completed', 'error'].every(isFinalCheckStatus)).toBe(true)
    expect(['not_started', 'in_progress', 'delayed'].some(isFinalCheckStatus)).toBe(false)
    expect(['stopped', 'failed', 'canceled', 'done'].every(isFinalBatchStatus)).toBe(true)
    expect(isFinalBatchStatus('in_progress')).toBe(false)
  })
})
