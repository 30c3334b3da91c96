// The run loop: one job per running batch in this process. A job holds the batch's lease, runs its engine
// (direct or Truora batch) until the batch is finished, paused, cancelled or taken over, waits out a lost
// connection or a full disk on the way, and writes the batch's last word: its final status and why.
import { setMaxListeners } from 'node:events'
import { join } from 'node:path'
import type { AccountClient } from '../connections/connections'
import type { Logger } from '../log'
import { LeaseLost } from '../store/results/batch-leases'
import type { ResultsStore } from '../store/results/results-store'
import { isStorageFault } from '../store/storage-faults'
import type { TruoraClient } from '../truora/client'
import type { Clock } from '../truora/clock'
import { TruoraError } from '../truora/errors'
import {
  rowsWithOutcome,
  type BatchEvent,
  type BatchStatus,
  type BatchStatusCode,
  type BatchSummary,
  type ProgressCounts
} from '../../shared/batch'
import { DirectEngine } from './direct-engine'
import { BatchStopped, describeError, type Engine, type EngineContext, type JobControl } from './engine'
import { describeHolder, type Leasing } from './leasing'
import { PollSchedule, type PollScheduleOptions } from './poll-schedule'
import { ProgressReporter } from './progress'
import type { Stalls } from './stalls'
import { TruoraBatchEngine } from './truora-batch-engine'

/** Why a job was stopped from outside: the analyst, the app closing, or another process taking the batch. */
export type StopReason = 'pause' | 'shutdown' | 'cancel' | 'lease-lost'

/** A batch's job in this process. */
export interface Job {
  batchId: string
  /** Aborted with a StopReason to stop the job. */
  controller: AbortController
  control: JobControl
  engine: Engine | null
  /** Resolves with the batch as it ended. */
  done: Promise<BatchSummary>
}

type RunOutcome = { status: BatchStatus; message: string | null; code?: BatchStatusCode | null }

export interface JobRunnerOptions {
  store: ResultsStore
  leasing: Leasing
  stalls: Stalls
  log: Logger
  clock: Clock
  emit: (event: BatchEvent) => void
  /** The batch as the service shows it (with what only this process knows). */
  get: (batchId: string) => BatchSummary
  /** Downloaded PDFs and reports go under <dataDir>/files/<batch id>/. */
  dataDir: string
  pollSchedule?: PollScheduleOptions
  /** Between progress events, ms (default 250: four a second at most). */
  progressIntervalMs?: number
  /** Pause between reads of a Truora batch's status, ms. */
  remotePollMs?: number
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>()
  /** One poll schedule per account: the batches of one account share its pace. */
  private readonly schedules = new Map<string, PollSchedule>()

  constructor(private readonly options: JobRunnerOptions) {}

  /** The batch's job, when one runs here. */
  job(batchId: string): Job | undefined {
    return this.jobs.get(batchId)
  }

  /** Every job running here. */
  running(): Job[] {
    return [...this.jobs.values()]
  }

  /** Starts the batch's job; the batch must already be leased to this process and set running. */
  launch(batch: BatchSummary, account: AccountClient, resuming: boolean): Job {
    const controller = new AbortController()
    // Every worker, sleep and request of the job listens to this one signal.
    setMaxListeners(0, controller.signal)
    const control: JobControl = { stopCreating: Boolean(batch.options.cancel) }
    let resolveDone!: (summary: BatchSummary) => void
    const job: Job = {
      batchId: batch.id,
      controller,
      control,
      engine: null,
      done: new Promise((resolve) => (resolveDone = resolve))
    }
    this.jobs.set(batch.id, job)
    void this.run(job, batch, account, resuming).then(
      (summary) => resolveDone(summary),
      (error: unknown) => {
        this.options.log.error(`Batch ${batch.id} job failed`, error)
        resolveDone(this.options.get(batch.id))
      }
    )
    return job
  }

  private async run(
    job: Job,
    batch: BatchSummary,
    account: AccountClient,
    resuming: boolean
  ): Promise<BatchSummary> {
    const { store, leasing, stalls, log, emit, get } = this.options
    const { client, limiter } = account
    const mapping = store.batches.mapping(batch.id)
    let engine: Engine | null = null
    const progress = new ProgressReporter(
      batch.id,
      {
        counts: () => store.batches.counts(batch.id),
        delayedSince: () => store.ledger.delayedSince(batch.id),
        giveUpAfterMs: batch.options.giveUpAfterMs,
        requests: () => limiter.snapshot().acquired,
        phase: () => engine?.phase() ?? 'starting'
      },
      (event) => emit(event),
      this.options.progressIntervalMs ?? 250
    )
    // The lease is renewed while the job runs; if another process takes the batch over, this job stops
    // writing at once (every ledger write checks the lease) and ends without touching the batch.
    leasing.keepRenewed(batch.id, () => job.controller.abort('lease-lost' satisfies StopReason))
    const ctx: EngineContext = {
      batch,
      store: leasing.fencedLedger(batch.id),
      client,
      limiter,
      clock: this.options.clock,
      log,
      filesDir: join(this.options.dataDir, 'files', batch.id),
      control: job.control,
      emit: (event) => emit(event),
      changed: () => progress.changed(),
      customInputMapped: mapping.targets.includes('custom_input'),
      remotePollMs: this.options.remotePollMs,
      fence: leasing.fence(batch.id)
    }
    const newEngine = (): Engine =>
      batch.engine === 'truora-batch'
        ? new TruoraBatchEngine(ctx, this.scheduleFor(account.profileId))
        : new DirectEngine(ctx, this.scheduleFor(account.profileId))
    emit({
      type: 'started',
      batchId: batch.id,
      engine: batch.engine,
      total: batch.total,
      at: new Date().toISOString()
    })
    let status: BatchStatus
    let message: string | null
    let code: BatchStatusCode | null = null
    let lost = false
    try {
      const reachable = !resuming || (await stalls.forConnection(batch, client, job.controller.signal))
      const outcome = reachable
        ? await this.runEngine(job, batch.id, () => {
            engine = newEngine()
            job.engine = engine
            return engine
          })
        : { status: 'paused' as const, message: null }
      status = outcome.status
      message = outcome.message
      code = outcome.code ?? null
    } catch (error) {
      const keyRefused =
        (error instanceof BatchStopped && error.code === 'key_refused') ||
        (error instanceof TruoraError && error.kind === 'key_refused')
      if (keyRefused) {
        // Nothing failed: the batch waits, paused, for a key that works, then resumes where it stopped.
        status = 'paused'
        code = 'key_refused'
        message = (error as Error).message
      } else {
        status = 'failed'
        message =
          error instanceof BatchStopped
            ? error.message
            : `The batch stopped on an unexpected error: ${describeError(error)}`
      }
      if (error instanceof LeaseLost) lost = true
      else if (!(error instanceof BatchStopped) && !keyRefused) log.error(`Batch ${batch.id} stopped`, error)
    }
    const reason = job.controller.signal.reason as StopReason | undefined
    if (reason === 'lease-lost') lost = true
    try {
      if (lost) {
        // Another process holds the batch now: it is theirs to finish and to describe.
        const holder = store.leases.current(batch.id)
        message = `Another process took this batch over${holder ? `: ${describeHolder(holder)}` : ''}. This one stopped working on it.`
        log.warn(`Batch ${batch.id}: ${message}`)
        emit({
          type: 'warning',
          batchId: batch.id,
          code: 'worker',
          message,
          at: new Date().toISOString()
        })
        status = store.batches.get(batch.id).status
      } else {
        if (code === 'key_refused')
          message = `${message ?? 'Truora refused the API key.'} The batch is paused: replace the key in Connections, then resume it.`
        if (status === 'paused' && code !== 'key_refused') {
          // A shutdown leaves the batch `running`, so the next start of the app resumes it.
          if (reason === 'shutdown') status = get(batch.id).status
          else if (reason === 'cancel') {
            status = 'cancelled'
            leasing.fenced(batch.id, () => store.ledger.cancelPending(batch.id))
          }
        }
        if (status === 'completed' && get(batch.id).options.cancel) status = 'cancelled'
        if (status === 'completed') {
          // The last word matches what happened: a batch none of whose rows got a usable result failed.
          const nothing = nothingSucceeded(get(batch.id).counts)
          if (nothing) {
            status = 'failed'
            code = 'all-failed'
            message = nothing
          }
        }
        if (status === 'completed' && batch.engine === 'direct' && batch.options.continuous)
          message = await this.makeContinuous(
            batch.id,
            client,
            { ...batch.options.continuous, version: account.keyVersion },
            job.controller.signal
          )
        const finished = status === 'completed' || status === 'cancelled' || status === 'failed'
        const final = status
        const text = message
        leasing.fenced(batch.id, () => store.batches.setStatus(batch.id, final, text, { finished, code }))
        if (finished) forgetUploadedSheet(store, log, batch.id)
      }
    } catch (error) {
      // The last word could not be written (the lease went, or the disk): the batch stays as the store has it,
      // and whoever works on it next continues from there.
      log.warn(`Batch ${batch.id}: could not record that it ${status}`, error)
      status = store.batches.get(batch.id).status
    } finally {
      stalls.end(batch.id)
      this.jobs.delete(batch.id)
      leasing.release(batch.id)
    }
    progress.flush()
    progress.close()
    const summary = get(batch.id)
    emit({
      type: 'finished',
      batchId: batch.id,
      status,
      counts: summary.counts,
      message,
      at: new Date().toISOString()
    })
    log.info(`Batch ${batch.id} ${status}${message ? `: ${message}` : ''}`)
    return summary
  }

  /**
   * Runs the batch's engine to its end. "Completed" is believed only when no row is left waiting; a disk that
   * cannot be written (full, failing, locked too long) pauses the job until it can, then the engine starts
   * again from what the store holds.
   */
  private async runEngine(job: Job, batchId: string, newEngine: () => Engine): Promise<RunOutcome> {
    const { store, stalls, log } = this.options
    const signal = job.controller.signal
    for (let passes = 0; ;) {
      let outcome: RunOutcome
      try {
        outcome = await newEngine().run(signal)
      } catch (error) {
        if (!isStorageFault(error) || signal.aborted) throw error
        if (!(await stalls.forStorage(batchId, error, signal))) return { status: 'paused', message: null }
        continue
      }
      if (outcome.status !== 'completed' || store.ledger.isFinished(batchId)) return outcome
      // Rows still waiting: the engine stopped short (it should not); go round again before claiming the end.
      if (++passes >= 3)
        return {
          status: 'paused',
          message: `${store.batches.get(batchId).total - rowsWithOutcome(store.batches.counts(batchId))} rows have no result yet. Resume the batch to continue.`
        }
      log.warn(`Batch ${batchId}: the engine ended with rows still waiting; running it again`)
    }
  }

  /**
   * Turns the batch's final checks into continuous checks. Each one is journaled once made, so a resumed
   * batch never makes a check continuous twice. Returns a message when some could not be made.
   */
  private async makeContinuous(
    batchId: string,
    client: TruoraClient,
    continuous: { frequency: string; endDate: string; version: 0 | 1 },
    signal: AbortSignal
  ): Promise<string | null> {
    const { store, log } = this.options
    const done = new Set(
      store.journal.ofType(batchId, 'continuous').map((e) => (e.data as { checkId: string }).checkId)
    )
    let failed = 0
    let lastError = ''
    for (const checkId of store.results.checkIds(batchId)) {
      if (done.has(checkId) || signal.aborted) continue
      try {
        const created = await client.createContinuousCheck({ checkId, ...continuous }, { signal })
        store.journal.add(batchId, 'continuous', null, { checkId, continuousCheckId: created.id })
      } catch (error) {
        failed++
        lastError = describeError(error)
        log.warn(`Could not make ${checkId} continuous: ${lastError}`)
      }
    }
    return failed > 0 ? `${failed} check(s) could not be made continuous: ${lastError}` : null
  }

  private scheduleFor(profileId: string): PollSchedule {
    let schedule = this.schedules.get(profileId)
    if (!schedule) {
      schedule = new PollSchedule(this.options.pollSchedule)
      this.schedules.set(profileId, schedule)
    }
    return schedule
  }
}

/** A batch that ended needs its uploaded sheet no more: every row is in the store. */
export function forgetUploadedSheet(
  store: Pick<ResultsStore, 'privacy'>,
  log: Logger,
  batchId: string
): void {
  try {
    store.privacy.removeUploads(batchId)
  } catch (error) {
    // It stays sealed, and goes with the batch (deleted, purged) or at a later start.
    log.warn(`Batch ${batchId}: could not remove its uploaded sheet`, error)
  }
}

/**
 * Why a batch that ran to its end gave nothing usable — every row failed, ended in error, was given up or lost —
 * or null when at least one check completed (or ended in a status Lote shows as it is).
 */
export function nothingSucceeded(counts: ProgressCounts): string | null {
  const unusable = counts.failed + counts.error + counts['given-up'] + counts.lost
  if (counts.completed > 0 || counts.unknownFinal > 0 || unusable === 0) return null
  return `None of the ${unusable} rows got a usable result: ${[
    counts.failed && `${counts.failed} got no check`,
    counts.error && `${counts.error} checks ended in error`,
    counts['given-up'] && `${counts['given-up']} were given up`,
    counts.lost && `${counts.lost} checks were lost by Truora`
  ]
    .filter(Boolean)
    .join(', ')}.`
}
