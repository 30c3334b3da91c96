// When to ask Truora about a check again. Every poll costs a request out of the account's rate, so the first
// poll goes out when checks of this batch have usually finished (learned from the ones already done), and
// later polls back off in proportion to how long the check has been running.

export interface PollScheduleOptions {
  /** First poll before anything has been learned. */
  initialMs?: number
  /** Never poll sooner than this after the last poll. */
  minMs?: number
  /** Never wait longer than this between polls of a running check. */
  maxMs?: number
  /** Wait between polls of a `delayed` check: Truora says those can take days. */
  delayedMs?: number
  /** Share of the elapsed time to wait after a poll that found the check still running. */
  backoffFactor?: number
  /** Which quantile of observed durations the first poll aims at. */
  quantile?: number
}

const WINDOW = 200

export class PollSchedule {
  private readonly initialMs: number
  private readonly minMs: number
  private readonly maxMs: number
  private readonly delayedMs: number
  private readonly backoffFactor: number
  private readonly quantile: number
  private readonly durations: number[] = []
  private cachedEstimate: number | null = null

  constructor(options: PollScheduleOptions = {}) {
    this.initialMs = options.initialMs ?? 5_000
    this.minMs = options.minMs ?? 500
    this.maxMs = options.maxMs ?? 5 * 60_000
    this.delayedMs = options.delayedMs ?? 10 * 60_000
    this.backoffFactor = options.backoffFactor ?? 0.4
    this.quantile = options.quantile ?? 0.9
  }

  /** How long a finished check took from creation to its final status. */
  observe(durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return
    this.durations.push(durationMs)
    if (this.durations.length > WINDOW) this.durations.shift()
    this.cachedEstimate = null
  }

  /** The learned time by which most checks are final, or null before any finished. */
  estimate(): number | null {
    if (this.durations.length === 0) return null
    if (this.cachedEstimate === null) {
      const sorted = [...this.durations].sort((a, b) => a - b)
      this.cachedEstimate = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * this.quantile))]
    }
    return this.cachedEstimate
  }

  /** Delay from now until the next poll of a check that has been running `elapsedMs` with this status. */
  nextDelay(status: string, elapsedMs: number): number {
    if (status === 'delayed') return this.delayedMs
    const estimate = this.estimate() ?? this.initialMs
    // A small margin past the estimate: a poll a moment early is a wasted request.
    if (elapsedMs < estimate) return Math.max(this.minMs, estimate - elapsedMs + 100)
    return Math.min(this.maxMs, Math.max(this.minMs, elapsedMs * this.backoffFactor))
  }
}
