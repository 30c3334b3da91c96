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
    const page = harness.service.rows(batch.id, { states: ['done'], limit: 1000 })
    expect(page.total).toBe(39)
    for (const row of page.rows) {
      expect(row.checkStatus).toBe('completed')
      expect(row.risk).not.toBe('pending')
    }
    const check = harness.service.check(page.rows[0].checkId as string)
    expect(check.details.length).toBeGreaterThan(0)
    const finished = harness.events.filter((event) => event.type === 'finished')
    expect(finished).toHaveLength(1)
  })
})
