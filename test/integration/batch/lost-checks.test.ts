// Checks the other side no longer has, and checks Lote gave up waiting for, against a real Sandbox: a lost check
// ends its row in a state of its own (never a verdict) instead of being polled until the give-up limit, and a
// re-run checks it again; a given-up check is asked about once more before a new one is paid for.
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, personMapping, personRows, type Harness } from './harness'
import { waitFor } from '../sandbox/harness'

let harness: Harness | undefined

afterEach(async () => {
  await harness?.dispose()
  harness = undefined
})

function resultRows(batchId: string) {
  return harness!.store.results.page(batchId, { limit: 1000 }).rows
}

describe('checks lost by the other side', () => {
  it('ends their rows lost, counted and never low risk, without waiting for the give-up limit; a re-run checks them again', async () => {
    // Every check stays waiting, so the batch is still following all of them when the Sandbox forgets them.
    harness = await createHarness({ stuckRate: 1 })
    const created = harness.service.create(
      { mapping: personMapping, options: { giveUpAfterMs: 3_600_000 } },
      personRows(4)
    )
    harness.service.authorize(created.id, { profileId: 'sandbox' })
    await harness.service.start(created.id)
    await waitFor(
      () => harness!.store.batches.counts(created.id).running,
      (running) => running === 4
    )
    const lostIds = resultRows(created.id).map((row) => row.checkId)
    // A Sandbox started afresh (or a Truora that deleted them): every check answers 404 from now on.
    harness.sandbox.reset()

    const ended = await harness.service.whenIdle(created.id)
    expect(ended.counts.lost).toBe(4)
    expect(ended.counts.running + ended.counts['given-up']).toBe(0)
    // Nothing usable came of it: the batch says so instead of "completed".
    expect(ended.status).toBe('failed')
    expect(ended.statusCode).toBe('all-failed')
    expect(ended.statusMessage).toContain('4 checks were lost by Truora')
    for (const row of resultRows(created.id)) {
      expect(row.state).toBe('lost')
      expect(row.risk).toBe('unknown')
      expect(row.score).toBeNull()
      expect(row.lastError).toContain('HTTP 404')
    }
    const warnings = harness.events.filter((e) => e.type === 'warning' && e.code === 'lost')
    expect(warnings).toHaveLength(1)
    expect(harness.store.journal.ofType(created.id, 'check-lost')).toHaveLength(4)

    // Check them again: new checks, one per row, and this time they finish.
    harness.sandbox.configure({ stuckRate: 0 })
    const { rows, lookedAgain } = await harness.service.rerunFailed(created.id)
    expect(rows).toBe(4)
    expect(lookedAgain).toBe(0)
    const after = await harness.service.whenIdle(created.id)
    expect(after.status).toBe('completed')
    expect(after.counts.done).toBe(4)
    expect(after.counts.lost).toBe(0)
    const now = resultRows(created.id)
    for (const row of now) {
      expect(row.checkStatus).toBe('completed')
      expect(lostIds).not.toContain(row.checkId)
    }
    expect(harness.sandbox.stats().checksCreated).toBe(4)
    expect(harness.sandbox.stats().duplicates).toBe(0)
  })
})

describe('checks Lote gave up waiting for', () => {
  /** Four rows, the second of which Truora holds back (`delayed`, 6 simulated hours) past a 1.5 s give-up limit. */
  async function runWithOneGivenUp() {
    harness = await createHarness()
    const rows = personRows(4)
    rows[1] = { ...rows[1], inputs: { ...rows[1].inputs, national_id: '1000144' } }
    const batch = await harness.run(rows, { options: { giveUpAfterMs: 1_500 } })
    expect(batch.counts['given-up']).toBe(1)
    const givenUp = resultRows(batch.id).find((row) => row.state === 'given-up')!
    return { batch, givenUpCheck: givenUp.checkId }
  }

  it('a re-run looks again first: a check that has finished since is kept, and no new check is paid for it', async () => {
    const { batch, givenUpCheck } = await runWithOneGivenUp()
    const made = harness!.sandbox.stats().checksCreated
    // Seven simulated hours later, Truora has finished the delayed check.
    harness!.sandbox.advance((7 * 3_600_000) / 2000)
    const { rows, lookedAgain } = await harness!.service.rerunFailed(batch.id)
    expect({ rows, lookedAgain }).toEqual({ rows: 1, lookedAgain: 1 })
    const after = await harness!.service.whenIdle(batch.id)
    expect(after.status).toBe('completed')
    expect(after.counts['given-up']).toBe(0)
    expect(after.counts.done).toBe(4)
    const row = resultRows(batch.id).find((r) => r.checkId === givenUpCheck)!
    expect(row.state).toBe('done')
    expect(row.checkStatus).toBe('completed')
    expect(harness!.sandbox.stats().checksCreated).toBe(made)
  })

  it('a re-run gives a check still waiting a new check', async () => {
    const { batch, givenUpCheck } = await runWithOneGivenUp()
    const made = harness!.sandbox.stats().checksCreated
    const { rows, lookedAgain } = await harness!.service.rerunFailed(batch.id)
    expect({ rows, lookedAgain }).toEqual({ rows: 1, lookedAgain: 0 })
    await harness!.service.whenIdle(batch.id)
    expect(harness!.sandbox.stats().checksCreated).toBe(made + 1)
    const row = resultRows(batch.id).find((r) => r.row === 3)!
    expect(row.checkId).not.toBe(givenUpCheck)
    expect(harness!.sandbox.stats().duplicates).toBe(0)
  })
})

describe('poll timing', () => {
  it('learns from every final status, not only completed and error', async () => {
    harness = await createHarness({ unknownStatusRate: 1, unknownStatus: 'manual_review' })
    const batch = await harness.run(personRows(6))
    expect(batch.counts.unknownFinal).toBe(6)
    expect(harness.store.ledger.completionTimes(batch.id)).toHaveLength(6)
  })
})

describe('delayed checks', () => {
  it('progress says when Lote gives up on them: the give-up limit after each began waiting', async () => {
    harness = await createHarness()
    const rows = personRows(3)
    rows[0] = { ...rows[0], inputs: { ...rows[0].inputs, national_id: '1000044' } }
    const limit = 3_600_000
    const startedAt = Date.now()
    const created = harness.service.create(
      { mapping: personMapping, options: { giveUpAfterMs: limit } },
      rows
    )
    harness.service.authorize(created.id, { profileId: 'sandbox' })
    await harness.service.start(created.id)
    const event = await waitFor(
      () => harness!.events.find((e) => e.type === 'progress' && e.counts.delayed === 1),
      (found) => found !== undefined
    )
    if (event?.type !== 'progress') throw new Error('no progress event')
    const giveUpAt = Date.parse(event.delayedGiveUpAt ?? '')
    expect(giveUpAt).toBeGreaterThanOrEqual(startedAt - 1_000 + limit)
    expect(giveUpAt).toBeLessThanOrEqual(Date.now() + limit)
    await harness.service.cancel(created.id, { collect: false })
  })
})
