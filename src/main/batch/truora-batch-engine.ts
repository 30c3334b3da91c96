// The Truora-batch engine: the whole batch goes to Truora as one xlsx (docs/truora-api.md section 5) and runs
// on Truora's side, so it survives the laptop closing. Every step is recorded before the next request, so a
// restart continues from where it was: create -> upload once (truora-batch-upload.ts) -> start -> monitor ->
// report -> collect, then the checks are found (decision 19, truora-batch-finding.ts) and followed to the end
// like the direct engine's.
import { join } from 'node:path'
import { TruoraError } from '../truora/errors'
import { isFinalBatchStatus, type Batch } from '../truora/types'
import { DirectEngine } from './direct-engine'
import {
  BatchStopped,
  keyRefusedStop,
  describeError,
  formatLimit,
  isAbort,
  type Engine,
  type EngineContext,
  type EngineOutcome
} from './engine'
import type { PollSchedule } from './poll-schedule'
import { CheckFinder, endsTheStep, type RemoteRecord } from './truora-batch-finding'
import { BatchUpload, UnansweredBatchCreate } from './truora-batch-upload'
import { ENGINE_PHASE_TEXT, type EnginePhase, type RemoteBatchState } from '../../shared/batch'

const REPORT_FORMAT = 'xlsx'
/** A step that keeps failing on transient errors is tried this many times in a row before the batch pauses. */
const MAX_STEP_ATTEMPTS = 8
const STEP_RETRY_MAX_MS = 30_000

/** While Truora's batch runs, its checks are listed at most this often (each listing pages the whole batch). */
const MONITOR_SWEEP_MS = 5 * 60_000
/** How long to wait for a requested report before finding the checks without it. */
const REPORT_WAIT_MS = 10 * 60_000

export class TruoraBatchEngine implements Engine {
  private remote: RemoteBatchState
  private currentPhase: EnginePhase = 'preparing-file'
  private follower: DirectEngine | null = null
  private readonly sleepers = new Set<AbortController>()
  private readonly upload: BatchUpload
  private readonly finder: CheckFinder

  constructor(
    private readonly ctx: EngineContext,
    private readonly schedule: PollSchedule
  ) {
    this.remote = ctx.batch.remote ?? { step: 'creating' }
    const record: RemoteRecord = {
      current: () => this.remote,
      note: (patch) => (this.remote = { ...this.remote, ...patch }),
      save: (patch) => this.save(patch)
    }
    this.upload = new BatchUpload(ctx, record, (phase) => (this.currentPhase = phase))
    this.finder = new CheckFinder(ctx, record)
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
        if (error instanceof UnansweredBatchCreate) return this.upload.unanswered(error)
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
        await this.upload.run(signal)
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
        await this.finder.findByReportId(signal, false)
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
   * Finds every row's check (truora-batch-finding.ts) and records which means found it; rows none of them
   * finds fail with Truora's reason.
   */
  private async collect(signal: AbortSignal): Promise<void> {
    this.currentPhase = 'collecting-results'
    await this.finder.collect(signal)
    this.save({ step: 'collected' })
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
