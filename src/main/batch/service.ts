// The batch service runs batch jobs for the app and the lote command alike: it creates batch records, starts
// them on an engine, pauses, resumes, cancels and re-runs them. One job (with its AbortController) per running
// batch; every state lives in the results store, so a restart resumes. The analyst's verbs, and the rules about
// when each is allowed, are the application layer's (src/main/app/batches.ts), which calls this.
import { createHash, randomBytes } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { statfsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/result'
import type { ImportedRow } from '../../shared/sheets/types'
import type { Logger } from '../log'
import type {
  AccountClient,
  AccountRates,
  BatchConnection,
  ClientListeners
} from '../connections/connections'
import type { ResultsStore } from '../store/results/results-store'
import type { JournalEntry } from '../store/results/journal'
import type { TruoraClient } from '../truora/client'
import { mayHaveReachedServer, TruoraError } from '../truora/errors'
import { isFinalCheckStatus, type UnknownShapeListener } from '../truora/types'
import { systemClock, type Clock } from '../truora/clock'
import { DirectEngine } from './direct-engine'
import { BatchStopped, describeError, type Engine, type EngineContext, type JobControl } from './engine'
import { describeHolder, Leasing, type LeaseTiming } from './leasing'
import { LeaseLost } from '../store/results/batch-leases'
import { isDiskFull, isStorageFault } from '../store/storage-faults'
import { checkHealth, type HealthWarning } from './health'
import { PollSchedule, type PollScheduleOptions } from './poll-schedule'
import { ProgressReporter } from './progress'
import { TruoraBatchEngine } from './truora-batch-engine'
import {
  AUTHORIZATION_STATEMENT,
  DEFAULT_BATCH_OPTIONS,
  UNFINISHED_STATUSES,
  rowsWithOutcome,
  type BatchEvent,
  type BatchEventListener,
  type BatchOptions,
  type BatchStatus,
  type BatchStatusCode,
  type BatchSummary,
  type ConsentEvidence,
  type EngineKind,
  type NewBatch,
  type BatchWarningCode,
  type ProgressCounts
} from '../../shared/batch'
import { safeFileName } from '../file-names'

/** Failed requests in a row after which Truora is said to be down (a single dropped connection is not). */
const OUTAGE_AFTER_FAILURES = 3

/** Where the service gets a client for the account a batch runs on (Connections, in the app). */
export interface AccountClients {
  clientForBatch(
    batch: BatchConnection,
    rates?: AccountRates,
    listen?: ClientListeners
  ): Promise<AccountClient>
}

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

/** Why a job was stopped from outside: the analyst, the app closing, or another process taking the batch. */
type StopReason = 'pause' | 'shutdown' | 'cancel' | 'lease-lost'

/** Free space below which the disk still counts as full while a batch waits for it. */
const MIN_FREE_BYTES = 8 * 1024 * 1024

interface Job {
  batchId: string
  controller: AbortController
  control: JobControl
  engine: Engine | null
  done: Promise<BatchSummary>
}

function newBatchId(): string {
  const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '')
  return `b${stamp}-${randomBytes(4).toString('hex')}`
}

export class BatchService {
  private readonly store: ResultsStore
  private readonly log: Logger
  private readonly clock: Clock
  private readonly jobs = new Map<string, Job>()
  private readonly listeners = new Set<BatchEventListener>()
  private readonly schedules = new Map<string, PollSchedule>()
  /** This process's leases on batches: running them, and reading drafts' files (see Drafts). */
  readonly leasing: Leasing
  /** Batches whose job waits for the disk (or the database) to take writes again, with what to tell. */
  private readonly stalled = new Map<string, string>()
  private adoption: NodeJS.Timeout | undefined

  constructor(private readonly options: BatchServiceOptions) {
    this.store = options.store
    this.log = options.logger
    this.clock = options.clock ?? systemClock
    if (options.onEvent) this.listeners.add(options.onEvent)
    this.leasing = new Leasing(this.store, options.holderName ?? 'Lote', this.clock, options.leaseTiming)
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
    const id = newBatchId()
    const options: BatchOptions = { ...DEFAULT_BATCH_OPTIONS, ...input.options }
    this.store.batches.create({
      id,
      name: input.name ?? input.fileName ?? id,
      fileName: input.fileName ?? null,
      sheet: input.sheet ?? null,
      mapping: input.mapping,
      country: input.country ?? input.mapping.defaults.country ?? null,
      type: input.type ?? input.mapping.defaults.type ?? null,
      engine: input.engine ?? 'direct',
      profileId: input.profileId ?? null,
      options
    })
    if (rows.length > 0) this.store.drafts.add(id, rows)
    return this.store.batches.get(id)
  }

  /**
   * Records the analyst's confirmation that the people checked authorised it; required before starting. Signed
   * consent files given as evidence are kept with the batch, sealed (they go when the batch is deleted or
   * purged), and the evidence names them by size and SHA-256.
   */
  authorize(
    batchId: string,
    input: {
      profileId: string
      statement?: string
      confirmedAt?: string
      evidence?: Omit<ConsentEvidence, 'files'> & { files: { name: string; bytes: Buffer }[] }
    }
  ): BatchSummary {
    this.get(batchId)
    let evidence: ConsentEvidence | null = null
    if (input.evidence) {
      const folder = join(this.options.dataDir, 'files', batchId, 'consent')
      const files = input.evidence.files.map((file, index) => {
        const name = safeFileName(file.name, 'consent')
        // Named by position on disk: the analyst's file name may name a person, and stays in the encrypted store.
        this.store.ledger.saveFile(
          { batchId, checkId: null, kind: 'consent', path: join(folder, `${index + 1}.sealed`) },
          file.bytes
        )
        return {
          name,
          bytes: file.bytes.length,
          sha256: createHash('sha256').update(file.bytes).digest('hex')
        }
      })
      evidence = { ...input.evidence, files }
    }
    this.store.batches.authorize(batchId, {
      confirmedAt: input.confirmedAt ?? new Date(this.clock.now()).toISOString(),
      profileId: input.profileId,
      statement: input.statement ?? AUTHORIZATION_STATEMENT,
      evidence
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
    const job = this.jobs.get(batchId)
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
    const { client } = await this.options.accounts.clientForBatch(
      {
        profileId: profileId ?? batch.profileId ?? batch.authorization?.profileId ?? null,
        endpoint: batch.options.endpoint
      },
      batch.options
    )
    const countries = new Set<string>(batch.country ? [batch.country] : [])
    for (const row of this.store.ledger.workRows(batchId, ['pending'], 50)) countries.add(row.country)
    // Truora's health is per ISO 3166 country; international (ALL) checks have none to ask about.
    countries.delete('ALL')
    const warnings: HealthWarning[] = []
    for (const country of countries) {
      try {
        const warning = await checkHealth(client, country, this.clock.now())
        if (warning) warnings.push(warning)
      } catch (error) {
        if (error instanceof Error && 'kind' in error && error.kind === 'key_refused') throw error
        this.log.warn(`Could not read Truora's database health for ${country}: ${describeError(error)}`)
      }
    }
    return warnings
  }

  /**
   * Starts (or continues) a batch. Refuses without the recorded authorisation. Warns, but starts, when
   * Truora reports databases of the country in outage.
   */
  async start(batchId: string, options: StartOptions = {}): Promise<StartResult> {
    const batch = this.get(batchId)
    if (this.jobs.has(batchId)) return { batch, warnings: [] }
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
    const account = await this.options.accounts.clientForBatch(
      { profileId, endpoint: batch.options.endpoint },
      batch.options,
      {
        onUnknownShape: this.unknownShapeReporter(batchId),
        onReachability: this.reachabilityReporter(batchId)
      }
    )
    // A batch that ran before continues where its checks are: first make sure that place answers.
    const resuming = batch.startedAt !== null
    if (batch.status !== 'cancelling')
      this.store.batches.setStatus(batchId, 'running', null, { started: true })
    const current = this.get(batchId)
    this.launch(current, account, resuming)
    return { batch: current, warnings }
  }

  private launch(batch: BatchSummary, account: AccountClient, resuming: boolean): void {
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
    void this.runJob(job, batch, account, resuming).then(
      (summary) => resolveDone(summary),
      (error: unknown) => {
        this.log.error(`Batch ${batch.id} job failed`, error)
        resolveDone(this.get(batch.id))
      }
    )
  }

  private async runJob(
    job: Job,
    batch: BatchSummary,
    account: AccountClient,
    resuming: boolean
  ): Promise<BatchSummary> {
    const { client, limiter } = account
    const mapping = this.store.batches.mapping(batch.id)
    let engine: Engine | null = null
    const progress = new ProgressReporter(
      batch.id,
      {
        counts: () => this.store.batches.counts(batch.id),
        delayedSince: () => this.store.ledger.delayedSince(batch.id),
        giveUpAfterMs: batch.options.giveUpAfterMs,
        requests: () => limiter.snapshot().acquired,
        phase: () => engine?.phase() ?? 'starting'
      },
      (event) => this.emit(event),
      this.options.progressIntervalMs ?? 250
    )
    // The lease is renewed while the job runs; if another process takes the batch over, this job stops
    // writing at once (every ledger write checks the lease) and ends without touching the batch.
    this.leasing.keepRenewed(batch.id, () => job.controller.abort('lease-lost' satisfies StopReason))
    const ctx: EngineContext = {
      batch,
      store: this.leasing.fencedLedger(batch.id),
      client,
      limiter,
      clock: this.clock,
      log: this.log,
      filesDir: join(this.options.dataDir, 'files', batch.id),
      control: job.control,
      emit: (event) => this.emit(event),
      changed: () => progress.changed(),
      customInputMapped: mapping.targets.includes('custom_input'),
      remotePollMs: this.options.remotePollMs,
      fence: this.leasing.fence(batch.id)
    }
    const newEngine = (): Engine =>
      batch.engine === 'truora-batch'
        ? new TruoraBatchEngine(ctx, this.scheduleFor(account.profileId))
        : new DirectEngine(ctx, this.scheduleFor(account.profileId))
    this.emit({
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
      const reachable = !resuming || (await this.waitForConnection(batch, client, job.controller.signal))
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
      else if (!(error instanceof BatchStopped) && !keyRefused)
        this.log.error(`Batch ${batch.id} stopped`, error)
    }
    const reason = job.controller.signal.reason as StopReason | undefined
    if (reason === 'lease-lost') lost = true
    try {
      if (lost) {
        // Another process holds the batch now: it is theirs to finish and to describe.
        const holder = this.store.leases.current(batch.id)
        message = `Another process took this batch over${holder ? `: ${describeHolder(holder)}` : ''}. This one stopped working on it.`
        this.log.warn(`Batch ${batch.id}: ${message}`)
        this.emit({
          type: 'warning',
          batchId: batch.id,
          code: 'worker',
          message,
          at: new Date().toISOString()
        })
        status = this.store.batches.get(batch.id).status
      } else {
        if (code === 'key_refused')
          message = `${message ?? 'Truora refused the API key.'} The batch is paused: replace the key in Connections, then resume it.`
        if (status === 'paused' && code !== 'key_refused') {
          // A shutdown leaves the batch `running`, so the next start of the app resumes it.
          if (reason === 'shutdown') status = this.get(batch.id).status
          else if (reason === 'cancel') {
            status = 'cancelled'
            this.leasing.fenced(batch.id, () => this.store.ledger.cancelPending(batch.id))
          }
        }
        if (status === 'completed' && this.get(batch.id).options.cancel) status = 'cancelled'
        if (status === 'completed') {
          // The last word matches what happened: a batch none of whose rows got a usable result failed.
          const nothing = nothingSucceeded(this.get(batch.id).counts)
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
        this.leasing.fenced(batch.id, () =>
          this.store.batches.setStatus(batch.id, final, text, { finished, code })
        )
        if (finished) this.forgetUploadedSheet(batch.id)
      }
    } catch (error) {
      // The last word could not be written (the lease went, or the disk): the batch stays as the store has it,
      // and whoever works on it next continues from there.
      this.log.warn(`Batch ${batch.id}: could not record that it ${status}`, error)
      status = this.store.batches.get(batch.id).status
    } finally {
      this.stalled.delete(batch.id)
      this.jobs.delete(batch.id)
      this.leasing.release(batch.id)
    }
    progress.flush()
    progress.close()
    const summary = this.get(batch.id)
    this.emit({
      type: 'finished',
      batchId: batch.id,
      status,
      counts: summary.counts,
      message,
      at: new Date().toISOString()
    })
    this.log.info(`Batch ${batch.id} ${status}${message ? `: ${message}` : ''}`)
    return summary
  }

  /**
   * Runs the batch's engine to its end. "Completed" is believed only when no row is left waiting; a disk that
   * cannot be written (full, failing, locked too long) pauses the job until it can, then the engine starts
   * again from what the store holds.
   */
  private async runEngine(
    job: Job,
    batchId: string,
    newEngine: () => Engine
  ): Promise<{ status: BatchStatus; message: string | null; code?: BatchStatusCode | null }> {
    const signal = job.controller.signal
    for (let passes = 0; ;) {
      let outcome: { status: BatchStatus; message: string | null; code?: BatchStatusCode | null }
      try {
        outcome = await newEngine().run(signal)
      } catch (error) {
        if (!isStorageFault(error) || signal.aborted) throw error
        if (!(await this.waitForStorage(batchId, error, signal))) return { status: 'paused', message: null }
        continue
      }
      if (outcome.status !== 'completed' || this.store.ledger.isFinished(batchId)) return outcome
      // Rows still waiting: the engine stopped short (it should not); go round again before claiming the end.
      if (++passes >= 3)
        return {
          status: 'paused',
          message: `${this.store.batches.get(batchId).total - this.finishedRows(batchId)} rows have no result yet. Resume the batch to continue.`
        }
      this.log.warn(`Batch ${batchId}: the engine ended with rows still waiting; running it again`)
    }
  }

  /**
   * A resumed batch continues only where its checks are. When that place does not answer at all (a Sandbox
   * that was stopped, no network), the job waits, paused and saying so, and goes on when it answers; false
   * when it was stopped meanwhile.
   */
  private async waitForConnection(
    batch: BatchSummary,
    client: TruoraClient,
    signal: AbortSignal
  ): Promise<boolean> {
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
          this.stalled.set(batch.id, where)
          this.log.warn(`Batch ${batch.id}: ${where} (${describeError(error)})`)
          this.emit({
            type: 'warning',
            batchId: batch.id,
            code: 'connection',
            message: where,
            at: new Date().toISOString()
          })
        }
        try {
          await this.clock.sleep(this.options.connectionRetryMs ?? 15_000, signal)
        } catch {
          return false
        }
        continue
      }
      break
    }
    if (this.stalled.delete(batch.id))
      this.emit({
        type: 'warning',
        batchId: batch.id,
        code: 'connection',
        message: 'The connection answers again: the batch continues.',
        at: new Date().toISOString()
      })
    return !signal.aborted
  }

  private finishedRows(batchId: string): number {
    return rowsWithOutcome(this.store.batches.counts(batchId))
  }

  /**
   * The job waits, paused and saying why, until the data folder takes writes again (free space, and a write
   * that succeeds); false when it was stopped meanwhile.
   */
  private async waitForStorage(batchId: string, error: unknown, signal: AbortSignal): Promise<boolean> {
    const message = isDiskFull(error)
      ? 'The disk holding Lote’s data is full. The batch is paused and continues by itself when there is space again; nothing was lost.'
      : `Lote cannot write to its data folder (${describeError(error)}). The batch is paused and continues by itself when it can write again; nothing was lost.`
    this.stalled.set(batchId, message)
    this.log.warn(`Batch ${batchId}: ${message}`, error)
    this.emit({ type: 'warning', batchId, code: 'storage', message, at: new Date().toISOString() })
    const every = this.options.storageRetryMs ?? 5_000
    for (;;) {
      try {
        await this.clock.sleep(every, signal)
      } catch {
        return false
      }
      if (signal.aborted) return false
      try {
        const disk = statfsSync(this.options.dataDir)
        if (disk.bavail * disk.bsize < MIN_FREE_BYTES) continue
        this.leasing.fenced(batchId, () => this.store.journal.add(batchId, 'storage-recovered'))
      } catch (retry) {
        if (retry instanceof LeaseLost) throw retry
        continue
      }
      this.stalled.delete(batchId)
      this.log.info(`Batch ${batchId}: the data folder takes writes again; continuing`)
      this.emit({
        type: 'warning',
        batchId,
        code: 'storage',
        message: 'There is space again: the batch continues.',
        at: new Date().toISOString()
      })
      return true
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
    const done = new Set(
      this.store.journal.ofType(batchId, 'continuous').map((e) => (e.data as { checkId: string }).checkId)
    )
    let failed = 0
    let lastError = ''
    for (const checkId of this.store.results.checkIds(batchId)) {
      if (done.has(checkId) || signal.aborted) continue
      try {
        const created = await client.createContinuousCheck({ checkId, ...continuous }, { signal })
        this.store.journal.add(batchId, 'continuous', null, { checkId, continuousCheckId: created.id })
      } catch (error) {
        failed++
        lastError = describeError(error)
        this.log.warn(`Could not make ${checkId} continuous: ${lastError}`)
      }
    }
    return failed > 0 ? `${failed} check(s) could not be made continuous: ${lastError}` : null
  }

  /** Resolves when the batch's current job ends (at once when none runs). */
  async whenIdle(batchId: string): Promise<BatchSummary> {
    const job = this.jobs.get(batchId)
    return job ? job.done : this.get(batchId)
  }

  isRunning(batchId: string): boolean {
    return this.jobs.has(batchId)
  }

  /** Stops sending requests; in-flight ones are abandoned safely. `resume` continues. */
  async pause(batchId: string): Promise<BatchSummary> {
    const job = this.jobs.get(batchId)
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
    if (this.jobs.has(batchId)) return { batch, warnings: [] }
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
    if (!this.jobs.has(batchId)) this.leasing.refuseIfHeldElsewhere(batchId)
    this.store.batches.setOptions(batchId, {
      ...batch.options,
      cancel: { at: new Date(this.clock.now()).toISOString(), collect }
    })
    this.store.ledger.cancelPending(batchId)
    const job = this.jobs.get(batchId)
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
    this.forgetUploadedSheet(batchId)
    return this.get(batchId)
  }

  /** A batch that ended needs its uploaded sheet no more: every row is in the store. */
  private forgetUploadedSheet(batchId: string): void {
    try {
      this.store.privacy.removeUploads(batchId)
    } catch (error) {
      // It stays sealed, and goes with the batch (deleted, purged) or at a later start.
      this.log.warn(`Batch ${batchId}: could not remove its uploaded sheet`, error)
    }
  }

  /**
   * Puts the rows that failed to get a check, whose check ended in `error`, was lost or was given up, back in
   * line and starts the batch again. Checks Lote gave up waiting for are first asked about once more: one that
   * has finished since is kept (no new check is paid for it); the others get a new check. Returns how many rows
   * run again, and how many of them were given-up checks found finished.
   */
  async rerunFailed(batchId: string): Promise<{ rows: number; lookedAgain: number; batch: BatchSummary }> {
    if (this.jobs.has(batchId))
      throw new AppError('conflict', 'Wait for the batch to finish (or pause it) before re-running rows.')
    this.leasing.refuseIfHeldElsewhere(batchId)
    const batch = this.get(batchId)
    // Before anything changes: when Truora cannot be asked, nothing is re-run (and nothing paid twice).
    const lookedAgain = await this.lookAgainAtGivenUp(batch)
    const { cancel: _cancel, ...options } = batch.options
    this.store.batches.setOptions(batchId, { ...options })
    const rows = this.store.ledger.resetForRerun(batchId) + lookedAgain
    if (rows === 0) return { rows, lookedAgain, batch: this.get(batchId) }
    if (batch.engine === 'truora-batch' && batch.remote?.step === 'collected') {
      // Re-runs go one by one: the Truora batch is finished and its upload link spent.
      this.store.batches.setEngine(batchId, 'direct')
    }
    this.store.batches.setStatus(batchId, 'running')
    const { batch: started } = await this.start(batchId, { skipHealthCheck: true })
    return { rows, lookedAgain, batch: started }
  }

  /**
   * Asks Truora once more about each check Lote gave up waiting for. Those final now go back to their rows
   * (`reopenGivenUp`); those still waiting or no longer found stay given up, for `resetForRerun` to give them a
   * new check. Returns how many were final.
   */
  private async lookAgainAtGivenUp(batch: BatchSummary): Promise<number> {
    const givenUp = this.store.ledger.givenUpChecks(batch.id)
    if (givenUp.length === 0) return 0
    const { client } = await this.options.accounts.clientForBatch(
      {
        profileId: batch.profileId ?? batch.authorization?.profileId ?? null,
        endpoint: batch.options.endpoint
      },
      batch.options
    )
    let final = 0
    for (const { checkId } of givenUp) {
      try {
        const check = await client.getCheck(checkId)
        if (!isFinalCheckStatus(check.status)) continue
        this.store.ledger.reopenGivenUp(check)
        final++
      } catch (error) {
        if (!(error instanceof TruoraError && error.kind === 'not_found')) throw error
      }
    }
    this.store.journal.add(batch.id, 'looked-again', null, { checks: givenUp.length, final })
    return final
  }

  /**
   * Continues every batch a crash or a shutdown left running, except those another live process works on:
   * those are left alone. With `adoptOrphans`, keeps looking, and takes over batches whose worker dies later.
   * Returns the ids resumed now.
   */
  async resumeUnfinished(): Promise<string[]> {
    const resumed = await this.adoptUnfinished()
    if (this.options.adoptOrphans && !this.adoption) {
      this.adoption = setInterval(() => {
        void this.adoptUnfinished().catch((error: unknown) =>
          this.log.warn('Could not look for batches left by a stopped process', error)
        )
      }, this.leasing.timing.renewEveryMs)
      this.adoption.unref()
    }
    return resumed
  }

  private async adoptUnfinished(): Promise<string[]> {
    const resumed: string[] = []
    for (const batch of this.store.batches.withStatus(UNFINISHED_STATUSES)) {
      if (this.jobs.has(batch.id)) continue
      const holder = this.leasing.heldElsewhere(batch.id)
      if (holder) {
        this.log.info(`Batch ${batch.id} is left to ${describeHolder(holder)}`)
        continue
      }
      try {
        await this.start(batch.id, { skipHealthCheck: true })
        resumed.push(batch.id)
      } catch (error) {
        // Another process took it first (they raced for it): theirs now.
        if (this.leasing.heldElsewhere(batch.id)) continue
        this.log.error(`Could not resume batch ${batch.id}`, error)
        try {
          this.store.batches.setStatus(batch.id, 'paused', `Could not resume: ${describeError(error)}`)
        } catch (write) {
          this.log.warn(`Could not record why batch ${batch.id} did not resume`, write)
        }
      }
    }
    return resumed
  }

  /** Stops every job without changing its status (they resume on the next start). */
  async close(): Promise<void> {
    clearInterval(this.adoption)
    this.adoption = undefined
    const jobs = [...this.jobs.values()]
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
    const stalled = this.stalled.get(batch.id)
    if (stalled) return { ...batch, status: 'paused', statusMessage: stalled, workedOnBy: null }
    if (this.jobs.has(batch.id)) return { ...batch, workedOnBy: null }
    const holder = this.leasing.heldElsewhere(batch.id)
    return { ...batch, workedOnBy: holder ? describeHolder(holder) : null }
  }

  /** The answers of Truora Lote could not read while running this batch, once per kind (journaled). */
  unknownShapes(batchId: string): JournalEntry[] {
    return this.store.journal.ofType(batchId, 'unknown-shape')
  }

  // ---- Plumbing ----

  private scheduleFor(profileId: string): PollSchedule {
    let schedule = this.schedules.get(profileId)
    if (!schedule) {
      schedule = new PollSchedule(this.options.pollSchedule)
      this.schedules.set(profileId, schedule)
    }
    return schedule
  }

  /**
   * Tells the analyst, once per kind of answer, that Truora answered a request of this batch in a shape Lote
   * does not know (Connections logs the structure of every such answer, never its values).
   */
  /**
   * Tells the analyst, as it happens, when Truora stops answering a batch's requests (after a few failures in a
   * row, so one dropped connection is not an outage), when it answers again and after how long, and when it
   * asks Lote to slow down (at most once a minute).
   */
  private reachabilityReporter(batchId: string): NonNullable<ClientListeners['onReachability']> {
    let failures = 0
    let outageSince: number | null = null
    let throttleToldAt = -Infinity
    const warn = (code: BatchWarningCode, message: string) =>
      this.emit({ type: 'warning', batchId, code, message, at: new Date().toISOString() })
    return (state, error) => {
      const now = this.clock.now()
      if (state === 'unreachable') {
        failures++
        if (failures >= OUTAGE_AFTER_FAILURES && outageSince === null) {
          outageSince = now
          warn(
            'connection',
            `Truora is not answering (${error ? describeError(error) : 'no answer'}). Lote keeps asking, with growing pauses, and goes on by itself when it answers; nothing is lost or created twice.`
          )
        }
        return
      }
      failures = 0
      if (outageSince !== null) {
        const seconds = Math.max(1, Math.round((now - outageSince) / 1000))
        outageSince = null
        warn(
          'recovered',
          `Truora answers again after about ${seconds} s without answering. The batch goes on.`
        )
      }
      if (state === 'throttled' && now - throttleToldAt >= 60_000) {
        throttleToldAt = now
        warn(
          'rate-limited',
          'Truora asked Lote to slow down (HTTP 429). Lote lowered its pace and goes on at the rate Truora accepts.'
        )
      }
    }
  }

  private unknownShapeReporter(batchId: string): UnknownShapeListener {
    const told = new Set<string>()
    return (report) => {
      const key = `${report.request}|${report.what}`
      if (told.has(key)) return
      told.add(key)
      this.store.journal.add(batchId, 'unknown-shape', null, { ...report })
      this.emit({
        type: 'warning',
        batchId,
        code: 'unknown-shape',
        message: `Truora answered ${report.request ?? 'a request'} in a way Lote does not know (${report.what}). Lote went on with what it could read; the structure of the answer is in the log.`,
        at: new Date().toISOString()
      })
    }
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
