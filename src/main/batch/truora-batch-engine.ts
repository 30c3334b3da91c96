// The Truora-batch engine: the whole batch goes to Truora as one xlsx (docs/truora-api.md section 5) and runs
// on Truora's side, so it survives the laptop closing. Every step is recorded before the next request, so a
// restart continues from where it was: create -> upload once -> start -> monitor -> report -> collect, then
// the checks are found (decision 19) and followed to the end like the direct engine's.
import { join } from 'node:path'
import { INPUT_NAMES } from '../../shared/checks/inputs'
import type { WorkRow } from '../store/results/check-ledger'
import { mayHaveReachedServer, TruoraError } from '../truora/errors'
import {
  isFinalBatchStatus,
  isFinalCheckStatus,
  type Batch,
  type BatchCreated,
  type Check
} from '../truora/types'
import { readBatchReport, writeBatchFile, type ReportRow } from './batch-file'
import { DirectEngine } from './direct-engine'
import {
  BatchStopped,
  keyRefusedStop,
  describeError,
  formatLimit,
  isAbort,
  rowToken,
  type Engine,
  type EngineContext,
  type EngineOutcome
} from './engine'
import type { PollSchedule } from './poll-schedule'
import {
  ENGINE_PHASE_TEXT,
  type EnginePhase,
  type FindMeans,
  type RemoteBatchState
} from '../../shared/batch'

/** Keep this much of the upload link's life in hand: a link about to expire is not worth the attempt. */
const LINK_MARGIN_MS = 60_000
const REPORT_FORMAT = 'xlsx'
/** A step that keeps failing on transient errors is tried this many times in a row before the batch pauses. */
const MAX_STEP_ATTEMPTS = 8
const STEP_RETRY_MAX_MS = 30_000

/** While Truora's batch runs, its checks are listed at most this often (each listing pages the whole batch). */
const MONITOR_SWEEP_MS = 5 * 60_000
/** How long to wait for a requested report before finding the checks without it. */
const REPORT_WAIT_MS = 10 * 60_000
/** Pages of the account's checks read when looking for the batch's checks by listing. */
const MAX_LISTING_PAGES = 200
/** A check listed as the batch's must have been created after the batch, give or take clocks. */
const CLOCK_SKEW_MS = 5 * 60_000
/** Headers of the report that hold the check id, after lower-casing and dropping all but letters. */
const CHECK_ID_HEADERS = new Set(['checkid', 'check', 'idcheck', 'idconsulta'])
const ROW_HEADERS = new Set(['row', 'fila', 'linha', 'line', 'rownumber'])

/** The rows still waiting to be matched to a check: by Lote's row token, by file row, or by the inputs. */
class RowMatcher {
  private readonly byToken = new Map<string, WorkRow>()
  private readonly bySignature = new Map<string, WorkRow[]>()
  private readonly byFileRow = new Map<number, WorkRow>()
  private readonly remaining = new Set<WorkRow>()

  constructor(
    rows: WorkRow[],
    private readonly signature: (inputs: Record<string, string>) => string,
    fileRowOf: (row: WorkRow) => number | undefined,
    private readonly tokens: boolean
  ) {
    for (const row of rows) {
      this.remaining.add(row)
      if (row.token) this.byToken.set(row.token, row)
      const key = signature(row.inputs)
      this.bySignature.set(key, [...(this.bySignature.get(key) ?? []), row])
      const fileRow = fileRowOf(row)
      if (fileRow !== undefined) this.byFileRow.set(fileRow, row)
    }
  }

  get size(): number {
    return this.remaining.size
  }

  /** The row these inputs (and token, or file row) belong to, taken out of the waiting rows. */
  take(inputs: Record<string, string>, token: string | null, fileRow?: number): WorkRow | undefined {
    let row = this.tokens && token ? this.byToken.get(token) : undefined
    if (!row && fileRow !== undefined) {
      const candidate = this.byFileRow.get(fileRow)
      // The file row must hold what Lote sent there: a report laid out otherwise is not trusted by position.
      if (candidate && this.signature(candidate.inputs) === this.signature(inputs)) row = candidate
    }
    // Without Lote's token (the analyst's own custom_input), the inputs themselves say which row it was.
    row ??= this.bySignature.get(this.signature(inputs))?.[0]
    if (!row || !this.remaining.has(row)) return undefined
    this.remaining.delete(row)
    this.byToken.delete(row.token ?? '')
    for (const [number, candidate] of this.byFileRow) if (candidate === row) this.byFileRow.delete(number)
    const key = this.signature(row.inputs)
    this.bySignature.set(
      key,
      (this.bySignature.get(key) ?? []).filter((candidate) => candidate !== row)
    )
    return row
  }
}

/**
 * The request that creates a Truora batch failed in a way that leaves open whether Truora made one. Asking
 * again could make a second batch, so Lote does not; the analyst is told what to check instead.
 */
class UnansweredBatchCreate extends Error {
  constructor(
    readonly failure: TruoraError,
    readonly at: number
  ) {
    super(failure.message)
  }
}

export class TruoraBatchEngine implements Engine {
  private remote: RemoteBatchState
  private currentPhase: EnginePhase = 'preparing-file'
  private follower: DirectEngine | null = null
  private readonly sleepers = new Set<AbortController>()

  constructor(
    private readonly ctx: EngineContext,
    private readonly schedule: PollSchedule
  ) {
    this.remote = ctx.batch.remote ?? { step: 'creating' }
  }

  phase(): EnginePhase {
    return this.follower?.phase() ?? this.currentPhase
  }

  wake(): void {
    this.follower?.wake()
    for (const sleeper of this.sleepers) sleeper.abort()
  }

  private save(patch: Partial<RemoteBatchState>): void {
    this.remote = { ...this.remote, ...patch }
    this.ctx.store.setRemote(this.ctx.batch.id, this.remote)
    this.ctx.changed()
  }

  async run(signal: AbortSignal): Promise<EngineOutcome> {
    try {
      return await this.steps(signal)
    } catch (error) {
      if (isAbort(error, signal)) return { status: 'paused', message: null }
      if (error instanceof TruoraError && error.kind === 'key_refused') throw keyRefusedStop(error)
      throw error
    }
  }

  /**
   * Runs the steps in order. A step that fails on a transient error is tried again after a pause, since every
   * step but the batch's creation is safe to repeat (the upload link takes one file; starting, monitoring and
   * the report read Truora's state first). After too many failures in a row the batch pauses, saying why.
   */
  private async steps(signal: AbortSignal): Promise<EngineOutcome> {
    let failures = 0
    for (;;) {
      signal.throwIfAborted()
      const step = this.remote.step
      try {
        const outcome = await this.step(signal)
        if (outcome) return outcome
        failures = 0
      } catch (error) {
        if (isAbort(error, signal) || error instanceof BatchStopped) throw error
        if (error instanceof UnansweredBatchCreate) return this.unansweredCreate(error)
        if (!(error instanceof TruoraError) || !error.transient) throw error
        failures++
        const message = describeError(error)
        if (failures >= MAX_STEP_ATTEMPTS)
          return {
            status: 'paused',
            message: `Truora kept failing while ${ENGINE_PHASE_TEXT[this.currentPhase]} (${failures} attempts; last: ${message}). Nothing was lost and no check was made twice: resume the batch to continue.`
          }
        const wait = Math.min(STEP_RETRY_MAX_MS, (this.ctx.remotePollMs ?? 1_000) * 2 ** (failures - 1))
        this.ctx.log.warn(`Batch ${this.ctx.batch.id}: step ${step} failed, trying again: ${message}`)
        this.ctx.emit({
          type: 'warning',
          batchId: this.ctx.batch.id,
          code: 'retrying',
          message: `${message} Lote tries again in ${Math.ceil(wait / 1000)} s.`,
          at: new Date(this.ctx.clock.now()).toISOString()
        })
        await this.sleep(wait, signal)
      }
    }
  }

  /** One step of the flow; an outcome when the batch has reached its end. */
  private async step(signal: AbortSignal): Promise<EngineOutcome | null> {
    const { client, batch } = this.ctx
    switch (this.remote.step) {
      case 'creating':
      case 'created': {
        if (this.ctx.control.stopCreating) {
          // Nothing was started on Truora's side: cancelling now leaves no checks behind.
          this.ctx.store.cancelPending(batch.id)
          for (const row of this.ctx.store.workRows(batch.id, ['creating']))
            this.ctx.store.markCancelled(batch.id, row.seq)
          return { status: 'cancelled', message: null }
        }
        await this.createAndUpload(signal)
        return null
      }
      case 'uploaded':
      case 'starting': {
        this.currentPhase = 'starting-truora-batch'
        if (this.remote.step === 'starting') {
          // A start that may or may not have reached Truora: its batch's status says which.
          const current = await client.getBatch(this.remote.batchId as string, { signal })
          if (current.status !== 'not_started') {
            this.save({
              step: 'started',
              status: current.status,
              reportId: current.reportId ?? this.remote.reportId,
              startedAt: new Date(this.ctx.clock.now()).toISOString()
            })
            return null
          }
        }
        this.save({ step: 'starting' })
        const started = await client.startBatch(this.remote.batchId as string, {
          signal,
          beforeSend: this.ctx.fence
        })
        this.save({
          step: 'started',
          status: started?.status ?? 'in_progress',
          reportId: started?.reportId ?? this.remote.reportId,
          startedAt: new Date(this.ctx.clock.now()).toISOString()
        })
        return null
      }
      case 'started':
        await this.monitor(signal)
        return null
      case 'finished': {
        // A batch Lote stopped waiting for has no report yet: its checks are found by the other means.
        if (this.remote.gaveUpWaiting) {
          this.save({ step: 'report-downloaded' })
          return null
        }
        this.currentPhase = 'requesting-report'
        await client.requestBatchReport(this.remote.batchId as string, REPORT_FORMAT, { signal })
        this.save({ step: 'report-requested' })
        return null
      }
      case 'report-requested':
        await this.downloadReport(signal)
        return null
      case 'report-downloaded':
        await this.collect(signal)
        return null
      case 'collected': {
        this.follower = new DirectEngine(this.ctx, this.schedule)
        const outcome = await this.follower.run(signal)
        if (outcome.status === 'completed' && this.remote.stopRequested)
          return { status: 'cancelled', message: null }
        return outcome
      }
    }
  }

  /** Pauses after a creation Truora did not answer, and says what the analyst may find on Truora's side. */
  private unansweredCreate(error: UnansweredBatchCreate): EngineOutcome {
    const at = new Date(error.at).toISOString().slice(0, 16).replace('T', ' ')
    this.ctx.store.journal(this.ctx.batch.id, 'batch-create-unanswered', null, {
      at: new Date(error.at).toISOString(),
      error: describeError(error.failure)
    })
    return {
      status: 'paused',
      message:
        `Truora did not answer the request that creates the batch (${describeError(error.failure)}), so Lote cannot tell whether it made one, and does not ask again by itself. ` +
        `No file was sent and no check was created. Truora's dashboard may show an empty batch created at about ${at} UTC: it holds no file, never starts and creates no check. ` +
        'Check that Truora is working, then resume the batch to create it again.'
    }
  }

  /** Lays the rows out, checks the file, and only then asks Truora for a batch and its one-time link. */
  private async createAndUpload(signal: AbortSignal): Promise<void> {
    const { store, client, batch } = this.ctx
    const rows = store.workRows(batch.id, ['pending', 'creating'])
    if (rows.length === 0) {
      this.save({ step: 'collected' })
      return
    }
    const country = batch.country ?? rows[0].country
    const type = batch.type ?? rows[0].type
    const mixed = rows.find((row) => row.country !== country || row.type !== type)
    if (mixed)
      throw new BatchStopped(
        `A Truora batch holds one country and check type, but row ${mixed.row} is ${mixed.country} ${mixed.type}. Run this file with the direct engine.`
      )
    const tokens = !this.ctx.customInputMapped
    const used = new Set<string>()
    for (const row of rows) for (const [name, value] of Object.entries(row.inputs)) if (value) used.add(name)
    if (tokens) used.add('custom_input')
    const columns = INPUT_NAMES.filter((name) => used.has(name))

    this.currentPhase = 'preparing-file'
    // Tokens are recorded before they leave in the file: after a crash, checks are matched to rows by them.
    for (const row of rows) {
      if (!row.token) {
        row.token = rowToken(batch.id, row.seq, row.generation)
        store.markCreating(batch.id, row.seq, row.token)
      }
    }
    const path = join(this.ctx.filesDir, 'truora-batch-upload.xlsx')
    const bytes = await writeBatchFile(
      columns,
      rows.map((row) => ({
        values: tokens ? { ...row.inputs, custom_input: row.token as string } : row.inputs
      }))
    )

    let link = this.remote.step === 'created' ? this.remote.uploadLink : undefined
    const expires = this.remote.linkExpiresAt ? Date.parse(this.remote.linkExpiresAt) : NaN
    if (link && Number.isFinite(expires) && expires - this.ctx.clock.now() < LINK_MARGIN_MS) link = undefined
    if (!link || !this.remote.columns || this.remote.columns.join() !== columns.join()) {
      this.currentPhase = 'creating-truora-batch'
      this.save({ step: 'creating', batchId: undefined, uploadLink: undefined })
      const sentAt = this.ctx.clock.now()
      let created: BatchCreated
      try {
        created = await client.createBatch(
          {
            country,
            type,
            columnsMapping: Object.fromEntries(columns.map((name, index) => [name, index])),
            frequency: this.ctx.batch.options.continuous?.frequency,
            endDate: this.ctx.batch.options.continuous?.endDate
          },
          { signal, beforeSend: this.ctx.fence }
        )
      } catch (error) {
        // The client already asked again where that is safe (a 429, a refused connection). What is left
        // either proves nothing was made (tried again later) or may have made a batch (not asked again).
        if (error instanceof TruoraError && error.transient && mayHaveReachedServer(error))
          throw new UnansweredBatchCreate(error, sentAt)
        throw error
      }
      const order = created.columns.map((column) => column.input)
      if (order.length > 0 && order.join() !== columns.join())
        throw new BatchStopped(
          `Truora laid the batch out as ${order.join(', ')} instead of ${columns.join(', ')}; the file cannot be uploaded as built.`
        )
      this.save({
        step: 'created',
        batchId: created.id,
        columns,
        uploadLink: created.fileUploadLink,
        linkExpiresAt: created.linkExpiresAt ?? new Date(this.ctx.clock.now() + 30 * 60_000).toISOString(),
        reportId: typeof created.raw.report_id === 'string' ? created.raw.report_id : undefined,
        createdAt: new Date(this.ctx.clock.now()).toISOString()
      })
      link = created.fileUploadLink
    }
    this.currentPhase = 'uploading-file'
    try {
      await client.uploadBatchFile(link, bytes, { signal, beforeSend: this.ctx.fence })
    } catch (error) {
      // A link that already holds a file took ours before a crash: the batch can start.
      if (!(error instanceof TruoraError && error.kind === 'upload_refused' && error.status === 409)) {
        if (error instanceof TruoraError && error.kind === 'upload_refused') {
          this.save({ step: 'creating', uploadLink: undefined })
          return
        }
        throw error
      }
    }
    store.saveFile({ batchId: batch.id, checkId: null, kind: 'batch-upload', path }, bytes)
    this.save({ step: 'uploaded' })
  }

  private async monitor(signal: AbortSignal): Promise<void> {
    const { client, clock } = this.ctx
    const batchId = this.remote.batchId as string
    this.currentPhase = 'waiting-for-truora-batch'
    let wait = this.ctx.remotePollMs ?? 5_000
    let known = -1
    // The first listing waits: most batches finish before it would be due, and the final one reads them all.
    let sweptAt = clock.now()
    const startedAt = this.remote.startedAt ? Date.parse(this.remote.startedAt) : clock.now()
    const giveUpAt = startedAt + this.ctx.batch.options.giveUpAfterMs
    for (;;) {
      if (
        this.ctx.control.stopCreating &&
        !this.remote.stopRequested &&
        !isFinalBatchStatus(this.remote.status ?? '')
      ) {
        try {
          await client.stopBatch(batchId, { signal })
        } catch (error) {
          if (!(error instanceof TruoraError && error.kind === 'invalid_input')) throw error
          // Truora refuses to stop a batch that already finished; that is fine.
        }
        this.save({ stopRequested: true })
      }
      let current: Batch
      try {
        current = await client.getBatch(batchId, { signal })
      } catch (error) {
        if (isAbort(error, signal) || (error instanceof TruoraError && error.kind === 'key_refused'))
          throw error
        this.ctx.log.warn(
          `Batch ${this.ctx.batch.id}: reading Truora batch ${batchId} failed: ${describeError(error)}`
        )
        if (clock.now() >= giveUpAt) return this.stopWaiting()
        await this.sleep(wait, signal)
        continue
      }
      if (
        current.status !== this.remote.status ||
        (current.reportId && current.reportId !== this.remote.reportId)
      )
        this.save({
          status: current.status,
          reportId: current.reportId ?? this.remote.reportId,
          failureReason: current.failureReason ?? undefined
        })
      if (isFinalBatchStatus(current.status)) {
        this.save({ step: 'finished' })
        return
      }
      if (clock.now() >= giveUpAt) return this.stopWaiting()
      // Record check ids as they appear, so the results grid fills in while Truora works; not often, since
      // each listing pages the whole batch.
      if ((current.createdChecks ?? 0) !== known && clock.now() - sweptAt >= MONITOR_SWEEP_MS) {
        known = current.createdChecks ?? 0
        sweptAt = clock.now()
        await this.findByReportId(signal, false)
      }
      await this.sleep(Math.min(wait, Math.max(0, giveUpAt - clock.now())), signal)
      wait = Math.min(wait * 1.5, 30_000)
    }
  }

  /** Truora's batch is still running at the give-up limit: collect what exists, so the batch ends. */
  private stopWaiting(): void {
    const limit = formatLimit(this.ctx.batch.options.giveUpAfterMs)
    this.ctx.log.warn(
      `Batch ${this.ctx.batch.id}: Truora's batch still running after ${limit}; collecting it as it is`
    )
    this.ctx.emit({
      type: 'warning',
      batchId: this.ctx.batch.id,
      code: 'given-up',
      message: `Truora's batch was still running after ${limit}: Lote stopped waiting for it and collects the checks it has made; checks still waiting are marked "given up".`,
      at: new Date().toISOString()
    })
    this.save({ step: 'finished', gaveUpWaiting: true })
  }

  private async downloadReport(signal: AbortSignal): Promise<void> {
    const { client, store, batch, clock } = this.ctx
    const batchId = this.remote.batchId as string
    this.currentPhase = 'downloading-report'
    let wait = Math.min(this.ctx.remotePollMs ?? 2_000, 2_000)
    const until = clock.now() + REPORT_WAIT_MS
    for (;;) {
      let report
      try {
        report = await client.getBatchReport(batchId, { signal })
      } catch (error) {
        if (endsTheStep(error, signal)) throw error
        // The report is one means among others of finding the checks: without it, the others still work.
        this.ctx.log.warn(
          `Batch ${batch.id}: Truora's batch report could not be read: ${describeError(error)}`
        )
        this.save({ step: 'report-downloaded' })
        return
      }
      if (report.kind !== 'pending') {
        const bytes =
          report.kind === 'file' ? report.bytes : await client.downloadBatchReport(report.url, { signal })
        const path = join(this.ctx.filesDir, `truora-report.${REPORT_FORMAT}`)
        store.saveFile({ batchId: batch.id, checkId: null, kind: 'batch-report', path }, bytes)
        this.save({ step: 'report-downloaded', reportPath: path })
        return
      }
      if (clock.now() >= until) {
        this.ctx.log.warn(
          `Batch ${batch.id}: Truora's batch report was not ready in time; finding the checks without it`
        )
        this.save({ step: 'report-downloaded' })
        return
      }
      await this.sleep(wait, signal)
      wait = Math.min(wait * 1.5, 30_000)
    }
  }

  /**
   * Finds every row's check by each documented means in turn — the batch's report_id, its report file,
   * listing the account's checks — and records which means found it. Rows none of them finds fail with
   * Truora's reason.
   */
  private async collect(signal: AbortSignal): Promise<void> {
    const { store, batch } = this.ctx
    this.currentPhase = 'collecting-results'
    await this.findByReportId(signal, true)
    await this.findByReportFile(signal)
    await this.findByListing(signal)
    const reason = this.remote.failureReason
    const rowErrors = new Map<number, string>()
    if (this.remote.batchId) {
      try {
        const current = await this.ctx.client.getBatch(this.remote.batchId, { signal })
        const list = Array.isArray(current.raw.row_errors) ? (current.raw.row_errors as unknown[]) : []
        for (const entry of list) {
          if (entry && typeof entry === 'object' && 'row' in entry && 'message' in entry)
            rowErrors.set(Number(entry.row), String(entry.message))
        }
      } catch (error) {
        if (isAbort(error, signal)) throw error
      }
    }
    const fileRow = this.fileRows()
    for (const row of store.workRows(batch.id, ['creating'])) {
      const message = rowErrors.get(fileRow.get(row.seq) ?? -1)
      const why = this.remote.stopRequested
        ? 'The batch was stopped before Truora created a check for this row.'
        : message
          ? `Truora did not create a check for this row: ${message}`
          : `Truora did not create a check for this row${reason ? `: ${reason}` : '.'} Lote looked for it by ${this.meansTried()}.`
      if (this.remote.stopRequested) store.markCancelled(batch.id, row.seq)
      else store.markFailed(batch.id, row.seq, why, message ? 'input-refused' : 'not-created')
    }
    this.save({ step: 'collected' })
  }

  /** File row n+2 (after the header) is the n-th row sent. */
  private fileRows(): Map<number, number> {
    const order = this.ctx.store.workRows(this.ctx.batch.id, [
      'creating',
      'running',
      'done',
      'failed',
      'given-up'
    ])
    return new Map(order.map((row, index) => [row.seq, index + 2]))
  }

  private meansTried(): string {
    return [
      this.remote.reportId ? "the batch's report_id" : null,
      this.remote.reportPath ? "the batch's report file" : null,
      "listing the account's checks"
    ]
      .filter(Boolean)
      .join(', ')
  }

  private matcher(): RowMatcher {
    const fileRow = this.fileRows()
    return new RowMatcher(
      this.ctx.store.workRows(this.ctx.batch.id, ['creating']),
      (inputs) => this.signature(inputs),
      (row) => fileRow.get(row.seq),
      !this.ctx.customInputMapped
    )
  }

  private record(row: WorkRow, check: Check, means: FindMeans): void {
    const { store, batch, clock } = this.ctx
    store.recordCreated(batch.id, row.seq, check, clock.now())
    store.journal(batch.id, 'found', row.seq, { checkId: check.id, means })
    const found = { ...this.remote.found }
    found[means] = (found[means] ?? 0) + 1
    this.remote = { ...this.remote, found }
  }

  /** A means failing is not the end: the next one is tried. Only a refused key or an abort stops here. */
  private async tryMeans(means: FindMeans, signal: AbortSignal, work: () => Promise<void>): Promise<void> {
    try {
      await work()
    } catch (error) {
      // A refused key, an abort or a transient failure ends the step (repeated later); anything else, such
      // as an answer in an unknown shape, hands over to the next means.
      if (endsTheStep(error, signal)) throw error
      this.ctx.log.warn(
        `Batch ${this.ctx.batch.id}: finding the checks by ${means} failed: ${describeError(error)}`
      )
    } finally {
      this.save({})
    }
  }

  /**
   * Means 1: the checks Truora tagged with the batch's report_id (not documented in batch answers). The
   * final listing also refreshes checks recorded while the batch ran, so none of them needs a poll of its own.
   */
  private async findByReportId(signal: AbortSignal, final: boolean): Promise<void> {
    const reportId = this.remote.reportId
    if (!reportId) return
    const { store, batch, clock } = this.ctx
    const matcher = this.matcher()
    const waiting = new Set(
      final
        ? store
            .openChecks(batch.id)
            .filter((open) => !isFinalCheckStatus(open.status))
            .map((open) => open.checkId)
        : []
    )
    if (matcher.size === 0 && waiting.size === 0) return
    await this.tryMeans('report-id', signal, async () => {
      for await (const page of this.ctx.client.listChecks({ reportId, signal })) {
        for (const check of page) {
          if (waiting.delete(check.id)) {
            store.recordCheck(check, isFinalCheckStatus(check.status) ? null : clock.now())
            continue
          }
          const row = matcher.take(check.inputs, check.customInput)
          if (row) this.record(row, check, 'report-id')
        }
        if (matcher.size === 0 && waiting.size === 0) break
      }
    })
  }

  /** Means 2: the check ids in the batch's report file, each row matched by token, file row or inputs. */
  private async findByReportFile(signal: AbortSignal): Promise<void> {
    const path = this.remote.reportPath
    if (!path) return
    const matcher = this.matcher()
    if (matcher.size === 0) return
    await this.tryMeans('report-file', signal, async () => {
      const rows = await readBatchReport(this.ctx.store.readFile(path))
      const idColumn = reportColumn(rows, CHECK_ID_HEADERS, (value) => /^CHK[0-9a-z]+$/i.test(value))
      if (!idColumn) throw new Error('the report has no column of check ids')
      const rowColumn = reportColumn(rows, ROW_HEADERS, () => false)
      for (const line of rows) {
        const checkId = line[idColumn]
        if (!checkId) continue
        const inputs = reportInputs(line)
        const fileRow = rowColumn ? Number(line[rowColumn]) : undefined
        const row = matcher.take(inputs, inputs.custom_input ?? null, fileRow)
        if (!row) continue
        const check = await this.ctx.client.getCheck(checkId, { signal })
        this.record(row, check, 'report-file')
      }
    })
  }

  /**
   * Means 3: the account's checks, as Truora lists them, matched by Lote's row token or by the inputs;
   * only checks made after this batch was created, of no other batch, and not already another row's.
   */
  private async findByListing(signal: AbortSignal): Promise<void> {
    const matcher = this.matcher()
    if (matcher.size === 0) return
    const { client, store } = this.ctx
    const since = this.remote.createdAt ? Date.parse(this.remote.createdAt) - CLOCK_SKEW_MS : -Infinity
    await this.tryMeans('listing', signal, async () => {
      let pages = 0
      for await (const page of client.listChecks({ signal })) {
        for (const check of page) {
          const created = check.creationDate ? Date.parse(check.creationDate) : NaN
          if (Number.isFinite(created) && created < since) continue
          if (this.remote.reportId && check.reportId && check.reportId !== this.remote.reportId) continue
          if (store.rowOfCheck(check.id)) continue
          const row = matcher.take(check.inputs, check.customInput)
          if (row) this.record(row, check, 'listing')
        }
        if (matcher.size === 0 || ++pages >= MAX_LISTING_PAGES) break
      }
    })
  }

  /** The inputs the file carried, in its column order, as one comparable string. */
  private signature(inputs: Record<string, string>): string {
    const columns = (this.remote.columns ?? []).filter((column) => column !== 'custom_input')
    return JSON.stringify(columns.map((column) => inputs[column] ?? ''))
  }

  private async sleep(ms: number, signal: AbortSignal): Promise<void> {
    const waker = new AbortController()
    this.sleepers.add(waker)
    try {
      await this.ctx.clock.sleep(ms, AbortSignal.any([signal, waker.signal]))
    } catch {
      signal.throwIfAborted()
    } finally {
      this.sleepers.delete(waker)
    }
  }
}

function squash(header: string): string {
  return header.toLowerCase().replace(/[^a-z]/g, '')
}

/** The report's column with one of these names, else the first whose values all look right. */
function reportColumn(
  rows: ReportRow[],
  names: Set<string>,
  looksRight: (value: string) => boolean
): string | null {
  const headers = Object.keys(rows[0] ?? {})
  const named = headers.find((header) => names.has(squash(header)))
  if (named) return named
  return (
    headers.find((header) => {
      const values = rows.map((row) => row[header]).filter(Boolean)
      return values.length > 0 && values.every(looksRight)
    }) ?? null
  )
}

/** The report's columns named like check inputs. */
function reportInputs(line: ReportRow): Record<string, string> {
  const inputs: Record<string, string> = {}
  for (const [header, value] of Object.entries(line)) {
    const name = header.trim().toLowerCase()
    if (value && (INPUT_NAMES as readonly string[]).includes(name)) inputs[name] = value
  }
  return inputs
}

/**
 * A refused key, an abort or a transient failure ends a step of finding the checks (it is repeated later);
 * anything else only means this way of finding them did not work.
 */
function endsTheStep(error: unknown, signal: AbortSignal): boolean {
  return (
    isAbort(error, signal) ||
    (error instanceof TruoraError && (error.kind === 'key_refused' || error.transient))
  )
}
