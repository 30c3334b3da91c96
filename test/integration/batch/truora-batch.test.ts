import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, personMapping, personRows, type Harness } from './harness'

let harness: Harness | undefined

afterEach(async () => {
  await harness?.dispose()
  harness = undefined
})

describe('Truora batch engine', () => {
  it('uploads one file, monitors the batch, downloads the report and collects every check', async () => {
    harness = await createHarness()
    const rows = personRows(25)
    const batch = await harness.run(rows, { engine: 'truora-batch' })
    expect(batch.status).toBe('completed')
    expect(batch.counts.done).toBe(25)
    expect(batch.remote?.step).toBe('collected')
    expect(batch.remote?.batchId).toMatch(/^BAT/)
    const stats = harness.sandbox.stats()
    expect(stats.requests['POST /v1/batches']).toBe(1)
    expect(stats.requests['PUT /__uploads/{batch_id}/{token}']).toBe(1)
    expect(stats.requests['POST /v1/checks'] ?? 0).toBe(0)
    expect(stats.checksCreated).toBe(25)
    const report = harness.store.results.files(batch.id, 'batch-report')
    expect(report).toHaveLength(1)
    expect(existsSync(report[0].path)).toBe(true)
    const page = harness.store.results.page(batch.id, { limit: 100 })
    expect(new Set(page.rows.map((row) => row.checkId)).size).toBe(25)
  })

  it('continues a batch from where a restart left it, without a second upload', async () => {
    harness = await createHarness({ timeScale: 5 }, { remotePollMs: 20 })
    const created = harness.service.create({ mapping: personMapping, engine: 'truora-batch' }, personRows(12))
    harness.service.authorize(created.id, { profileId: 'sandbox' })
    await harness.service.start(created.id)
    await waitFor(() => harness!.store.batches.get(created.id).remote?.step === 'started')
    // A shutdown, as when the laptop closes: the batch stays `running` and resumes on the next start.
    await harness.service.close()
    expect(harness.store.batches.get(created.id).status).toBe('running')
    harness.sandbox.configure({ timeScale: 5000 })
    const resumed = await harness.service.resumeUnfinished()
    expect(resumed).toEqual([created.id])
    const batch = await harness.service.whenIdle(created.id)
    expect(batch.status).toBe('completed')
    expect(batch.counts.done).toBe(12)
    const stats = harness.sandbox.stats()
    expect(stats.requests['POST /v1/batches']).toBe(1)
    expect(stats.requests['PUT /__uploads/{batch_id}/{token}']).toBe(1)
    expect(stats.duplicates).toBe(0)
  })

  it('stops the Truora batch on cancel and still collects what it created', async () => {
    harness = await createHarness({ timeScale: 5 }, { remotePollMs: 20 })
    const created = harness.service.create({ mapping: personMapping, engine: 'truora-batch' }, personRows(10))
    harness.service.authorize(created.id, { profileId: 'sandbox' })
    await harness.service.start(created.id)
    await waitFor(() => harness!.store.batches.get(created.id).remote?.step === 'started')
    await harness.service.cancel(created.id)
    await waitFor(() => harness!.store.batches.get(created.id).remote?.stopRequested === true)
    harness.sandbox.configure({ timeScale: 5000 })
    const batch = await harness.service.whenIdle(created.id)
    expect(batch.status).toBe('cancelled')
    expect(harness.sandbox.stats().requests['PUT /v1/batches/{batch_id}']).toBe(1)
    expect(batch.counts.done + batch.counts.cancelled).toBe(10)
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('Timed out waiting for a condition')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
