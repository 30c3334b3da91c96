// Batches a crash or a shutdown left running continue: at start, and (in the desktop app and `lote serve`)
// whenever the process working on one dies, unless another live process works on it.
import type { Logger } from '../log'
import type { ResultsStore } from '../store/results/results-store'
import { UNFINISHED_STATUSES } from '../../shared/batch'
import { describeError } from './engine'
import { describeHolder, type Leasing } from './leasing'

export interface AdoptionOptions {
  store: ResultsStore
  leasing: Leasing
  log: Logger
  /** Whether a job of the batch runs in this process. */
  isRunning: (batchId: string) => boolean
  /** Starts (continues) a batch in this process. */
  start: (batchId: string) => Promise<unknown>
  /** Keep looking for batches whose worker died later (else look once). */
  keepLooking: boolean
}

export class Adoption {
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly options: AdoptionOptions) {}

  /**
   * Continues every batch a crash or a shutdown left running, except those another live process works on:
   * those are left alone. With `keepLooking`, keeps looking, and takes over batches whose worker dies later.
   * Returns the ids resumed now.
   */
  async resumeUnfinished(): Promise<string[]> {
    const resumed = await this.adoptUnfinished()
    if (this.options.keepLooking && !this.timer) {
      this.timer = setInterval(() => {
        void this.adoptUnfinished().catch((error: unknown) =>
          this.options.log.warn('Could not look for batches left by a stopped process', error)
        )
      }, this.options.leasing.timing.renewEveryMs)
      this.timer.unref()
    }
    return resumed
  }

  /** Stops looking. */
  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  private async adoptUnfinished(): Promise<string[]> {
    const { store, leasing, log } = this.options
    const resumed: string[] = []
    for (const batch of store.batches.withStatus(UNFINISHED_STATUSES)) {
      if (this.options.isRunning(batch.id)) continue
      const holder = leasing.heldElsewhere(batch.id)
      if (holder) {
        log.info(`Batch ${batch.id} is left to ${describeHolder(holder)}`)
        continue
      }
      try {
        await this.options.start(batch.id)
        resumed.push(batch.id)
      } catch (error) {
        // Another process took it first (they raced for it): theirs now.
        if (leasing.heldElsewhere(batch.id)) continue
        log.error(`Could not resume batch ${batch.id}`, error)
        try {
          store.batches.setStatus(batch.id, 'paused', `Could not resume: ${describeError(error)}`)
        } catch (write) {
          log.warn(`Could not record why batch ${batch.id} did not resume`, write)
        }
      }
    }
    return resumed
  }
}
