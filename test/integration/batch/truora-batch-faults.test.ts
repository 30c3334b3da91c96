// Truora batches under transient faults: every step that is safe to repeat is repeated; the one that is not —
// creating the batch after an answer that leaves open whether Truora made one — pauses the batch and tells the
// analyst what to check, and resuming finishes it with every row checked exactly once.
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, personMapping, personRows, type Harness } from './harness'
import { startTruoraProxy, type InjectedFault, type TruoraProxy } from '../../helpers/truora-proxy'

let harness: Harness | undefined
let proxy: TruoraProxy | undefined
afterEach(async () => {
  await harness?.dispose()
  await proxy?.close()
  harness = proxy = undefined
})

/** A harness whose engine talks to the Sandbox through a proxy that fails the first `count` batch creates. */
async function withFailingCreates(fault: InjectedFault, count: number): Promise<Harness> {
  let left = count
  const h = await createHarness()
  proxy = await startTruoraProxy(h.sandbox.url, {
    fault: (method, path) => (method === 'POST' && path === '/v1/batches' && left-- > 0 ? fault : null)
  })
  await h.connections.pin({ sandboxUrl: proxy.url })
  return h
}

function startTruoraBatch(h: Harness, rows = 10) {
  const created = h.service.create({ mapping: personMapping, engine: 'truora-batch' }, personRows(rows))
  h.service.authorize(created.id, { profileId: 'sandbox' })
  return created.id
}

describe('creating a Truora batch', () => {
  for (const when of ['after', 'before'] as const)
    it(`does not ask again after a 502 that may have made a batch (${when} Truora acted): it pauses, says what to check, and resumes`, async () => {
      harness = await withFailingCreates({ status: 502, when }, 1)
      const id = startTruoraBatch(harness)
      await harness.service.start(id)
      const paused = await harness.service.whenIdle(id)
      expect(paused.status).toBe('paused')
      expect(paused.statusMessage).toMatch(/cannot tell whether it made one/)
      expect(paused.statusMessage).toMatch(/empty batch created at about \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
      expect(paused.statusMessage).toMatch(/no check was created/)
      expect(harness.store.journal.ofType(id, 'batch-create-unanswered')).toHaveLength(1)
      // Only one request to create, never a second on its own; no check anywhere yet.
      expect(harness.sandbox.stats().requests['POST /v1/batches'] ?? 0).toBe(when === 'after' ? 1 : 0)
      expect(harness.sandbox.stats().checksCreated).toBe(0)

      await harness.service.resume(id)
      const done = await harness.service.whenIdle(id)
      expect(done.status).toBe('completed')
      expect(done.counts.done).toBe(10)
      const stats = harness.sandbox.stats()
      expect(stats.checksCreated).toBe(10)
      expect(stats.duplicates).toBe(0)
      expect(stats.requests['PUT /__uploads/{batch_id}/{token}']).toBe(1)
    })

  it('asks again by itself where Truora certainly made nothing (429)', async () => {
    harness = await withFailingCreates({ status: 429, when: 'before', headers: { 'retry-after': '0' } }, 3)
    const id = startTruoraBatch(harness)
    await harness.service.start(id)
    const done = await harness.service.whenIdle(id)
    expect(done.status).toBe('completed')
    expect(harness.sandbox.stats()).toMatchObject({ checksCreated: 10, duplicates: 0 })
    expect(harness.store.journal.ofType(id, 'batch-create-unanswered')).toHaveLength(0)
  })
})

describe('a Truora batch under 25% faults', () => {
  it('never fails: five runs finish, pausing only where Truora may have made a batch, each row checked once', async () => {
    const faults: number[] = []
    for (const seed of [11, 12, 13, 14, 15]) {
      harness = await createHarness(
        { faultRate: 0.25, seed },
        { clientTuning: { retryBaseMs: 5, retryMaxMs: 50, timeoutMs: 5_000 } }
      )
      const id = startTruoraBatch(harness, 12)
      let batch = (await harness.service.start(id, { skipHealthCheck: true })).batch
      const statuses: string[] = []
      for (let round = 0; round < 20; round++) {
        batch = await harness.service.whenIdle(id)
        statuses.push(batch.status)
        if (batch.status !== 'paused') break
        expect(batch.statusMessage).toMatch(/Truora/)
        await harness.service.resume(id)
      }
      expect(statuses, `seed ${seed}`).not.toContain('failed')
      expect(batch.status).toBe('completed')
      expect(batch.counts.done).toBe(12)
      const stats = harness.sandbox.stats()
      expect(stats.checksCreated).toBe(12)
      expect(stats.duplicates).toBe(0)
      faults.push(Object.values(stats.faults).reduce((a, b) => a + b, 0))
      await harness.dispose()
      harness = undefined
    }
    expect(faults.reduce((a, b) => a + b, 0)).toBeGreaterThan(5)
  })

  it('a Truora batch stopped by a refused key resumes like a direct one', async () => {
    harness = await createHarness({ refusedKeys: ['lote-sandbox-key'] })
    const id = startTruoraBatch(harness, 6)
    await harness.service.start(id, { skipHealthCheck: true })
    const stopped = await harness.service.whenIdle(id)
    expect(stopped).toMatchObject({ status: 'paused', statusCode: 'key_refused' })
    expect(stopped.statusMessage).toMatch(/API key was refused/)
    // The analyst fixes the key, then resumes.
    harness.sandbox.configure({ refusedKeys: [] })
    await harness.service.resume(id)
    const done = await harness.service.whenIdle(id)
    expect(done.status).toBe('completed')
    expect(harness.sandbox.stats()).toMatchObject({ checksCreated: 6, duplicates: 0 })
  })
})
