// A job that cannot go on for a reason outside the batch waits, paused and saying why, and goes on by itself:
// a resumed batch whose connection does not answer, a data folder that cannot be written (full disk, failing
// or locked database). The batch is shown paused, with the reason, while its job waits here.
import { statfsSync } from 'node:fs'
import type { Logger } from '../log'
import { LeaseLost } from '../store/results/batch-leases'
import type { ResultsStore } from '../store/results/results-store'
import { isDiskFull } from '../store/storage-faults'
import type { Clock } from '../truora/clock'
import type { TruoraClient } from '../truora/client'
import { mayHaveReachedServer, TruoraError } from '../truora/errors'
import type { BatchEvent, BatchSummary } from '../../shared/batch'
import { describeError } from './engine'
import type { Leasing } from './leasing'

/** Free space below which the disk still counts as full while a batch waits for it. */
const MIN_FREE_BYTES = 8 * 1024 * 1024

export interface StallsOptions {
  store: Pick<ResultsStore, 'journal'>
  leasing: Leasing
  log: Logger
  clock: Clock
  emit: (event: BatchEvent) => void
  /** The data folder whose free space is watched. */
  dataDir: string
  /** While the disk is full (or the database cannot be written), how often to look again, ms. */
  storageRetryMs?: number
  /** While a resumed batch's connection does not answer, how often to look again, ms. */
  connectionRetryMs?: number
}

export class Stalls {
  /** Batches whose job waits, with what to tell. */
  private readonly reasons = new Map<string, string>()

  constructor(private readonly options: StallsOptions) {}

  /** Why the batch's job waits, when it does. */
  reason(batchId: string): string | undefined {
    return this.reasons.get(batchId)
  }

  /** The job ended: whatever it waited for no longer matters. */
  end(batchId: string): void {
    this.reasons.delete(batchId)
  }

  /**
   * A resumed batch continues only where its checks are. When that place does not answer at all (a Sandbox
   * that was stopped, no network), the job waits, paused and saying so, and goes on when it answers; false
   * when it was stopped meanwhile.
   */
  async forConnection(batch: BatchSummary, client: TruoraClient, signal: AbortSignal): Promise<boolean> {
    const { log, clock } = this.options
    const where = batch.options.endpoint
      ? `The Sandbox this batch ran on (${batch.options.endpoint}) is not answering. The batch waits for it and continues when it answers; its checks are there, so it cannot go on anywhere else.`
      : 'Truora cannot be reached from this computer. The batch waits and continues when Truora answers.'
    for (let told = false; ;) {
      try {
        await client.listCustomTypes({ signal })
      } catch (error) {
        const unreachable =
          error instanceof TruoraError && error.kind === 'network' && !mayHaveReachedServer(error)
        if (!unreachable) break
        if (signal.aborted) return false
        if (!told) {
          told = true
          this.reasons.set(batch.id, where)
          log.warn(`Batch ${batch.id}: ${where} (${describeError(error)})`)
          this.warn(batch.id, 'connection', where)
        }
        try {
          await clock.sleep(this.options.connectionRetryMs ?? 15_000, signal)
        } catch {
          return false
        }
        continue
      }
      break
    }
    if (this.reasons.delete(batch.id))
      this.warn(batch.id, 'connection', 'The connection answers again: the batch continues.')
    return !signal.aborted
  }

  /**
   * The job waits, paused and saying why, until the data folder takes writes again (free space, and a write
   * that succeeds); false when it was stopped meanwhile.
   */
  async forStorage(batchId: string, error: unknown, signal: AbortSignal): Promise<boolean> {
    const { store, leasing, log, clock } = this.options
    const message = isDiskFull(error)
      ? 'The disk holding Lote’s data is full. The batch is paused and continues by itself when there is space again; nothing was lost.'
      : `Lote cannot write to its data folder (${describeError(error)}). The batch is paused and continues by itself when it can write again; nothing was lost.`
    this.reasons.set(batchId, message)
    log.warn(`Batch ${batchId}: ${message}`, error)
    this.warn(batchId, 'storage', message)
    const every = this.options.storageRetryMs ?? 5_000
    for (;;) {
      try {
        await clock.sleep(every, signal)
      } catch {
        return false
      }
      if (signal.aborted) return false
      try {
        const disk = statfsSync(this.options.dataDir)
        if (disk.bavail * disk.bsize < MIN_FREE_BYTES) continue
        leasing.fenced(batchId, () => store.journal.add(batchId, 'storage-recovered'))
      } catch (retry) {
        if (retry instanceof LeaseLost) throw retry
        continue
      }
      this.reasons.delete(batchId)
      log.info(`Batch ${batchId}: the data folder takes writes again; continuing`)
      this.warn(batchId, 'storage', 'There is space again: the batch continues.')
      return true
    }
  }

  private warn(batchId: string, code: 'connection' | 'storage', message: string): void {
    this.options.emit({ type: 'warning', batchId, code, message, at: new Date().toISOString() })
  }
}
