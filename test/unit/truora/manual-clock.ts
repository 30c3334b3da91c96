// A clock that moves only when the test says so; sleepers wake in time order.
import type { Clock } from '../../../src/main/truora/clock'

interface Sleeper {
  at: number
  resolve: () => void
}

export class ManualClock implements Clock {
  private time = 0
  private sleepers: Sleeper[] = []

  now(): number {
    return this.time
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = { at: this.time + ms, resolve }
      this.sleepers.push(sleeper)
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((other) => other !== sleeper)
          reject(signal.reason)
        },
        { once: true }
      )
    })
  }

  /** Moves time forward, waking each sleeper at its moment and letting its continuation run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms
    for (;;) {
      await flush()
      const next = this.sleepers.filter((sleeper) => sleeper.at <= target).sort((a, b) => a.at - b.at)[0]
      if (!next) break
      this.sleepers = this.sleepers.filter((sleeper) => sleeper !== next)
      this.time = Math.max(this.time, next.at)
      next.resolve()
    }
    this.time = target
    await flush()
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}
