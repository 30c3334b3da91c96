// A person checked again, through the same dispatch the app and the browser host use, against the built-in
// Sandbox over HTTP: a re-check shows what changed for exactly the person whose record appeared (the Sandbox's
// `66` ending: clean first, a criminal record after); the review offers earlier completed checks of this
// connection within the window, never others; a reused result keeps its origin, even when the batch that made
// it is deleted.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTHORIZATION_STATEMENT, DEFAULT_BATCH_OPTIONS, type BatchView } from '../../../src/shared/batch'
import type { Channel, ChannelInput, ChannelOutput } from '../../../src/shared/contract'
import type { ResultRow } from '../../../src/shared/results'
import { parseCheck } from '../../../src/main/truora/parse'
import { CsvParser } from '../../../src/main/sheets/csv'
import { reportLocale } from '../../../src/main/export/i18n'
import { createTestCore, draftOfCedulas, whenFinished, type TestCore } from '../../helpers/core'
import { pdfPages } from '../../helpers/pdf'

let env: TestCore
let sandboxUrl: string

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await env.dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value as ChannelOutput<C>
}

async function checksCreated(): Promise<number> {
  const stats = (await (await fetch(`${sandboxUrl}/__sandbox/stats`)).json()) as { checksCreated: number }
  return stats.checksCreated
}

/** Opens a draft of a CSV of Colombian people and waits until it is read. */
const draftOf = (name: string, cedulas: string[]) => draftOfCedulas(env, name, cedulas)

async function run(batchId: string, forceCreation = false): Promise<BatchView> {
  const finished = whenFinished(env, batchId)
  await call('batches:start', {
    batchId,
    options: { engine: 'direct', forceCreation },
    authorization: { accepted: true, statement: AUTHORIZATION_STATEMENT }
  })
  await finished
  return call('batches:get', { batchId })
}

async function rows(
  batchId: string,
  query: ChannelInput<'results:query'>['query'] = {}
): Promise<ResultRow[]> {
  return (await call('results:query', { batchId, query: { limit: 1000, ...query } })).rows
}

const byDocument = (list: ResultRow[]) => new Map(list.map((row) => [row.inputs.national_id, row]))

/** The batch exported as csv through the app, by the row's Cedula column. */
async function exported(batchId: string): Promise<Map<string, Record<string, string>>> {
  const file = join(env.dataDir, `${batchId}.csv`)
  await env.core.app.checks.exportTo(batchId, 'csv', file, {
    language: 'en',
    timeZone: 'UTC',
    delimiter: ','
  })
  const parser = new CsvParser(',')
  const [header, ...records] = [
    ...parser.push(readFileSync(file).subarray(3).toString('utf8')),
    ...parser.end()
  ].filter((record) => record.length > 1)
  return new Map(
    records.map((record) => {
      const row = Object.fromEntries(header.map((name, i) => [name, record[i] ?? '']))
      return [row.Cedula, row]
    })
  )
}

// 00: clean. 66: clean the first time, a criminal record every later time. 55: the check ends in error.
const CLEAN_A = '52000100'
const CLEAN_B = '52000200'
const LATER = '52000366'
const ERRORED = '52000455'

let first: string
let second: string

beforeAll(async () => {
  env = createTestCore()
  sandboxUrl = (await env.core.connections.connection('sandbox')).checksBaseUrl
  first = await draftOf('marzo', [CLEAN_A, CLEAN_B, LATER, ERRORED])
  const batch = await run(first)
  expect(batch.counts).toMatchObject({ completed: 3, error: 1 })
}, 60_000)

afterAll(async () => {
  await env.dispose()
})

describe('what changed since the last check', () => {
  it('a first check of everyone says so', async () => {
    const list = await rows(first)
    for (const row of list.filter((r) => r.checkStatus === 'completed'))
      expect(row.change).toEqual({ kind: 'first' })
    expect(byDocument(list).get(ERRORED)!.change).toBeNull()
  })

  it('re-checking the batch shows exactly the person whose record appeared, and what appeared', async () => {
    const before = await checksCreated()
    const draft = await call('batches:recheck', { batchId: first })
    second = draft.id
    expect(draft).toMatchObject({
      status: 'draft',
      total: 4,
      options: { forceCreation: true, reuseDays: 0, recheckOf: first }
    })
    const preflight = await call('batches:preflight', { batchId: second })
    expect(preflight).toMatchObject({ checks: 4, rows: 4, reuse: { windowDays: 0, reused: 0 } })
    // Started with new checks not asked for, as the options step leaves them: a re-check makes them anyway.
    const batch = await run(second, false)
    expect(batch.status).toBe('completed')
    expect(batch.options.forceCreation).toBe(true)
    expect(await checksCreated()).toBe(before + 4)

    const list = byDocument(await rows(second))
    const later = list.get(LATER)!
    expect(later.change).toMatchObject({
      kind: 'compared',
      changed: true,
      found: ['criminal_record'],
      cleared: [],
      score: { from: 1, direction: 'down' },
      risk: { from: 'low', to: 'high' },
      previous: { batchId: first, batchName: 'marzo' }
    })
    for (const id of [CLEAN_A, CLEAN_B])
      expect(list.get(id)!.change).toMatchObject({ kind: 'compared', changed: false })
    // A check that ended in error is no verdict: nothing to compare.
    expect(list.get(ERRORED)!.change).toBeNull()

    const changed = await rows(second, { changedOnly: true })
    expect(changed.map((row) => row.inputs.national_id)).toEqual([LATER])

    // The export says the same, in its own column.
    const file = await exported(second)
    expect(file.get(LATER)!['Change since previous check']).toMatch(/Criminal record: newly found/)
    expect(file.get(LATER)!['Change since previous check']).toMatch(/Risk Low risk → High risk/)
    expect(file.get(CLEAN_A)!['Change since previous check']).toBe('No change')
    expect(file.get(ERRORED)!['Change since previous check']).toBe('')
    expect((await exported(first)).get(CLEAN_A)!['Change since previous check']).toBe('First check')
  }, 60_000)

  it("lists the person's checks newest first and compares any two of them", async () => {
    const later = byDocument(await rows(second)).get(LATER)!
    const history = await call('people:history', { checkId: later.checkId! })
    expect(history).toMatchObject({ country: 'CO', document: LATER })
    expect(history.checks.map((c) => [c.batchName, c.found.includes('criminal_record')])).toEqual([
      [expect.stringMatching(/^marzo · /), true],
      ['marzo', false]
    ])
    const [newest, oldest] = history.checks
    // Either order: the earlier check is always the "before".
    const change = await call('people:compare', { first: newest.checkId, second: oldest.checkId })
    expect(change).toMatchObject({
      previous: { checkId: oldest.checkId },
      found: ['criminal_record'],
      changed: true
    })
  })
})

describe('reusing recent checks at the review', () => {
  let third: string

  it('offers each row the newest completed check of its person on this connection, never an errored one', async () => {
    // Another connection checked CLEAN_A an hour ago: a Sandbox draft must not be offered that result.
    const { store } = env.core
    store.batches.create({
      id: 'b-live',
      name: 'live account',
      fileName: null,
      sheet: null,
      mapping: { headers: ['Cedula'], targets: ['national_id'], defaults: { country: 'CO', type: 'person' } },
      country: 'CO',
      type: 'person',
      engine: 'direct',
      profileId: 'another-account',
      options: DEFAULT_BATCH_OPTIONS
    })
    store.drafts.add('b-live', [
      {
        row: 2,
        cells: { Cedula: CLEAN_A },
        inputs: { national_id: CLEAN_A },
        country: 'CO',
        type: 'person',
        issues: [],
        status: 'ok'
      }
    ])
    const check = parseCheck({
      check_id: 'CHKlive',
      country: 'CO',
      type: 'person',
      status: 'completed',
      score: 1,
      creation_date: new Date().toISOString()
    })
    store.ledger.recordCreated('b-live', 0, check, null)

    third = await draftOf('junio', [
      `0${CLEAN_A}`,
      CLEAN_B.replace(/(\d{2})(\d{3})(\d{3})/, '$1.$2.$3'),
      LATER,
      ERRORED
    ])
    const preview = await call('reuse:preview', { batchId: third })
    expect(preview).toMatchObject({ windowDays: 30, matched: 3, reused: 3, grouped: 0 })
    expect(preview.newChecks).toEqual([{ country: 'CO', type: 'person', checks: 1 }])
    const secondRows = byDocument(await rows(second))
    for (const match of preview.rows) {
      const id = match.document.replace(/\D/g, '').replace(/^0+/, '')
      // The newest check of each: the re-check, with its own date, score and batch.
      expect(match.previous).toMatchObject({
        checkId: secondRows.get(id)!.checkId,
        batchId: second,
        score: secondRows.get(id)!.score
      })
      expect(match.choice).toBe('reuse')
    }
    expect(preview.rows.map((r) => r.row)).toEqual([2, 3, 4])
  })

  it('lets the analyst check a row again, or everyone, and counts the cost of what is left', async () => {
    await call('costs:update', {
      profileId: 'sandbox',
      currency: 'cop',
      prices: [{ country: 'CO', type: 'person', amount: 9_900 }]
    })
    const [a] = (await call('reuse:preview', { batchId: third })).rows
    const summary = await call('reuse:choose', { batchId: third, seqs: [a.seq], choice: 'check' })
    expect(summary).toMatchObject({ reused: 2, newChecks: [{ checks: 2 }] })
    const all = await call('reuse:choose', { batchId: third, seqs: 'all', choice: 'check' })
    expect(all).toMatchObject({ reused: 0, newChecks: [{ checks: 4 }] })
    await call('reuse:choose', { batchId: third, seqs: 'all', choice: 'reuse' })
    await call('reuse:choose', { batchId: third, seqs: [a.seq], choice: 'check' })
    const preflight = await call('batches:preflight', { batchId: third })
    expect(preflight.checks).toBe(2)
    expect(preflight.estimate).toMatchObject({
      currency: 'COP',
      newChecks: 2,
      reusedRows: 2,
      total: 2 * 9_900,
      lines: [{ country: 'CO', type: 'person', checks: 2, unitPrice: 9_900, amount: 19_800 }]
    })
  })

  it('offers nothing older than the window, and nothing with the window at 0', async () => {
    const { db } = env.core.store
    const forty = new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString()
    const original = db.connection
      .prepare('SELECT check_id, created_at FROM checks WHERE batch_id IN (?, ?)')
      .all(first, second) as { check_id: string; created_at: string }[]
    db.connection
      .prepare('UPDATE checks SET created_at = ? WHERE batch_id IN (?, ?)')
      .run(forty, first, second)
    expect((await call('reuse:preview', { batchId: third })).matched).toBe(0)
    expect((await call('reuse:setWindow', { batchId: third, days: 60 })).matched).toBe(3)
    expect((await call('reuse:setWindow', { batchId: third, days: 0 })).matched).toBe(0)
    const restore = db.connection.prepare('UPDATE checks SET created_at = ? WHERE check_id = ?')
    for (const { check_id, created_at } of original) restore.run(created_at, check_id)
    expect((await call('reuse:setWindow', { batchId: third, days: 30 })).matched).toBe(3)
  })

  it('starts with the choices made: reused rows carry their origin into the results', async () => {
    const before = await checksCreated()
    const batch = await run(third)
    expect(await checksCreated()).toBe(before + 2)
    expect(batch).toMatchObject({
      status: 'completed',
      reuse: { reused: 2, grouped: 0 },
      estimate: { newChecks: 2, total: 19_800 },
      cost: { checks: 2, amount: 19_800, currency: 'COP' }
    })
    const list = byDocument(await rows(third))
    const secondRows = byDocument(await rows(second))
    for (const id of [CLEAN_B, LATER]) {
      const row = list.get(id)!
      expect(row).toMatchObject({
        state: 'done',
        checkId: secondRows.get(id)!.checkId,
        risk: secondRows.get(id)!.risk,
        origin: { kind: 'reused', batchId: second, checkId: secondRows.get(id)!.checkId },
        // Nothing was checked again, so nothing changed.
        change: null
      })
      expect(row.checkedAt).toBe(secondRows.get(id)!.checkedAt)
    }
    expect(list.get(`0${CLEAN_A}`)!.origin).toBeNull()
    expect(list.get(ERRORED)!.origin).toBeNull()

    // Every export carries the origin: which check, of when, from which batch.
    const file = await exported(third)
    const later = secondRows.get(LATER)!
    const when = reportLocale('en', 'UTC').dateTime(later.checkedAt!)
    const secondName = (await call('batches:get', { batchId: second })).name
    expect(file.get(LATER)!['Result from']).toBe(
      `Reused check ${later.checkId} of ${when}, batch "${secondName}" (${second})`
    )
    expect(file.get(LATER)!['Checked at']).toBe(when)
    expect(file.get(`0${CLEAN_A}`)!['Result from']).toBe('')

    // So does the xlsx, in the same column.
    const xlsx = join(env.dataDir, `${third}.xlsx`)
    await env.core.app.checks.exportTo(third, 'xlsx', xlsx, { language: 'en', timeZone: 'UTC' })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(xlsx)
    const sheet = workbook.worksheets[0]
    const headers = (sheet.getRow(1).values as unknown[]).map(String)
    const origins: string[] = []
    sheet.eachRow((row, n) => {
      if (n > 1) origins.push(String(row.getCell(headers.indexOf('Result from')).value ?? ''))
    })
    expect(origins).toContain(`Reused check ${later.checkId} of ${when}, batch "${secondName}" (${second})`)

    // And the summary PDF: every reused row with the check, its date and batch; the reused high-risk row also
    // says it under the reason it needs attention.
    const pdf = join(env.dataDir, `${third}.pdf`)
    await env.core.app.checks.exportTo(third, 'pdf', pdf, { language: 'en', timeZone: 'UTC' })
    const text = pdfPages(pdf).join(' ').replace(/\s+/g, ' ')
    const [upToReused, reusedPart] = text.split('Results taken from earlier checks')
    expect(reusedPart).toContain('2 row(s)')
    for (const id of [CLEAN_B, LATER]) {
      expect(reusedPart).toContain(secondRows.get(id)!.checkId)
      expect(reusedPart).toContain(id)
    }
    expect(reusedPart).toContain(when)
    expect(reusedPart).toContain(secondName)
    const attention = upToReused.slice(upToReused.indexOf('People who need attention'))
    // A long check id may wrap in the narrow column.
    expect(attention).toContain('Reused check')
    expect(attention.replace(/\s/g, '')).toContain(later.checkId)
    expect(attention.replace(/\s/g, '')).not.toContain(secondRows.get(CLEAN_B)!.checkId)
  }, 60_000)

  it('takes decisions on reused rows: recorded on the earlier check, shown, exported, and kept in the history', async () => {
    const list = byDocument(await rows(third))
    const later = list.get(LATER)!
    const clean = list.get(CLEAN_B)!
    // One row from the drawer: the reused high-risk result is rejected.
    const one = await call('decisions:decide', {
      batchId: third,
      target: { seqs: [later.seq] },
      decision: 'rejected',
      reason: 'criminal-record',
      note: 'Antecedente vigente'
    })
    expect(one).toEqual({ decided: 1, refused: [] })
    // A selection: the low-risk reused row is approved; the high-risk one needs its own look.
    const bulk = await call('decisions:decide', {
      batchId: third,
      target: { seqs: [clean.seq, later.seq] },
      decision: 'approved',
      reason: 'no-findings'
    })
    expect(bulk).toMatchObject({ decided: 1, refused: [{ seq: later.seq, why: 'needs-own-look' }] })

    const after = byDocument(await rows(third))
    expect(after.get(LATER)!.decision).toMatchObject({
      decision: 'rejected',
      reason: 'criminal-record',
      note: 'Antecedente vigente',
      checkId: later.checkId
    })
    expect(after.get(CLEAN_B)!.decision).toMatchObject({ decision: 'approved', checkId: clean.checkId })
    expect((await rows(third, { decisions: ['rejected'] })).map((r) => r.inputs.national_id)).toEqual([LATER])
    const history = await call('decisions:history', { batchId: third, seq: later.seq })
    expect(history.current).toMatchObject({ decision: 'rejected' })
    // The batch that made the check keeps its own (no) decision: a decision is the deciding batch's.
    expect(byDocument(await rows(second)).get(LATER)!.decision).toBeNull()

    const file = await exported(third)
    expect(file.get(LATER)!).toMatchObject({ Decision: 'Rejected', Notes: 'Antecedente vigente' })
    expect(file.get(LATER)!['Result from']).toMatch(/^Reused check /)
    expect(file.get(String(clean.cells.Cedula))!.Decision).toBe('Approved')
  })

  it('takes decisions on rows that share a check, each row its own', async () => {
    const repeated = '52000700'
    const grupo = await draftOf('grupo', [repeated, '52.000.700', '52000800'])
    await call('reuse:setWindow', { batchId: grupo, days: 0 })
    const batch = await run(grupo)
    expect(batch.reuse).toEqual({ reused: 0, grouped: 1 })
    const list = await rows(grupo)
    const [leader, follower] = list.filter((r) => r.inputs.national_id.replace(/\D/g, '') === repeated)
    expect(follower.origin).toEqual({ kind: 'grouped', row: leader.row })
    expect(follower.checkId).toBe(leader.checkId)

    expect(
      await call('decisions:decide', {
        batchId: grupo,
        target: { seqs: [follower.seq] },
        decision: 'follow-up',
        reason: 'confirm-identity'
      })
    ).toEqual({ decided: 1, refused: [] })
    const bulk = await call('decisions:decide', {
      batchId: grupo,
      target: { matching: {} },
      decision: 'approved',
      reason: 'no-findings'
    })
    expect(bulk).toEqual({ decided: 3, refused: [] })
    await call('decisions:decide', {
      batchId: grupo,
      target: { seqs: [follower.seq] },
      decision: 'follow-up',
      reason: 'confirm-identity'
    })
    const after = new Map((await rows(grupo)).map((r) => [r.seq, r]))
    expect(after.get(leader.seq)!.decision).toMatchObject({ decision: 'approved', checkId: leader.checkId })
    expect(after.get(follower.seq)!.decision).toMatchObject({
      decision: 'follow-up',
      checkId: leader.checkId
    })
    const history = await call('decisions:history', { batchId: grupo, seq: follower.seq })
    expect(history.history.map((d) => d.decision)).toEqual(['follow-up', 'approved', 'follow-up'])

    const file = await exported(grupo)
    expect(file.get('52.000.700')!).toMatchObject({ Decision: 'Follow-up' })
    expect(file.get(repeated)!).toMatchObject({ Decision: 'Approved' })
  }, 60_000)

  it('keeps a reused result when the batch that made it is deleted', async () => {
    const reused = byDocument(await rows(third)).get(LATER)!
    await call('batches:delete', { batchId: second })
    const after = byDocument(await rows(third)).get(LATER)!
    expect(after).toMatchObject({ checkId: reused.checkId, risk: 'high', origin: reused.origin })
    // The analyst's decision on it stays current: it was taken on that check, which the batch now keeps.
    expect(after.decision).toMatchObject({ decision: 'rejected', checkId: reused.checkId })
    const check = await call('results:check', { checkId: reused.checkId! })
    expect(check).toMatchObject({ batchId: third, risk: 'high' })
    const history = await call('people:history', { checkId: reused.checkId! })
    expect(history.checks.map((c) => c.checkId)).toContain(reused.checkId)
  })
})
