import { describe, expect, it } from 'vitest'
import { PollSchedule } from '../../../src/main/batch/poll-schedule'

describe('poll schedule', () => {
  it('starts from the initial guess, then aims the first poll at when most checks have finished', () => {
    const schedule = new PollSchedule({ initialMs: 5000, minMs: 500 })
    expect(schedule.nextDelay('not_started', 0)).toBe(5100)
    for (let ms = 2000; ms <= 3000; ms += 10) schedule.observe(ms)
    expect(schedule.estimate()).toBeGreaterThanOrEqual(2850)
    expect(schedule.nextDelay('not_started', 0)).toBe((schedule.estimate() as number) + 100)
    expect(schedule.nextDelay('in_progress', 1000)).toBe((schedule.estimate() as number) - 1000 + 100)
  })

  it('backs off in proportion to the time already spent, within bounds', () => {
    const schedule = new PollSchedule({ initialMs: 1000, minMs: 500, maxMs: 60_000, backoffFactor: 0.4 })
    expect(schedule.nextDelay('in_progress', 10_000)).toBe(4000)
    expect(schedule.nextDelay('in_progress', 1_000_000)).toBe(60_000)
    expect(schedule.nextDelay('in_progress', 1000)).toBe(500)
  })

  it('waits long between polls of a delayed check', () => {
    const schedule = new PollSchedule({ delayedMs: 600_000 })
    expect(schedule.nextDelay('delayed', 5000)).toBe(600_000)
  })
})
