// What reuse keeps about a person is personal data like the rest: the comparable document on every row
// (rows.document) and the change records between their checks. Erasing the person and purging expired batches
// clear them, and an erased person's or a purged batch's check is never offered again as a result to reuse —
// even while a later batch that took that result is kept. Through the app's dispatch, against the built-in
// Sandbox over HTTP, with the clock moved for retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTHORIZATION_STATEMENT, type BatchView } from '../../../src/shared/batch'
import type { Channel, ChannelInput, ChannelOutput } from '../../../src/shared/contract'
import { createTestCore, draftOfCedulas, whenFinished, type TestCore } from '../../helpers/core'

const DAY = 86_400_000
// 00: clean. 66: clean the first time, a criminal record every later time (a change to record).
const CLEAN = '52000100'
const LATER = '52000366'

let env: TestCore
let offset = 0

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await env.dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value as ChannelOutput<C>
}

const draftOf = (name: string, cedulas: string[]) => draftOfCedulas(env, name, cedulas)

async function run(batchId: string): Promise<BatchView> {
  const finished = whenFinished(env, batchId)
  await call('batches:start', {
    batchId,
    options: { engine: 'direct' },
    authorization: { accepted: true, statement: AUTHORIZATION_STATEMENT }
  })
  await finished
  return call('batches:get', { batchId })
}

/** Rows anywhere in the store that still hold this comparable document. */
function rowsHolding(document: string): number {
  return (
    env.core.store.db.connection
      .prepare('SELECT count(*) AS n FROM rows WHERE document = ?')
      .get(document) as {
      n: number
    }
  ).n
}

/** Change records that name any of these checks, as the check or as the one it was compared with. */
function changesOf(checkIds: string[]): number {
  const marks = checkIds.map(() => '?').join(', ')
  return (
    env.core.store.db.connection
      .prepare(
        `SELECT count(*) AS n FROM check_changes WHERE check_id IN (${marks}) OR previous_check_id IN (${marks})`
      )
      .get(...checkIds, ...checkIds) as { n: number }
  ).n
}

function checkIdsOf(document: string): string[] {
  return env.core.store.subjects.checksOf({ document }).map((check) => check.checkId)
}

/** The documents a draft is offered an earlier result for. */
async function offered(batchId: string): Promise<string[]> {
  const preview = await call('reuse:preview', { batchId })
  return preview.rows.map((row) => row.document.replace(/\D/g, '')).sort()
}

let first: string
let second: string
let third: string

beforeAll(async () => {
  env = createTestCore({ clock: () => new Date(Date.now() + offset) })
  first = await draftOf('marzo', [CLEAN, LATER])
  expect((await run(first)).counts).toMatchObject({ completed: 2 })
  // A re-check of everyone: new checks, each compared with the first (a change record per check).
  second = (await call('batches:recheck', { batchId: first })).id
  expect((await run(second)).counts).toMatchObject({ completed: 2 })
  await call('results:query', { batchId: second, query: { limit: 100 } })
  // A third batch takes both results from the re-check instead of paying again.
  third = await draftOf('junio', [CLEAN, LATER])
  expect(await offered(third)).toEqual([CLEAN, LATER])
  const reused = await run(third)
  expect(reused.reuse).toEqual({ reused: 2, grouped: 0 })
}, 120_000)

afterAll(async () => {
  await env?.dispose()
})

describe('erasing a person reaches what reuse keeps', () => {
  it('clears their document from every row and the change records of their checks, and never offers their check again', async () => {
    const checks = checkIdsOf(LATER)
    expect(checks).toHaveLength(2)
    expect(rowsHolding(LATER)).toBe(3)
    expect(changesOf(checks)).toBeGreaterThan(0)

    const erased = await env.core.app.privacy.erasePerson({ document: LATER }, { atTruora: false })
    expect(erased.rows).toBe(3)
    expect(rowsHolding(LATER)).toBe(0)
    expect(changesOf(checks)).toBe(0)
    expect(env.core.store.subjects.checksOf({ document: LATER })).toEqual([])

    // The same person in a new file gets a new check; the other person is still offered their result.
    const draft = await draftOf('julio', [CLEAN, LATER])
    expect(await offered(draft)).toEqual([CLEAN])
    await call('drafts:discard', { batchId: draft })
  })
})

describe('retention reaches what reuse keeps', () => {
  it('purges the documents and change records of expired batches, and their checks are never offered, even while a batch that reused them is kept', async () => {
    const checks = checkIdsOf(CLEAN)
    expect(changesOf(checks)).toBeGreaterThan(0)
    // The batch that reused the results is kept longer; the two that made them expire.
    env.core.app.privacy.setRetention('sandbox', 1)
    env.core.app.privacy.extendRetention(third, 60, 'Contract review in progress')
    offset = 2 * DAY
    const purged = env.core.app.privacy.applyRetention().map((p) => p.batchId)
    expect(purged.sort()).toEqual([first, second].sort())

    const { connection } = env.core.store.db
    const left = connection
      .prepare('SELECT count(*) AS n FROM rows WHERE batch_id IN (?, ?)')
      .get(first, second) as { n: number }
    expect(left.n).toBe(0)
    expect(changesOf(checks)).toBe(0)
    // The kept batch still shows its reused row, which names where its result came from.
    expect(rowsHolding(CLEAN)).toBe(1)
    // Within the 30-day window (the checks are two days old), yet nothing is offered: their batches are purged.
    const draft = await draftOf('agosto', [CLEAN])
    expect(await offered(draft)).toEqual([])
    const preflight = await call('batches:preflight', { batchId: draft })
    expect(preflight.checks).toBe(1)
  })
})
