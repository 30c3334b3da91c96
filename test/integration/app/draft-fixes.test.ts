// Column-wide fixes at the review, through the same dispatch the app and the browser host use: a date column
// read month first instead of day first, every repeated row or every row with errors excluded in one action,
// each undoable, with the counts and the rows that will be sent following.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../src/shared/contract'
import { createTestCore, nextDraftReady, value, type TestCore } from '../../helpers/core'

let env: TestCore

beforeEach(() => {
  env = createTestCore()
})

afterEach(async () => {
  await env.dispose()
})

// Row 2 and row 5 are the same person; row 4's cédula has a letter in it. Every date reads both ways.
const CSV = [
  'Cedula,Fecha de nacimiento',
  '52000100,03/04/1990',
  '52000107,05/06/1985',
  '5200O114,07/08/1979',
  '52000100,03/04/1990',
  '52000121,11/12/2001'
].join('\n')

async function readyDraft(): Promise<string> {
  const file = join(env.dataDir, 'fechas.csv')
  writeFileSync(file, CSV)
  const { fileId } = env.core.files.registerPath(file)
  const ready = nextDraftReady(env.core)
  const { batchId } = (await value(
    env.dispatch('drafts:open', {
      fileId,
      sheet: 'fechas',
      mapping: {
        headers: ['Cedula', 'Fecha de nacimiento'],
        targets: ['national_id', 'date_of_birth'],
        defaults: { country: 'CO', type: 'person' }
      }
    })
  )) as ChannelOutput<'drafts:open'>
  await ready
  return batchId
}

const fixes = async (batchId: string) =>
  (await value(env.dispatch('drafts:fixes', { batchId }))) as ChannelOutput<'drafts:fixes'>

async function birthDates(batchId: string): Promise<Record<number, string | undefined>> {
  const page = (await value(
    env.dispatch('drafts:rows', { batchId, filter: 'all', offset: 0, limit: 10 })
  )) as ChannelOutput<'drafts:rows'>
  return Object.fromEntries(page.rows.map((row) => [row.row, row.inputs.date_of_birth]))
}

async function preflightRows(batchId: string): Promise<number> {
  return ((await value(env.dispatch('batches:preflight', { batchId }))) as ChannelOutput<'batches:preflight'>)
    .rows
}

describe('column-wide fixes at the review', () => {
  it('reads a date column month first, and back day first, with every row checked again', async () => {
    const batchId = await readyDraft()
    const before = await fixes(batchId)
    expect(before.dates).toEqual([expect.objectContaining({ header: 'Fecha de nacimiento', order: 'dmy' })])
    expect((await birthDates(batchId))[2]).toBe('1990-04-03')

    const edit = (await value(
      env.dispatch('drafts:setDateOrder', { batchId, column: 'Fecha de nacimiento', order: 'mdy' })
    )) as ChannelOutput<'drafts:setDateOrder'>
    expect(edit.changed).toBe(5)
    expect(await birthDates(batchId)).toMatchObject({ 2: '1990-03-04', 3: '1985-05-06', 6: '2001-11-12' })
    expect((await fixes(batchId)).dates[0]).toMatchObject({
      order: 'mdy',
      settledBy: 'analyst',
      ambiguous: false
    })

    // Undone by choosing day first again.
    await value(env.dispatch('drafts:setDateOrder', { batchId, column: 'Fecha de nacimiento', order: 'dmy' }))
    expect(await birthDates(batchId)).toMatchObject({ 2: '1990-04-03', 3: '1985-06-05' })

    // Only a date column can be read another way.
    expect(
      await env.dispatch('drafts:setDateOrder', { batchId, column: 'Cedula', order: 'mdy' })
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('excludes repeated rows and rows with errors, each undoable, and the batch sends what is left', async () => {
    const batchId = await readyDraft()
    expect(await fixes(batchId)).toMatchObject({ duplicates: 1, errors: 1, undo: null })
    expect(await preflightRows(batchId)).toBe(4)

    const repeated = (await value(
      env.dispatch('drafts:excludeAll', { batchId, which: 'duplicates' })
    )) as ChannelOutput<'drafts:excludeAll'>
    expect(repeated.summary.byStatus.excluded).toBe(1)
    expect(await fixes(batchId)).toMatchObject({
      duplicates: 0,
      errors: 1,
      undo: { which: 'duplicates', rows: 1 }
    })
    // The first of the two stays; the repeat is no longer sent.
    const page = (await value(
      env.dispatch('drafts:rows', { batchId, filter: 'excluded', offset: 0, limit: 10 })
    )) as ChannelOutput<'drafts:rows'>
    expect(page.rows.map((row) => row.row)).toEqual([5])
    expect(await preflightRows(batchId)).toBe(3)

    const errors = (await value(
      env.dispatch('drafts:excludeAll', { batchId, which: 'errors' })
    )) as ChannelOutput<'drafts:excludeAll'>
    expect(errors.summary.byStatus).toMatchObject({ excluded: 2, error: 0 })
    expect((await fixes(batchId)).undo).toEqual({ which: 'errors', rows: 1 })

    // Undo goes back one action at a time: the row with errors, then the repeat.
    const undone = (await value(
      env.dispatch('drafts:undoExclusion', { batchId })
    )) as ChannelOutput<'drafts:undoExclusion'>
    expect(undone.summary.byStatus).toMatchObject({ excluded: 1, error: 1 })
    expect((await fixes(batchId)).undo).toEqual({ which: 'duplicates', rows: 1 })
    await value(env.dispatch('drafts:undoExclusion', { batchId }))
    expect(await fixes(batchId)).toMatchObject({ duplicates: 1, errors: 1, undo: null })
    expect(await preflightRows(batchId)).toBe(4)
    expect(await env.dispatch('drafts:undoExclusion', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
  })
})
