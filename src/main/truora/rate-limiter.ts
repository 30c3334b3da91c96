// A request rate limiter shared by every caller of one Truora account. Truora publishes no limits, so
// it adapts (AIMD): it halves the rate when the API says "slow down" (429/503), pauses everyone for the
// `Retry-After` the API asked for, and creeps back up while requests keep succeeding.
import { systemClock, type Clock } from './clock'

export interface RateLimiterOptions {
  /** Starting rate, requests per second. */
  rate: number
  /** Ceiling the rate climbs back to after slowing down (defaults to `rate`). */
  maxRate?: number
  /** Floor, so a stormy minute never stops a batch entirely (default 0.5/s). */
  minRate?: number
  /** Requests allowed back to back before spacing applies (default 1). */
  burst?: number
  /** Multiplier applied on a 429/503 (default 0.5). */
  decreaseFactor?: number
  /** Requests per second added after about a second's worth of successes (default 1). */
  increaseStep?: number
  /** One decrease per window: a burst of 429s from requests already in flight is one signal, not many. */
  decreaseCooldownMs?: number
  clock?: Clock
}

export type RequestOutcome =
  { kind: 'success' } | { kind: 'throttled'; retryAfterMs?: number } | { kind: 'failure' }

export interface RateLimiterSnapshot {
  rate: number
  maxRate: number
  minRate: number
  /** Epoch ms until which every caller waits (0 when not paused). */
  pausedUntil: number
  waiting: number
  acquired: number
  succeeded: number
  throttled: number
  failed: number
  decreases: number
  increases: number
}

export class RateLimiter {
  private currentRate: number
  private maxRate: number
  private minRate: number
  private readonly burst: number
  private readonly decreaseFactor: number
  private readonly increaseStep: number
  private readonly decreaseCooldownMs: number
  private readonly clock: Clock

  // Token bucket that may go negative: a negative balance is the queue of callers already promised a slot.
  private tokens: number
  private tokensAt: number
  private pausedUntil = 0
  private lastDecreaseAt = Number.NEGATIVE_INFINITY
  private successStreak = 0
  private waiting = 0
  private counters = { acquired: 0, succeeded: 0, throttled: 0, failed: 0, decreases: 0, increases: 0 }

  constructor(options: RateLimiterOptions) {
    if (!(options.rate > 0))
      throw new RangeError('The rate must be a positive number of requests per second.')
    this.clock = options.clock ?? systemClock
    this.maxRate = Math.max(options.maxRate ?? options.rate, options.rate)
    this.minRate = Math.min(options.minRate ?? 0.5, options.rate)
    this.currentRate = options.rate
    this.burst = Math.max(1, options.burst ?? 1)
    this.decreaseFactor = options.decreaseFactor ?? 0.5
    this.increaseStep = options.increaseStep ?? 1
    this.decreaseCooldownMs = options.decreaseCooldownMs ?? 1000
    this.tokens = this.burst
    this.tokensAt = this.clock.now()
  }

  get rate(): number {
    return this.currentRate
  }

  /** Waits for this caller's turn. Rejects with the signal's reason when aborted while waiting. */
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted()
    this.waiting++
    try {
      for (;;) {
        const delay = this.reserve()
        if (delay > 0) await this.clock.sleep(delay, signal)
        // A pause that began while this caller slept also applies to it.
        if (this.clock.now() >= this.pausedUntil) break
      }
      this.counters.acquired++
    } finally {
      this.waiting--
    }
  }

  /** Takes a slot and says how long to wait for it (ms). */
  private reserve(): number {
    const now = this.clock.now()
    this.refill(now)
    this.tokens -= 1
    const start = Math.max(this.tokensAt, now)
    const deficitMs = this.tokens < 0 ? (-this.tokens * 1000) / this.currentRate : 0
    return start - now + deficitMs
  }

  private refill(now: number): void {
    if (now > this.tokensAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.tokensAt) * this.currentRate) / 1000)
      this.tokensAt = now
    }
  }

  report(outcome: RequestOutcome): void {
    const now = this.clock.now()
    switch (outcome.kind) {
      case 'success':
        this.counters.succeeded++
        this.successStreak++
        if (
          this.successStreak >= Math.max(1, Math.round(this.currentRate)) &&
          this.currentRate < this.maxRate
        ) {
          this.changeRate(Math.min(this.maxRate, this.currentRate + this.increaseStep), now)
          this.counters.increases++
          this.successStreak = 0
        }
        return
      case 'throttled':
        this.counters.throttled++
        this.successStreak = 0
        if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > 0) this.pause(outcome.retryAfterMs)
        if (now - this.lastDecreaseAt >= this.decreaseCooldownMs) {
          this.lastDecreaseAt = now
          this.changeRate(Math.max(this.minRate, this.currentRate * this.decreaseFactor), now)
          this.counters.decreases++
        }
        return
      case 'failure':
        // Errors that are not about load (a 500, a reset) say nothing about the rate.
        this.counters.failed++
        return
    }
  }

  /** Every caller waits at least until `ms` from now. */
  pause(ms: number): void {
    const now = this.clock.now()
    const until = now + ms
    if (until <= this.pausedUntil) return
    this.refill(now)
    this.pausedUntil = until
    // Nothing accrues during the pause, and callers resume one slot apart rather than all at once.
    this.tokens = Math.min(this.tokens, 1)
    this.tokensAt = Math.max(this.tokensAt, until)
  }

  /** Sets the rate and its ceiling, e.g. from the analyst's setting while a batch runs. */
  setRate(rate: number): void {
    if (!(rate > 0)) throw new RangeError('The rate must be a positive number of requests per second.')
    this.maxRate = rate
    this.minRate = Math.min(this.minRate, rate)
    this.changeRate(rate, this.clock.now())
  }

  private changeRate(rate: number, now: number): void {
    this.refill(now)
    this.currentRate = rate
  }

  snapshot(): RateLimiterSnapshot {
    return {
      rate: this.currentRate,
      maxRate: this.maxRate,
      minRate: this.minRate,
      pausedUntil: this.pausedUntil > this.clock.now() ? this.pausedUntil : 0,
      waiting: this.waiting,
      ...this.counters
    }
  }
}
