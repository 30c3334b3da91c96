// Turns a job's state changes into `progress` events: counts by state, pace, ETA, at most a few per second
// however fast rows finish, and always one last event with the final counts.
import { rowsWithOutcome, type BatchEvent, type EnginePhase, type ProgressCounts } from '../../shared/batch'

export interface ProgressSource {
  counts(): ProgressCounts
  /** When the delayed check that began waiting last began (epoch ms); null when none is delayed. */
  delayedSince(): number | null
  /** The batch's give-up limit, ms. */
  giveUpAfterMs: number
  /** Requests sent to Truora so far by this job. */
  requests(): number
  phase(): EnginePhase
}

interface Sample {
  at: number
  finished: number
  requests: number
}

const PACE_WINDOW_MS = 60_000

export class ProgressReporter {
  private samples: Sample[] = []
  private lastEmit = 0
  private timer: NodeJS.Timeout | null = null
  private closed = false

  constructor(
    private readonly batchId: string,
    private readonly source: ProgressSource,
    private readonly emit: (event: BatchEvent) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now
  ) {}

  /** Something changed; an event follows within the interval. */
  changed(): void {
    if (this.closed || this.timer) return
    const wait = Math.max(0, this.lastEmit + this.intervalMs - this.now())
    this.timer = setTimeout(() => {
      this.timer = null
      this.flush()
    }, wait)
    this.timer.unref?.()
  }

  /** Emits now (e.g. before `finished`). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.closed) return
    this.lastEmit = this.now()
    this.emit(this.snapshot())
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.closed = true
  }

  private delayedGiveUpAt(counts: ProgressCounts): string | null {
    if (counts.delayed === 0) return null
    const since = this.source.delayedSince()
    return since === null ? null : new Date(since + this.source.giveUpAfterMs).toISOString()
  }

  snapshot(): Extract<BatchEvent, { type: 'progress' }> {
    const counts = this.source.counts()
    const at = this.now()
    const finished = rowsWithOutcome(counts)
    const total = finished + counts.pending + counts.creating + counts.running
    const requests = this.source.requests()
    this.samples.push({ at, finished, requests })
    while (this.samples.length > 2 && at - this.samples[0].at > PACE_WINDOW_MS) this.samples.shift()
    const first = this.samples[0]
    const seconds = (at - first.at) / 1000
    const rowsPerSecond = seconds > 0 ? (finished - first.finished) / seconds : 0
    const requestsPerSecond = seconds > 0 ? (requests - first.requests) / seconds : 0
    const remaining = total - finished
    return {
      type: 'progress',
      batchId: this.batchId,
      counts,
      total,
      finished,
      rowsPerMinute: Math.round(rowsPerSecond * 60 * 10) / 10,
      requestsPerSecond: Math.round(requestsPerSecond * 10) / 10,
      etaSeconds: remaining === 0 ? 0 : rowsPerSecond > 0 ? Math.round(remaining / rowsPerSecond) : null,
      delayedGiveUpAt: this.delayedGiveUpAt(counts),
      phase: this.source.phase(),
      at: new Date(at).toISOString()
    }
  }
}
