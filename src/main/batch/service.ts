// The batch service runs batch jobs for the app and the lote command alike: it creates batch records, starts
// them on an engine, pauses, resumes, cancels and re-runs them. One job (with its AbortController) per running
// batch; every state lives in the results store, so a restart resumes. The analyst's verbs, and the rules about
// when each is allowed, are the application layer's (src/main/app/batches.ts), which calls this.
//
// This is the facade; the work is done by its parts: the run loop (run-job.ts), waiting out a lost connection
// or a full disk (stalls.ts), what the analyst is told about Truora's answers (truora-warnings.ts), re-runs
// (reruns.ts), taking over batches left by a stopped process (adoption.ts), a draft's record and its
// authorisation (new-batch.ts) and the leases (leasing.ts).
import { AppError } from '../../shared/result'
import type { ImportedRow } from '../../shared/sheets/types'
import type { Logger } from '../log'
import type { ResultsStore } from '../store/results/results-store'
import type { JournalEntry } from '../store/results/journal'
import { systemClock, type Clock } from '../truora/clock'
import { clientForBatch, type AccountClients } from './accounts'
import { Adoption } from './adoption'
import { outageWarnings, type HealthWarning } from './health'
import { describeHolder, Leasing, type LeaseTiming } from './leasing'
import { createDraftBatch, recordAuthorization, type Authorization } from './new-batch'
import type { PollScheduleOptions } from './poll-schedule'
import { Reruns } from './reruns'
import { forgetUploadedSheet, JobRunner, type StopReason } from './run-job'
import { Stalls } from './stalls'
import { reachabilityReporter, unknownShapeReporter } from './truora-warnings'
import type {
  BatchEvent,
  BatchEventListener,
  BatchOptions,
  BatchSummary,
  EngineKind,
  NewBatch
} from '../../shared/batch'

export type { AccountClients } from './accounts'
export { nothingSucceeded } from './run-job'

export interface BatchServiceOptions {
  store: ResultsStore
  /** Clients for the accounts batches run on; asked when a job starts. */
  accounts: AccountClients
  logger: Logger
  /** Receives every job's events. */
  onEvent?: BatchEventListener
  /** Downloaded PDFs and reports go under <dataDir>/files/<batch id>/. */
  dataDir: string
  clock?: Clock
  pollSchedule?: PollScheduleOptions
  /** Between progress events, ms (default 250: four a second at most). */
  progressIntervalMs?: number
  /** Pause between reads of a Truora batch's status, ms. */
  remotePollMs?: number
  /** What this process is, as other processes name it when they find a batch held: "lote run", "the desktop app". */
  holderName?: string
  /** How often leases are renewed and when one counts as abandoned (tests shorten them). */
  leaseTiming?: LeaseTiming
  /**
   * Keep taking over unfinished batches whose worker died (the desktop app and `lote serve` do; a `lote`
   * command works on its own batch only).
   */
  adoptOrphans?: boolean
  /** While the disk is full (or the database cannot be written), how often to look again, ms. */
  storageRetryMs?: number
  /** While a resumed batch's connection does not answer, how often to look again, ms. */
  connectionRetryMs?: number
}

export interface StartOptions {
  engine?: EngineKind
  profileId?: string
  /** Skip asking Truora about database outages (resume after a crash asks only once per process). */
  skipHealthCheck?: boolean
}

export interface StartResult {
  batch: BatchSummary
  warnings: HealthWarning[]
}

export class BatchService {
  private readonly store: ResultsStore
  private readonly log: Logger
  private readonly clock: Clock
  private readonly listeners = new Set<BatchEventListener>()
  /** This process's leases on batches: running them, and reading drafts' files (see Drafts). */
  readonly leasing: Leasing
  private readonly stalls: Stalls
  private readonly runner: JobRunner
  private readonly reruns: Reruns
  private readonly adoption: Adoption

  constructor(private readonly options: BatchServiceOptions) {
    this.store = options.store
    this.log = options.logger
    this.clock = options.clock ?? systemClock
    if (options.onEvent) this.listeners.add(options.onEvent)
    this.leasing = new Leasing(this.store, options.holderName ?? 'Lote', this.clock, options.leaseTiming)
    const emit = (event: BatchEvent) => this.emit(event)
    const get = (batchId: string) => this.get(batchId)
    const isRunning = (batchId: string) => this.isRunning(batchId)
    const parts = { store: this.store, leasing: this.leasing, log: this.log, clock: this.clock, emit }
    this.stalls = new Stalls({
      ...parts,
      dataDir: options.dataDir,
      storageRetryMs: options.storageRetryMs,
      connectionRetryMs: options.connectionRetryMs
    })
    this.runner = new JobRunner({
      ...parts,
      stalls: this.stalls,
      get,
      dataDir: options.dataDir,
      pollSchedule: options.pollSchedule,
      progressIntervalMs: options.progressIntervalMs,
      remotePollMs: options.remotePollMs
    })
    const resume = (batchId: string) => this.start(batchId, { skipHealthCheck: true })
    this.reruns = new Reruns({ ...parts, accounts: options.accounts, isRunning, get, start: resume })
    this.adoption = new Adoption({
      ...parts,
      isRunning,
      start: resume,
      keepLooking: Boolean(options.adoptOrphans)
    })
  }

  /** Another listener for every job's events; returns the function that removes it. */
  subscribe(listener: BatchEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(event: BatchEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        this.log.error('A batch event listener failed', error)
      }
    }
  }

  // ---- Creating ----

  /** A new draft batch. Add rows with `addRows` (or pass them here), authorise, then start. */
  create(input: NewBatch, rows: ImportedRow[] = []): BatchSummary {
    return createDraftBatch(this.store, input, rows)
  }

  /**
   * Records the analyst's confirmation that the people checked authorised it; required before starting. Signed
   * consent files given as evidence are kept with the batch, sealed (see new-batch.ts).
   */
  authorize(batchId: string, input: Authorization): BatchSummary {
    this.get(batchId)
    recordAuthorization(this.store, this.options.dataDir, batchId, {
      ...input,
      confirmedAt: input.confirmedAt ?? new Date(this.clock.now()).toISOString()
    })
    return this.get(batchId)
  }

  /** Options the analyst chose for a draft before starting it. */
  configure(batchId: string, options: Partial<BatchOptions>): BatchSummary {
    const batch = this.get(batchId)
    if (batch.status !== 'draft')
      throw new AppError('conflict', 'Options can only be changed before the batch starts.')
    this.store.batches.setOptions(batchId, { ...batch.options, ...options })
    return this.get(batchId)
  }

  /**
   * Stops a batch's job if it runs, then removes the batch and everything stored for it. Returns the ids of
   * the checks removed with it.
   */
  async delete(batchId: string): Promise<string[]> {
    this.get(batchId)
    const job = this.runner.job(batchId)
    if (!job) this.leasing.refuseIfHeldElsewhere(batchId)
    if (job) {
      job.controller.abort('cancel' satisfies StopReason)
      await job.done.catch(() => undefined)
    }
    // The batch's files (PDFs, reports) go with its rows; checks other batches reuse stay for them.
    this.store.batches.handOverSharedChecks(batchId)
    return this.store.privacy.deleteBatch(batchId).checkIds
  }

  // ---- Running ----

  /** Asks Truora whether the batch's countries' databases are working now. */
  async health(batchId: string, profileId?: string): Promise<HealthWarning[]> {
    const batch = this.get(batchId)
    const { client } = await clientForBatch(this.options.accounts, batch, profileId)
    const countries = new Set<string>(batch.country ? [batch.country] : [])
    for (const row of this.store.ledger.workRows(batchId, ['pending'], 50)) countries.add(row.country)
    // Truora's health is per ISO 3166 country; international (ALL) checks have none to ask about.
    countries.delete('ALL')
    return outageWarnings(client, countries, this.clock.now(), this.log)
  }

  /**
   * Starts (or continues) a batch. Refuses without the recorded authorisation. Warns, but starts, when
   * Truora reports databases of the country in outage.
   */
  async start(batchId: string, options: StartOptions = {}): Promise<StartResult> {
    const batch = this.get(batchId)
    if (this.isRunning(batchId)) return { batch, warnings: [] }
    this.refuseToStart(batch)
    // One worker per batch: refused here, naming the holder, when another live process works on it.
    this.leasing.take(batchId, 'run')
    try {
      // Read again now that the batch is ours: another process may have changed it a moment ago.
      const held = this.get(batchId)
      this.refuseToStart(held)
      return await this.startHeld(batchId, held, options)
    } catch (error) {
      this.leasing.release(batchId)
      throw error
    }
  }

  private refuseToStart(batch: BatchSummary): void {
    if (!batch.authorization)
      throw new AppError(
        'invalid_input',
        'Confirm that every person in this batch authorised the check (user_authorized) before starting it.'
      )
    // "Completed" with rows still waiting is not finished (older versions could leave a batch so): it resumes.
    if (
      batch.status === 'cancelled' ||
      (batch.status === 'completed' && this.store.ledger.isFinished(batch.id))
    )
      throw new AppError('conflict', `The batch is already ${batch.status}. Re-run its failed rows instead.`)
  }

  private async startHeld(batchId: string, batch: BatchSummary, options: StartOptions): Promise<StartResult> {
    if (!batch.authorization) throw new Error('unreachable: checked by refuseToStart()')
    if (options.engine && options.engine !== batch.engine) {
      if (batch.status !== 'draft')
        throw new AppError('conflict', 'The engine can only be chosen before the batch starts.')
      this.store.batches.setEngine(batchId, options.engine)
    }
    const profileId = options.profileId ?? batch.profileId ?? batch.authorization.profileId
    if (profileId !== batch.profileId) this.store.batches.setProfile(batchId, profileId)
    const warnings = options.skipHealthCheck ? [] : await this.health(batchId, profileId)
    for (const warning of warnings)
      this.emit({
        type: 'warning',
        batchId,
        code: 'health',
        message: warning.message,
        at: new Date().toISOString()
      })
    // Only where the batch ran: its Sandbox address or its profile's account, never another.
    const emit = (event: BatchEvent) => this.emit(event)
    const account = await clientForBatch(this.options.accounts, batch, profileId, {
      onUnknownShape: unknownShapeReporter(batchId, this.store.journal, emit),
      onReachability: reachabilityReporter(batchId, this.clock, emit)
    })
    // A batch that ran before continues where its checks are: first make sure that place answers.
    const resuming = batch.startedAt !== null
    if (batch.status !== 'cancelling')
      this.store.batches.setStatus(batchId, 'running', null, { started: true })
    const current = this.get(batchId)
    this.runner.launch(current, account, resuming)
    return { batch: current, warnings }
  }

  /** Resolves when the batch's current job ends (at once when none runs). */
  async whenIdle(batchId: string): Promise<BatchSummary> {
    const job = this.runner.job(batchId)
    return job ? job.done : this.get(batchId)
  }

  isRunning(batchId: string): boolean {
    return this.runner.job(batchId) !== undefined
  }

  /** Stops sending requests; in-flight ones are abandoned safely. `resume` continues. */
  async pause(batchId: string): Promise<BatchSummary> {
    const job = this.runner.job(batchId)
    if (!job) {
      this.leasing.refuseIfHeldElsewhere(batchId)
      const batch = this.get(batchId)
      if (batch.status === 'running' || batch.status === 'cancelling')
        this.store.batches.setStatus(batchId, 'paused')
      return this.get(batchId)
    }
    job.controller.abort('pause' satisfies StopReason)
    return job.done
  }

  async resume(batchId: string): Promise<StartResult> {
    const batch = this.get(batchId)
    if (this.isRunning(batchId)) return { batch, warnings: [] }
    if (batch.status === 'paused' && batch.options.cancel) this.store.batches.setStatus(batchId, 'cancelling')
    return this.start(batchId)
  }

  /**
   * Stops creating checks. With `collect` (the default) the checks already created are still followed to
   * the end; without it, the batch stops at once.
   */
  async cancel(batchId: string, options: { collect?: boolean } = {}): Promise<BatchSummary> {
    const collect = options.collect ?? true
    const batch = this.get(batchId)
    if (batch.status === 'completed' || batch.status === 'cancelled') return batch
    if (!this.isRunning(batchId)) this.leasing.refuseIfHeldElsewhere(batchId)
    this.store.batches.setOptions(batchId, {
      ...batch.options,
      cancel: { at: new Date(this.clock.now()).toISOString(), collect }
    })
    this.store.ledger.cancelPending(batchId)
    const job = this.runner.job(batchId)
    if (job) {
      job.control.stopCreating = true
      if (collect) {
        this.store.batches.setStatus(batchId, 'cancelling')
        job.engine?.wake?.()
        return this.get(batchId)
      }
      job.controller.abort('cancel' satisfies StopReason)
      return job.done
    }
    if (collect && batch.status !== 'draft' && batch.authorization) {
      this.store.batches.setStatus(batchId, 'cancelling')
      await this.start(batchId, { skipHealthCheck: true })
      return this.get(batchId)
    }
    this.store.batches.setStatus(batchId, 'cancelled', null, { finished: true })
    forgetUploadedSheet(this.store, this.log, batchId)
    return this.get(batchId)
  }

  /**
   * Puts the rows that failed to get a check, whose check ended in `error`, was lost or was given up, back in
   * line and starts the batch again; given-up checks found finished meanwhile are kept (see reruns.ts).
   */
  rerunFailed(batchId: string): Promise<{ rows: number; lookedAgain: number; batch: BatchSummary }> {
    return this.reruns.rerunFailed(batchId)
  }

  /**
   * Continues every batch a crash or a shutdown left running, except those another live process works on.
   * With `adoptOrphans`, keeps looking, and takes over batches whose worker dies later. Returns the ids
   * resumed now.
   */
  resumeUnfinished(): Promise<string[]> {
    return this.adoption.resumeUnfinished()
  }

  /** Stops every job without changing its status (they resume on the next start). */
  async close(): Promise<void> {
    this.adoption.stop()
    const jobs = this.runner.running()
    for (const job of jobs) job.controller.abort('shutdown' satisfies StopReason)
    await Promise.all(jobs.map((job) => job.done))
  }

  // ---- Reading ----

  list(): BatchSummary[] {
    return this.store.batches.list().map((batch) => this.withLiveState(batch))
  }

  get(batchId: string): BatchSummary {
    if (!this.store.batches.has(batchId)) throw new AppError('not_found', `There is no batch ${batchId}.`)
    return this.withLiveState(this.store.batches.get(batchId))
  }

  /**
   * What the store cannot say by itself: a job here waiting for the disk (shown paused, with why), or another
   * process working on the batch (named).
   */
  private withLiveState(batch: BatchSummary): BatchSummary {
    const stalled = this.stalls.reason(batch.id)
    if (stalled) return { ...batch, status: 'paused', statusMessage: stalled, workedOnBy: null }
    if (this.isRunning(batch.id)) return { ...batch, workedOnBy: null }
    const holder = this.leasing.heldElsewhere(batch.id)
    return { ...batch, workedOnBy: holder ? describeHolder(holder) : null }
  }

  /** The answers of Truora Lote could not read while running this batch, once per kind (journaled). */
  unknownShapes(batchId: string): JournalEntry[] {
    return this.store.journal.ofType(batchId, 'unknown-shape')
  }
}
