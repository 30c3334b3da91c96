import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, personRows, type Harness } from './harness'

let harness: Harness | undefined

afterEach(async () => {
  await harness?.dispose()
  harness = undefined
})

describe('direct engine', () => {
  it('gives every valid row one final check with its details, and skips invalid rows', async () => {
    harness = await createHarness()
    const rows = personRows(40)
    rows[5] = { ...rows[5], status: 'error', issues: [] }
    const batch = await harness.run(rows, {
      options: { concurrency: 6, requestsPerSecond: 200, maxRequestsPerSecond: 200 }
    })
    expect(batch.status).toBe('completed')
    expect(batch.counts.done).toBe(39)
    expect(batch.counts.skipped).toBe(1)
    const stats = harness.sandbox.stats()
    expect(stats.checksCreated).toBe(39)
    expect(stats.duplicates).toBe(0)
    const page = harness.store.results.page(batch.id, { states: ['done'], limit: 1000 })
    expect(page.total).toBe(39)
    for (const row of page.rows) {
      expect(row.checkStatus).toBe('completed')
      expect(row.risk).not.toBe('pending')
    }
    // By default details are stored for the checks that need attention, not for low-risk ones.
    const risky = page.rows.find((row) => row.risk === 'high' || row.risk === 'medium')
    const clean = page.rows.find((row) => row.risk === 'low')
    expect(harness.store.results.check(risky?.checkId as string)?.details.length).toBeGreaterThan(0)
    expect(harness.store.results.check(clean?.checkId as string)?.details).toEqual([])
    expect(harness.store.results.check(clean?.checkId as string)?.datasets.criminal_record?.result).toBe(
      'not_found'
    )
    const finished = harness.events.filter((event) => event.type === 'finished')
    expect(finished).toHaveLength(1)
  })
})

describe('direct engine under trouble', () => {
  it('creates exactly one check per row for 1,000 rows with 20% injected faults', async () => {
    harness = await createHarness({ faultRate: 0.2, timeScale: 5000 })
    const batch = await harness.run(personRows(1000), {
      options: { concurrency: 16, requestsPerSecond: 2000, maxRequestsPerSecond: 2000, details: 'none' }
    })
    expect(batch.status).toBe('completed')
    expect(batch.counts.done).toBe(1000)
    const stats = harness.sandbox.stats()
    expect(stats.faults['drop-after'] + stats.faults['error-after']).toBeGreaterThan(0)
    expect(stats.checksCreated).toBe(1000)
    expect(stats.duplicates).toBe(0)
    expect(new Set(harness.store.results.checkIds(batch.id)).size).toBe(1000)
  }, 60_000)

  it('marks a row Truora refuses as failed with its message, never retried', async () => {
    harness = await createHarness()
    const rows = personRows(5)
    rows[2] = { ...rows[2], inputs: { ...rows[2].inputs, date_of_birth: '12/05/1990' } }
    const batch = await harness.run(rows, { options: { requestsPerSecond: 100, maxRequestsPerSecond: 100 } })
    expect(batch.status).toBe('completed')
    expect(batch.counts.failed).toBe(1)
    const failed = harness.store.results.page(batch.id, { states: ['failed'] }).rows[0]
    expect(failed.row).toBe(rows[2].row)
    expect(failed.lastError).toMatch(/date_of_birth/)
    expect(failed.attempts).toBe(1)
    expect(harness.events.some((event) => event.type === 'row-failed' && event.row === rows[2].row)).toBe(
      true
    )
  })

  it('calls a batch in which no row got a usable result failed, not completed, and says why per row', async () => {
    harness = await createHarness()
    // Every row carries a date Truora refuses: none can get a check.
    const rows = personRows(4).map((row) => ({
      ...row,
      inputs: { ...row.inputs, date_of_birth: '12/05/1990' }
    }))
    const batch = await harness.run(rows, { options: { requestsPerSecond: 100, maxRequestsPerSecond: 100 } })
    expect(batch).toMatchObject({ status: 'failed', statusCode: 'all-failed', counts: { failed: 4 } })
    expect(batch.statusMessage).toMatch(/None of the 4 rows got a usable result/)
    const failed = harness.store.results.page(batch.id, { states: ['failed'] }).rows
    expect(failed.map((row) => row.lastErrorCode)).toEqual([
      'input-refused',
      'input-refused',
      'input-refused',
      'input-refused'
    ])
  })

  it('stops the whole batch, paused and saying why, when the key is refused', async () => {
    harness = await createHarness({ refusedKeys: ['lote-sandbox-key'] })
    const created = harness.service.create(
      { mapping: (await import('./harness')).personMapping },
      personRows(10)
    )
    harness.service.authorize(created.id, { profileId: 'sandbox' })
    await expect(harness.service.start(created.id)).rejects.toThrow(/refused/)
    harness.sandbox.configure({ refusedKeys: [] })
    await harness.service.start(created.id)
    harness.sandbox.configure({ refusedKeys: ['lote-sandbox-key'] })
    const batch = await harness.service.whenIdle(created.id)
    expect(batch).toMatchObject({ status: 'paused', statusCode: 'key_refused' })
    expect(batch.statusMessage).toMatch(/API key was refused/)
    expect(harness.sandbox.stats().refusedKeys).toBeLessThanOrEqual(12)
  })

  it('refuses to start without the recorded authorisation', async () => {
    harness = await createHarness()
    const created = harness.service.create(
      { mapping: (await import('./harness')).personMapping },
      personRows(3)
    )
    await expect(harness.service.start(created.id)).rejects.toThrow(/authorised/)
    expect(harness.sandbox.stats().checksCreated).toBe(0)
    const authorised = harness.service.authorize(created.id, { profileId: 'sandbox' })
    expect(authorised.authorization?.profileId).toBe('sandbox')
    expect(Date.parse(authorised.authorization?.confirmedAt ?? '')).toBeGreaterThan(0)
  })

  it('warns before starting when Truora reports the country databases in outage', async () => {
    harness = await createHarness({ outages: [{ country: 'CO', status: 'major_outage' }] })
    const created = harness.service.create(
      { mapping: (await import('./harness')).personMapping },
      personRows(2)
    )
    harness.service.authorize(created.id, { profileId: 'sandbox' })
    const { warnings } = await harness.service.start(created.id)
    expect(warnings[0]?.message).toMatch(/out of service/)
    await harness.service.whenIdle(created.id)
    expect(harness.events.some((event) => event.type === 'warning' && event.code === 'health')).toBe(true)
  })

  it('pauses, resumes, and re-runs rows whose check ended in error with a new check', async () => {
    harness = await createHarness({ timeScale: 50 })
    const rows = personRows(30)
    rows[4] = { ...rows[4], inputs: { ...rows[4].inputs, national_id: '9000055' } }
    const created = harness.service.create(
      {
        mapping: (await import('./harness')).personMapping,
        options: { concurrency: 2, requestsPerSecond: 40, maxRequestsPerSecond: 40 }
      },
      rows
    )
    harness.service.authorize(created.id, { profileId: 'sandbox' })
    await harness.service.start(created.id)
    await waitFor(() => harness!.store.batches.counts(created.id).running >= 3)
    const paused = await harness.service.pause(created.id)
    expect(paused.status).toBe('paused')
    const sentAtPause = harness.sandbox.stats().checksCreated
    expect(sentAtPause).toBeLessThan(30)
    harness.sandbox.configure({ timeScale: 5000 })
    await harness.service.resume(created.id)
    const done = await harness.service.whenIdle(created.id)
    expect(done.status).toBe('completed')
    expect(done.counts.done).toBe(30)
    expect(done.counts.error).toBe(1)
    expect(harness.sandbox.stats().duplicates).toBe(0)

    const erroredCheck = harness.store.results.page(created.id, { checkStatuses: ['error'] }).rows[0].checkId
    const { rows: rerun } = await harness.service.rerunFailed(created.id)
    expect(rerun).toBe(1)
    const after = await harness.service.whenIdle(created.id)
    expect(after.status).toBe('completed')
    const row = harness.store.results.page(created.id, { text: '9000055' }).rows[0]
    expect(row.checkId).not.toBe(erroredCheck)
    expect(harness.sandbox.stats().checksCreated).toBe(31)
  })

  it('cancel stops creating but still collects the checks already created', async () => {
    harness = await createHarness({ timeScale: 20 })
    const created = harness.service.create(
      {
        mapping: (await import('./harness')).personMapping,
        options: { concurrency: 2, requestsPerSecond: 30, maxRequestsPerSecond: 30 }
      },
      personRows(60)
    )
    harness.service.authorize(created.id, { profileId: 'sandbox' })
    await harness.service.start(created.id)
    await waitFor(() => harness!.store.batches.counts(created.id).running >= 4)
    await harness.service.cancel(created.id)
    harness.sandbox.configure({ timeScale: 5000 })
    const batch = await harness.service.whenIdle(created.id)
    expect(batch.status).toBe('cancelled')
    const made = harness.sandbox.stats().checksCreated
    expect(batch.counts.done).toBe(made)
    expect(batch.counts.cancelled).toBe(60 - made)
    expect(batch.counts.running + batch.counts.pending + batch.counts.creating).toBe(0)
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('Timed out waiting for a condition')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
