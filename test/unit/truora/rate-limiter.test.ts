import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../../src/main/truora/rate-limiter'
import { ManualClock } from './manual-clock'

/** Starts `count` acquires at once and records the virtual time each one is let through. */
function acquireAll(limiter: RateLimiter, clock: ManualClock, count: number): number[] {
  const times: number[] = []
  for (let i = 0; i < count; i++) void limiter.acquire().then(() => times.push(clock.now()))
  return times
}

describe('RateLimiter', () => {
  it('spaces requests at the configured rate', async () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 10, clock })
    const times = acquireAll(limiter, clock, 5)
    await clock.advance(1000)
    expect(times).toEqual([0, 100, 200, 300, 400])
  })

  it('lets a burst through back to back, then spaces the rest', async () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 10, burst: 3, clock })
    const times = acquireAll(limiter, clock, 5)
    await clock.advance(1000)
    expect(times).toEqual([0, 0, 0, 100, 200])
  })

  it('changes speed at run time with setRate, including its ceiling', async () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 10, clock })
    await limiter.acquire()
    limiter.setRate(2)
    const times = acquireAll(limiter, clock, 3)
    await clock.advance(2000)
    expect(times).toEqual([500, 1000, 1500])
    expect(limiter.snapshot()).toMatchObject({ rate: 2, maxRate: 2 })
  })

  it('pauses every caller for the Retry-After of a 429', async () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 100, clock })
    await limiter.acquire()
    limiter.report({ kind: 'throttled', retryAfterMs: 2000 })
    const times = acquireAll(limiter, clock, 3)
    await clock.advance(1999)
    expect(times).toEqual([])
    await clock.advance(1000)
    expect(times[0]).toBeGreaterThanOrEqual(2000)
    expect(times).toHaveLength(3)
    expect(limiter.snapshot().pausedUntil).toBe(0)
  })

  it('holds back callers that were already waiting when the pause began', async () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 1, clock })
    await limiter.acquire()
    const times = acquireAll(limiter, clock, 1)
    await clock.advance(500)
    limiter.pause(3000)
    await clock.advance(5000)
    expect(times[0]).toBeGreaterThanOrEqual(3500)
  })

  it('halves the rate on a 429 or 503 once per cooldown, never below the floor', () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 8, minRate: 1.5, decreaseCooldownMs: 1000, clock })
    limiter.report({ kind: 'throttled' })
    expect(limiter.rate).toBe(4)
    limiter.report({ kind: 'throttled' })
    expect(limiter.rate).toBe(4)
    return clock.advance(1000).then(() => {
      limiter.report({ kind: 'throttled' })
      expect(limiter.rate).toBe(2)
      return clock.advance(1000).then(() => {
        limiter.report({ kind: 'throttled' })
        expect(limiter.rate).toBe(1.5)
        expect(limiter.snapshot()).toMatchObject({ throttled: 4, decreases: 3 })
      })
    })
  })

  it('climbs back additively after sustained success, up to the ceiling', () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 4, increaseStep: 1, clock })
    limiter.report({ kind: 'throttled' })
    expect(limiter.rate).toBe(2)
    for (let i = 0; i < 2; i++) limiter.report({ kind: 'success' })
    expect(limiter.rate).toBe(3)
    for (let i = 0; i < 3; i++) limiter.report({ kind: 'success' })
    expect(limiter.rate).toBe(4)
    for (let i = 0; i < 20; i++) limiter.report({ kind: 'success' })
    expect(limiter.rate).toBe(4)
    expect(limiter.snapshot()).toMatchObject({ succeeded: 25, increases: 2 })
  })

  it('does not slow down for failures that are not about load', () => {
    const limiter = new RateLimiter({ rate: 5, clock: new ManualClock() })
    limiter.report({ kind: 'failure' })
    expect(limiter.rate).toBe(5)
    expect(limiter.snapshot().failed).toBe(1)
  })

  it('stops waiting when the caller aborts', async () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 1, clock })
    await limiter.acquire()
    const controller = new AbortController()
    const waiting = limiter.acquire(controller.signal)
    expect(limiter.snapshot().waiting).toBe(1)
    controller.abort(new Error('cancelled by the analyst'))
    await expect(waiting).rejects.toThrow('cancelled by the analyst')
    expect(limiter.snapshot()).toMatchObject({ waiting: 0, acquired: 1 })
  })

  it('counts acquired requests for progress displays', async () => {
    const clock = new ManualClock()
    const limiter = new RateLimiter({ rate: 50, clock })
    acquireAll(limiter, clock, 10)
    await clock.advance(1000)
    expect(limiter.snapshot().acquired).toBe(10)
  })
})
