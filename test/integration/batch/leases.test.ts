// One worker per batch, whatever runs: two batch services on one data folder (as two processes would be)
// never work on the same batch at once; the one that finds it held leaves it alone and names the holder; a
// holder that stops renewing is taken over, and then writes nothing more. Every row is checked exactly once.
import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { createLogger } from '../../../src/main/log'
import { BatchService, type BatchServiceOptions } from '../../../src/main/batch/service'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { createHarness, personMapping, personRows, type Harness } from './harness'
import { waitUntil } from '../../helpers/wait'
import { testStoreKey } from '../../helpers/store-key'

let harness: Harness | undefined
const others: { service: BatchService; store: ResultsStore }[] = []
afterEach(async () => {
  for (const other of others.splice(0)) {
    await other.service.close()
    other.store.close()
  }
  await harness?.dispose()
  harness = undefined
})

/** Another batch service on the harness's data folder, as another process would have. */
function anotherProcess(h: Harness, options: Partial<BatchServiceOptions> = {}): BatchService {
  const store = new ResultsStore(join(h.dataDir, 'lote.db'), testStoreKey())
  const service = new BatchService({
    store,
    dataDir: h.dataDir,
    logger: createLogger({ file: join(h.dataDir, 'logs', 'other.log'), level: 'debug' }),
    accounts: h.connections,
    pollSchedule: { initialMs: 50, minMs: 20 },
    progressIntervalMs: 50,
    ...options
  })
  others.push({ service, store })
  return service
}

function newBatch(h: Harness, rows: number): string {
  const created = h.service.create({ mapping: personMapping, fileName: 'personas.xlsx' }, personRows(rows))
  h.service.authorize(created.id, { profileId: 'sandbox' })
  return created.id
}

describe('one worker per batch', () => {
  it('a second process leaves a running batch alone, says who holds it, and cannot pause or re-run it', async () => {
    harness = await createHarness({ latencyMs: 30 }, { holderName: 'lote run' })
    const id = newBatch(harness, 20)
    await harness.service.start(id, { skipHealthCheck: true })
    const other = anotherProcess(harness, { holderName: 'lote serve', adoptOrphans: true })

    await expect(other.start(id, { skipHealthCheck: true })).rejects.toThrow(
      /being worked on by lote run \(process \d+ on this computer, since \d\d:\d\d UTC\)/
    )
    expect(await other.resumeUnfinished()).toEqual([])
    expect(other.get(id).workedOnBy).toMatch(/^lote run \(process/)
    await expect(other.pause(id)).rejects.toThrow(/lote run/)
    await expect(other.rerunFailed(id)).rejects.toThrow(/lote run/)
    await expect(other.delete(id)).rejects.toThrow(/lote run/)

    const done = await harness.service.whenIdle(id)
    expect(done.status).toBe('completed')
    expect(harness.sandbox.stats()).toMatchObject({ checksCreated: 20, duplicates: 0 })
    // Once the holder is done, nobody holds it.
    expect(other.get(id).workedOnBy).toBeNull()
  })

  it('a holder that stops renewing is taken over; it then writes nothing more, and every row is checked once', async () => {
    // The first process renews far too rarely (as a frozen one would); the second counts it gone after 300 ms.
    harness = await createHarness(
      { latencyMs: 40 },
      { holderName: 'lote run', leaseTiming: { renewEveryMs: 60_000, staleAfterMs: 60_000 } }
    )
    const id = newBatch(harness, 40)
    await harness.service.start(id, { skipHealthCheck: true })
    await waitUntil(() => harness!.sandbox.stats().checksCreated >= 5)
    const other = anotherProcess(harness, {
      holderName: 'lote serve',
      adoptOrphans: true,
      leaseTiming: { renewEveryMs: 100, staleAfterMs: 300 }
    })
    await other.resumeUnfinished()
    // The first process's job ends on its own once it finds the batch taken.
    const first = await harness.service.whenIdle(id)
    expect(harness.events).toContainEqual(
      expect.objectContaining({
        type: 'warning',
        batchId: id,
        code: 'worker',
        message: expect.stringMatching(/lote serve/)
      })
    )
    expect(first.status).toBe('running')
    await waitUntil(() => other.isRunning(id) || other.get(id).status === 'completed')
    const done = await other.whenIdle(id)
    expect(done.status).toBe('completed')
    expect(done.counts.done).toBe(40)
    expect(harness.sandbox.stats()).toMatchObject({ checksCreated: 40, duplicates: 0 })
    expect(harness.store.journal.ofType(id, 'lease-taken-over')).toHaveLength(1)
  })

  it('"completed" with rows still waiting is not believed: the batch resumes and finishes', async () => {
    harness = await createHarness()
    const id = newBatch(harness, 6)
    // As an older version could leave it: marked completed while rows were still waiting.
    harness.store.batches.setStatus(id, 'completed', null, { started: true, finished: true })
    await harness.service.start(id, { skipHealthCheck: true })
    const done = await harness.service.whenIdle(id)
    expect(done.status).toBe('completed')
    expect(done.counts.done).toBe(6)
    expect(harness.store.ledger.isFinished(id)).toBe(true)
  })
})
