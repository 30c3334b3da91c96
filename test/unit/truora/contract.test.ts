// Contract tests: bodies shaped like the public reference's and guides' examples and the older public spec's
// (docs/truora-api.md), and the unusual shapes the documentation leaves room for, fed to the parsers.
import { describe, expect, it } from 'vitest'
import { TruoraError } from '../../../src/main/truora/errors'
import {
  describeShape,
  parseAttachments,
  parseCheck,
  parseChecksPage,
  parseContinuousCheck,
  parseContinuousChecksPage,
  parseCustomTypes,
  parseDetailsPage,
  parseErrorBody,
  parseHealth,
  parseHistoryPage
} from '../../../src/main/truora/parse'
import { classifyCheckStatus, isFinalCheckStatus } from '../../../src/main/truora/types'

/** The create-check answer of the guide "Creating a Background Check" (section 2.1). */
const GUIDE_CREATED = {
  check: {
    check_id: 'CHKd6bd8ac4e4fb5bd1b7b5c4d3e8b7a1c0',
    country: 'CO',
    type: 'person',
    status: 'not_started',
    score: -1,
    id_score: 0,
    name_score: 0,
    creation_date: '2023-09-11T16:49:11.903834331Z',
    update_date: '2023-09-11T16:49:11.903834331Z',
    billing_hub: 'hub',
    national_id: '10000000'
  },
  details: '/v1/checks/CHKd6bd8ac4e4fb5bd1b7b5c4d3e8b7a1c0/details',
  self: '/v1/checks/CHKd6bd8ac4e4fb5bd1b7b5c4d3e8b7a1c0'
}

/** An older-spec health answer: a bare array of databases with 24 hourly statuses. */
const OLD_HEALTH = [
  {
    database_id: 'DBI0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3',
    database_name: 'Policía Nacional',
    data_sets: ['criminal_record'],
    hourly_status: Array.from({ length: 24 }, (_, hour) => (hour < 10 ? 'operational' : 'undetermined'))
  }
]

const SECRET_NAME = 'ROSALBA QUINTERO'
const SECRET_ID = '1098765432'

function collector(): {
  reports: { what: string; value: unknown }[]
  report: (w: string, v: unknown) => void
} {
  const reports: { what: string; value: unknown }[] = []
  return { reports, report: (what, value) => reports.push({ what, value }) }
}

describe('documented shapes', () => {
  it('keeps billing_hub, details and self of the guide create-check answer', () => {
    const check = parseCheck(GUIDE_CREATED)
    expect(check).toMatchObject({
      id: GUIDE_CREATED.check.check_id,
      status: 'not_started',
      score: -1,
      billingHub: 'hub',
      detailsPath: GUIDE_CREATED.details,
      selfPath: GUIDE_CREATED.self,
      inputs: { national_id: '10000000' }
    })
  })

  it('reads the older spec checks list, and its example block of a single CheckOutput', () => {
    expect(
      parseChecksPage({ checks: [GUIDE_CREATED.check], next: '', self: '/v1/checks' }).items
    ).toHaveLength(1)
    const single = parseChecksPage(GUIDE_CREATED)
    expect(single.items.map((check) => check.id)).toEqual([GUIDE_CREATED.check.check_id])
    expect(single.next).toBe('')
  })

  it('reads older spec details with tables and an empty data_set', () => {
    const page = parseDetailsPage({
      details: [
        {
          id: 'DTL1',
          check_id: 'CHK1',
          data_set: '',
          database_name: 'Procuraduría',
          result: 'found',
          severity: 'high',
          route: 'person',
          depth: 0,
          tables: [{ title: 'Antecedentes', rows: [{ cells: [{ label: 'Delito', value: 'Hurto' }] }] }]
        }
      ],
      next: '',
      self: '/v1/checks/CHK1/details'
    })
    expect(page.items[0]).toMatchObject({ dataSet: '', result: 'found', tables: [{ title: 'Antecedentes' }] })
  })

  it('reads the older spec health array', () => {
    const health = parseHealth(OLD_HEALTH)
    expect(health).toHaveLength(1)
    expect(health[0]).toMatchObject({ databaseName: 'Policía Nacional', dataSets: ['criminal_record'] })
    expect(health[0].hourlyStatus).toHaveLength(24)
  })

  it('reads a continuous check with counter (examples) and with count (the reference prose)', () => {
    const base = { continuous_check_id: 'CCK1', frequency: '1m', status: 'enabled', score_status: 'new' }
    expect(parseContinuousCheck({ ...base, counter: 3 }).counter).toBe(3)
    expect(parseContinuousCheck({ ...base, count: 4 }).counter).toBe(4)
    expect(parseContinuousCheck({ ...base, count: '5' }).counter).toBe(5)
  })

  it('reads continuous-check lists and the older spec history', () => {
    const list = parseContinuousChecksPage({
      continuous_checks: [{ continuous_check_id: 'CCK1', check: GUIDE_CREATED.check, counter: 0 }],
      next: '',
      self: '/v1/continuous-checks'
    })
    expect(list.items[0].check?.billingHub).toBe('hub')
    const history = parseHistoryPage({
      history: [{ change_id: 'HKE1', date: '2020-01-01T00:00:00Z', event: 'created' }],
      next: '',
      self: '/v1/continuous-checks/CCK1/history'
    })
    expect(history.items[0]).toMatchObject({ date: '2020-01-01T00:00:00Z', event: 'created' })
  })

  it('reads custom types wrapped in score_configs and as the bare map of the company guide', () => {
    const wrapped = parseCustomTypes({
      client_id: 'TCI1',
      config_id: 'CFG1',
      provider_configs: {},
      score_configs: { CO: { 'my-type': [{ data_set: 'personal_identity', weight: 0.5 }] } }
    })
    const bare = parseCustomTypes({ CO: { company: [{ data_set: 'business_background', weight: 0.3 }] } })
    expect(wrapped).toEqual([
      { country: 'CO', type: 'my-type', weights: [{ dataSet: 'personal_identity', weight: 0.5 }] }
    ])
    expect(bare[0]).toMatchObject({ country: 'CO', type: 'company' })
  })

  it('reads error bodies with a numeric or a string code', () => {
    expect(parseErrorBody({ code: 10404, http_code: 404, message: 'The Check was not found' })).toEqual({
      code: 10404,
      message: 'The Check was not found'
    })
    expect(parseErrorBody({ code: '10400', http_code: 400, message: 'bad' }).code).toBe('10400')
  })
})

describe('statuses by what is known', () => {
  it('waits on the documented waiting statuses only', () => {
    for (const status of ['not_started', 'in_progress', 'delayed']) {
      expect(classifyCheckStatus(status)).toBe('waiting')
      expect(isFinalCheckStatus(status)).toBe(false)
    }
  })

  it('treats completed as done, error as a known failure, and anything else as final and unknown', () => {
    expect(classifyCheckStatus('completed')).toBe('completed')
    expect(classifyCheckStatus('error')).toBe('error')
    for (const status of ['expired', 'canceled', 'manual_review', '']) {
      expect(classifyCheckStatus(status)).toBe('unknown-final')
      expect(isFinalCheckStatus(status)).toBe(true)
    }
  })
})

describe('shapes the documentation leaves room for', () => {
  it('describes a shape by keys and types only, never values', () => {
    const shape = describeShape({
      people: [{ name: SECRET_NAME, national_id: SECRET_ID }],
      [SECRET_ID]: { ok: true }
    })
    expect(shape).toContain('name: string')
    expect(shape).toContain('<key>')
    expect(shape).not.toContain(SECRET_NAME)
    expect(shape).not.toContain(SECRET_ID)
  })

  it('refuses health in an unknown shape with an unknown_shape error, not an empty list', () => {
    const body = { status_by_database: { 'Policía Nacional': ['operational'] } }
    let error: unknown
    try {
      parseHealth(body)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(TruoraError)
    expect(error).toMatchObject({ kind: 'unknown_shape', message: expect.stringContaining('does not know') })
    expect((error as TruoraError).shape).toContain('status_by_database')
  })

  it('reports a health entry it cannot read and keeps the others', () => {
    const { reports, report } = collector()
    const health = parseHealth({ databases: [...OLD_HEALTH, { database_name: 'X', status: 'up' }] }, report)
    expect(health).toHaveLength(1)
    expect(reports.map((r) => r.what)).toEqual(['a database in health'])
  })

  it.each([
    ['checks', (body: unknown) => parseChecksPage(body)],
    ['attachments', (body: unknown) => parseAttachments(body)],
    ['continuous checks', (body: unknown) => parseContinuousChecksPage(body)],
    ['history', (body: unknown) => parseHistoryPage(body)]
  ])('refuses a %s list in an unknown shape instead of reading it as empty', (_name, parse) => {
    expect(() => parse({ records: [{ id: 'x' }], cursor: '' })).toThrow(
      expect.objectContaining({ kind: 'unknown_shape' })
    )
    expect(() => parse('not a list')).toThrow(expect.objectContaining({ kind: 'unknown_shape' }))
  })

  it('reads lists under items or data, and a null list as empty', () => {
    expect(parseChecksPage({ items: [GUIDE_CREATED.check], next: '' }).items).toHaveLength(1)
    expect(parseChecksPage({ data: [GUIDE_CREATED.check] }).items).toHaveLength(1)
    expect(parseChecksPage({ checks: null, next: '' }).items).toEqual([])
  })

  it('leaves out and reports a listed check it cannot read, keeping the others', () => {
    const { reports, report } = collector()
    const page = parseChecksPage({ checks: [GUIDE_CREATED.check, { id: 'no check_id' }], next: '' }, report)
    expect(page.items).toHaveLength(1)
    expect(reports).toHaveLength(1)
  })

  it('finds an attachment link under another name, and keeps one without a link, reported', () => {
    const { reports, report } = collector()
    const page = parseAttachments(
      {
        attachments: [
          { attachment_id: 'ATT1', file_name: 'a.pdf', href: 'https://files.example/a.pdf' },
          { attachment_id: 'ATT2', file_name: 'b.pdf', location: '/v1/checks/CHK1/attachments/ATT2' },
          { attachment_id: 'ATT3', file_name: 'c.pdf', storage: { bucket: 'x' } }
        ],
        next: ''
      },
      report
    )
    expect(page.items.map((a) => a.url)).toEqual([
      'https://files.example/a.pdf',
      '/v1/checks/CHK1/attachments/ATT2',
      null
    ])
    expect(page.items[2].fileName).toBe('c.pdf')
    expect(reports.map((r) => r.what)).toEqual(['attachment without a link'])
  })
})
