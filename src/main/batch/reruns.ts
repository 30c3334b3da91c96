// Re-running a batch's failed rows: the rows that got no check, whose check ended in error, was lost or was
// given up go back in line. Checks Lote gave up waiting for are asked about once more first, so a check that
// finished meanwhile is kept instead of paid for again.
import { AppError } from '../../shared/result'
import type { BatchSummary } from '../../shared/batch'
import type { ResultsStore } from '../store/results/results-store'
import { TruoraError } from '../truora/errors'
import { isFinalCheckStatus } from '../truora/types'
import { clientForBatch, type AccountClients } from './accounts'
import type { Leasing } from './leasing'

export interface RerunsOptions {
  store: ResultsStore
  accounts: AccountClients
  leasing: Leasing
  /** Whether a job of the batch runs in this process. */
  isRunning: (batchId: string) => boolean
  get: (batchId: string) => BatchSummary
  /** Starts the batch again once its rows are back in line. */
  start: (batchId: string) => Promise<{ batch: BatchSummary }>
}

export class Reruns {
  constructor(private readonly options: RerunsOptions) {}

  /**
   * Puts the rows that failed to get a check, whose check ended in `error`, was lost or was given up, back in
   * line and starts the batch again. Checks Lote gave up waiting for are first asked about once more: one that
   * has finished since is kept (no new check is paid for it); the others get a new check. Returns how many rows
   * run again, and how many of them were given-up checks found finished.
   */
  async rerunFailed(batchId: string): Promise<{ rows: number; lookedAgain: number; batch: BatchSummary }> {
    const { store, leasing, get } = this.options
    if (this.options.isRunning(batchId))
      throw new AppError('conflict', 'Wait for the batch to finish (or pause it) before re-running rows.')
    leasing.refuseIfHeldElsewhere(batchId)
    const batch = get(batchId)
    // Before anything changes: when Truora cannot be asked, nothing is re-run (and nothing paid twice).
    const lookedAgain = await this.lookAgainAtGivenUp(batch)
    const { cancel: _cancel, ...options } = batch.options
    store.batches.setOptions(batchId, { ...options })
    const rows = store.ledger.resetForRerun(batchId) + lookedAgain
    if (rows === 0) return { rows, lookedAgain, batch: get(batchId) }
    if (batch.engine === 'truora-batch' && batch.remote?.step === 'collected') {
      // Re-runs go one by one: the Truora batch is finished and its upload link spent.
      store.batches.setEngine(batchId, 'direct')
    }
    store.batches.setStatus(batchId, 'running')
    const { batch: started } = await this.options.start(batchId)
    return { rows, lookedAgain, batch: started }
  }

  /**
   * Asks Truora once more about each check Lote gave up waiting for. Those final now go back to their rows
   * (`reopenGivenUp`); those still waiting or no longer found stay given up, for `resetForRerun` to give them a
   * new check. Returns how many were final.
   */
  private async lookAgainAtGivenUp(batch: BatchSummary): Promise<number> {
    const { store } = this.options
    const givenUp = store.ledger.givenUpChecks(batch.id)
    if (givenUp.length === 0) return 0
    const { client } = await clientForBatch(this.options.accounts, batch)
    let final = 0
    for (const { checkId } of givenUp) {
      try {
        const check = await client.getCheck(checkId)
        if (!isFinalCheckStatus(check.status)) continue
        store.ledger.reopenGivenUp(check)
        final++
      } catch (error) {
        if (!(error instanceof TruoraError && error.kind === 'not_found')) throw error
      }
    }
    store.journal.add(batch.id, 'looked-again', null, { checks: givenUp.length, final })
    return final
  }
}
