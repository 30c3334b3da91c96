// The Sandbox's rate limit, as Truora limits an account: one token bucket over the whole API, filled at
// `rateLimit` requests a second up to `rateLimitBurst` (a tenth of a second's worth by default).
import type { SandboxKnobs } from './knobs'

export class TokenBucket {
  private tokens = 0
  private tokensAt = 0

  constructor(
    private readonly knobs: () => Pick<SandboxKnobs, 'rateLimit' | 'rateLimitBurst'>,
    private readonly now: () => number
  ) {
    this.refill()
  }

  /** Full again, e.g. after the limit changed. */
  refill(): void {
    this.tokens = this.burst()
    this.tokensAt = this.now()
  }

  /** Takes a token for a request; returns the seconds to wait when the request is over the limit. */
  take(): number | null {
    const rate = this.knobs().rateLimit
    if (rate <= 0) return null
    const now = this.now()
    this.tokens = Math.min(this.burst(), this.tokens + ((now - this.tokensAt) * rate) / 1000)
    this.tokensAt = now
    if (this.tokens >= 1) {
      this.tokens -= 1
      return null
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / rate))
  }

  private burst(): number {
    const { rateLimit, rateLimitBurst } = this.knobs()
    return rateLimitBurst || Math.max(1, rateLimit / 10)
  }
}
