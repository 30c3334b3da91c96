// Each engine against each of the Sandbox's unusual answers (final statuses Lote does not know, checks that
// stay delayed for ever, batches without report_id, lists in unknown shapes): every batch ends, and every row
// is accounted for with an outcome an analyst can read.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SandboxKnobs } from '../../../src/main/sandbox/knobs'
import type { BatchSummary, EngineKind } from '../../../src/shared/batch'
import { createHarness, personRows, type Harness } from './harness'

let harness: Harness | undefined

afterEach(async () => {
  await harness?.dispose()
  harness = undefined
})

const ROWS = 24
const GIVE_UP_MS = 1_500
const ENGINES: EngineKind[] = ['direct', 'truora-batch']

async function runWith(engine: EngineKind, knobs: Partial<SandboxKnobs>): Promise<BatchSummary> {
  harness = await createHarness(knobs)
  return harness.run(personRows(ROWS), { engine, options: { giveUpAfterMs: GIVE_UP_MS } })
}

/** Every row has an outcome and none is left waiting. */
function expectEveryRowAccountedFor(batch: BatchSummary): void {
  const c = batch.counts
  expect(batch.status).toBe('completed')
  expect(c.pending + c.creating + c.running).toBe(0)
  expect(c.done + c.failed + c.cancelled + c['given-up']).toBe(ROWS)
  expect(harness!.sandbox.stats().duplicates).toBe(0)
}

function rows(batch: BatchSummary) {
  return harness!.store.results.page(batch.id, { limit: 1000 }).rows
}

describe.each(ENGINES)('%s engine against unusual answers', (engine) => {
  it('a final status Lote does not know ends the row, shown raw and never read as low risk', async () => {
    const batch = await runWith(engine, { unknownStatusRate: 0.4, unknownStatus: 'manual_review' })
    expectEveryRowAccountedFor(batch)
    expect(batch.counts.done).toBe(ROWS)
    expect(batch.counts.unknownFinal).toBeGreaterThan(0)
    const unknown = rows(batch).filter((row) => row.checkStatus === 'manual_review')
    expect(unknown).toHaveLength(batch.counts.unknownFinal)
    // Not scored, or worse when a record Truora found says so (docs/risk.md: the most serious signal wins).
    for (const row of unknown) expect(['unknown', 'medium', 'high']).toContain(row.risk)
  })

  it('checks that stay delayed are given up at the limit, with why, and the batch ends', async () => {
    const batch = await runWith(engine, { stuckRate: 0.3 })
    expectEveryRowAccountedFor(batch)
    const givenUp = rows(batch).filter((row) => row.state === 'given-up')
    expect(givenUp.length).toBeGreaterThan(0)
    expect(givenUp).toHaveLength(batch.counts['given-up'])
    for (const row of givenUp) {
      expect(row.checkId).toMatch(/^CHK/)
      expect(row.checkStatus).toBe('delayed')
      expect(row.lastError).toContain('still said "delayed"')
    }
    expect(harness!.events.some((e) => e.type === 'warning' && e.code === 'given-up')).toBe(true)
    expect(batch.counts.done).toBe(ROWS - givenUp.length)
  })

  it('a batch answer without report_id still finds every check', async () => {
    const batch = await runWith(engine, { omitReportId: true })
    expectEveryRowAccountedFor(batch)
    expect(batch.counts.done).toBe(ROWS)
    if (engine === 'truora-batch') {
      expect(batch.remote?.reportId).toBeUndefined()
      expect(batch.remote?.found).toEqual({ 'report-file': ROWS })
    }
  })

  it('lists in an unknown shape are reported to the analyst, and every row still ends', async () => {
    const batch = await runWith(engine, { listShape: 'unknown' })
    expectEveryRowAccountedFor(batch)
    expect(batch.counts.done).toBe(ROWS)
    // Rows with a record need their details, whose list comes in the unknown shape.
    const warning = harness!.events.find((e) => e.type === 'warning' && e.code === 'unknown-shape')
    expect(warning).toBeDefined()
    // The log has the structure of the answer, never what it held.
    const log = readFileSync(join(harness!.dataDir, 'logs', 'lote.log'), 'utf8')
    expect(log).toContain('in an unknown shape')
    expect(log).toContain('records')
    for (const name of ['Peña', 'García', 'Muñoz', 'López']) expect(log).not.toContain(name)
    if (engine === 'truora-batch') expect(batch.remote?.found).toEqual({ 'report-file': ROWS })
  })
})

describe('Truora batch engine: finding the checks', () => {
  it('uses the batch report_id when Truora gives one, and says so', async () => {
    const batch = await runWith('truora-batch', {})
    expectEveryRowAccountedFor(batch)
    expect(batch.remote?.found).toEqual({ 'report-id': ROWS })
  })

  it('falls back to listing the account checks when neither report_id nor a report can be had', async () => {
    // Stuck checks keep Truora's batch running, so no report; without report_id, only listing is left.
    const batch = await runWith('truora-batch', { omitReportId: true, stuckRate: 0.3 })
    expectEveryRowAccountedFor(batch)
    expect(batch.remote?.gaveUpWaiting).toBe(true)
    expect(batch.remote?.found).toEqual({ listing: ROWS })
    expect(batch.counts['given-up']).toBeGreaterThan(0)
  })
})
