// What every engine gets and gives back, and the work they share once a check exists: polling it until it is
// final, then storing its details (and PDF) — the Truora-batch engine hands its checks to the same code.
import { join } from 'node:path'
import { fileNameForId, pathInside } from '../file-names'
import type { Logger } from '../log'
import { LeaseLost } from '../store/results/batch-leases'
import { isStorageFault } from '../store/storage-faults'
import type { EngineLedger } from '../store/results/check-ledger'
import type { TruoraClient } from '../truora/client'
import type { Clock } from '../truora/clock'
import { TruoraError } from '../truora/errors'
import type { RateLimiter } from '../truora/rate-limiter'
import { isFinalCheckStatus, type Check, type CheckDetail } from '../truora/types'
import { PDF_WAIT, isPdfNotReady } from './pdf-wait'
import { PollSchedule } from './poll-schedule'
import type { BatchEvent, BatchStatus, BatchStatusCode, BatchSummary, EnginePhase } from '../../shared/batch'

/** Switches the analyst flips while a job runs. */
export interface JobControl {
  /** No more creates (cancel); checks already created are still collected. */
  stopCreating: boolean
}

export interface EngineContext {
  batch: BatchSummary
  /** The engine's door to the results store. */
  store: EngineLedger
  client: TruoraClient
  limiter: RateLimiter
  clock: Clock
  log: Logger
  /** Where downloaded files go: <dataDir>/files/<batch id>/. */
  filesDir: string
  control: JobControl
  emit: (event: BatchEvent) => void
  /** Called after every stored change, so progress can be reported. */
  changed: () => void
  /** Whether the analyst mapped a column to custom_input (then Lote cannot put its row token there). */
  customInputMapped: boolean
  /** Pause between reads of a Truora batch's status, ms. */
  remotePollMs?: number
  /** Throws (LeaseLost) unless this process still holds the batch; called as each creating request leaves. */
  fence: () => void
}

export interface EngineOutcome {
  status: Extract<BatchStatus, 'completed' | 'cancelled' | 'failed' | 'paused'>
  message: string | null
  /** Why it stopped, when the app has a fix to offer (a refused key). */
  code?: BatchStatusCode | null
}

export interface Engine {
  /** Works until the batch is finished, the signal aborts (pause, shutdown) or an error stops it. */
  run(signal: AbortSignal): Promise<EngineOutcome>
  phase(): EnginePhase
  /** Looks at the job's switches again now (after a cancel). */
  wake(): void
}

/**
 * Nothing else will work, so the job stops at once: the API key was refused (`code` says so: the batch then
 * waits, paused, for a key that works), or the batch cannot go on as built.
 */
export class BatchStopped extends Error {
  constructor(
    message: string,
    readonly code: BatchStatusCode | null = null
  ) {
    super(message)
    this.name = 'BatchStopped'
  }
}

/** The stop for a refused key: the batch pauses until a key that works is in place. */
export function keyRefusedStop(error: Error): BatchStopped {
  return new BatchStopped(error.message, 'key_refused')
}

/**
 * Errors that stop a job without deciding anything about its batch: the disk or database cannot be written
 * (full, failing, locked too long), or another process took the batch over. The service decides what follows
 * (wait for the disk, or leave the batch to its new holder); the engines only stop and pass them on.
 */
export function interruptsJob(error: unknown): boolean {
  return isStorageFault(error) || error instanceof LeaseLost
}

export function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof TruoraError && error.kind === 'aborted')
}

export function describeError(error: unknown): string {
  if (error instanceof TruoraError)
    return error.apiMessage && error.kind === 'invalid_input' ? error.apiMessage : error.message
  return error instanceof Error ? error.message : String(error)
}

/** The row token Lote writes in custom_input: unique per row and re-run, at most 128 characters. */
export function rowToken(batchId: string, seq: number, generation: number): string {
  return `lote:${batchId}:${seq + 1}${generation > 0 ? `:r${generation}` : ''}`
}

/** Milliseconds from creation to the final status, from Truora's own timestamps when it gives them. */
export function completionMs(check: Check, fallbackStart: number, now: number): number {
  const created = check.creationDate ? Date.parse(check.creationDate) : NaN
  const updated = check.updateDate ? Date.parse(check.updateDate) : NaN
  if (Number.isFinite(created) && Number.isFinite(updated) && updated >= created) return updated - created
  return now - fallbackStart
}

export type FollowUp =
  | { kind: 'poll'; checkId: string; seq: number; startedAt: number }
  | { kind: 'details'; checkId: string; seq: number }
  | { kind: 'pdf'; checkId: string; seq: number; tries: number }

const POLL_ERROR_MS = 5_000

/** "48 h", "90 min", "30 s": how long a limit is, for messages. */
export function formatLimit(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`
  return `${Math.round(ms / 100) / 10} s`
}

/**
 * Since when a check has been waiting: Truora's creation date when it is earlier than when Lote first saw
 * the check (a Truora batch creates checks long before Lote lists them), else when Lote first saw it.
 */
export function waitingSince(check: Check, firstSeenAt: number): number {
  const created = check.creationDate ? Date.parse(check.creationDate) : NaN
  return Number.isFinite(created) && created < firstSeenAt ? created : firstSeenAt
}

/**
 * Follows created checks to the end: polls on the schedule, stores every reading, then details and PDF.
 * Each step returns what to do next and when, so an engine can keep all of them in one timeline.
 */
export class CheckFollower {
  readonly schedule: PollSchedule
  private toldGivingUp = false
  private toldLost = false
  /** Checks the other side answered 404 for once: a second 404 in a row means it lost them. */
  private readonly notFoundOnce = new Set<string>()

  constructor(
    private readonly ctx: EngineContext,
    schedule: PollSchedule = new PollSchedule()
  ) {
    this.schedule = schedule
  }

  /** When to poll a check that is not final yet, seen `startedAt` (epoch ms) for the first time. */
  nextPollAt(status: string, startedAt: number): number {
    const now = this.ctx.clock.now()
    return now + this.schedule.nextDelay(status, now - startedAt)
  }

  /** When Lote stops waiting for a check first seen at `startedAt`. */
  private deadline(check: Check | null, startedAt: number): number {
    const since = check ? waitingSince(check, startedAt) : startedAt
    return since + this.ctx.batch.options.giveUpAfterMs
  }

  /** The row gets an outcome: given up, with the status Truora last gave (or the trouble reading it). */
  private giveUp(checkId: string, why: string): null {
    const limit = formatLimit(this.ctx.batch.options.giveUpAfterMs)
    this.ctx.store.givenUp(
      checkId,
      `${why} after ${limit}; Lote stopped waiting (the give-up limit). The check ${checkId} may still finish on Truora's side.`
    )
    if (!this.toldGivingUp) {
      this.toldGivingUp = true
      this.ctx.emit({
        type: 'warning',
        batchId: this.ctx.batch.id,
        code: 'given-up',
        message: `Some checks were still waiting after ${limit}: Lote stopped waiting for them so the batch can end. They are marked "given up" in the results.`,
        at: new Date().toISOString()
      })
    }
    this.ctx.changed()
    return null
  }

  /**
   * The other side answered 404 for a check Lote created, twice in a row: it no longer has it (Truora deleted
   * it, or a Sandbox started afresh). Polling it would go on until the give-up limit for nothing: its row ends
   * `lost`, never with a verdict, and a re-run makes a new check.
   */
  private lose(checkId: string): null {
    this.notFoundOnce.delete(checkId)
    this.ctx.store.markLost(
      checkId,
      `Truora answered that the check ${checkId} does not exist (HTTP 404): it was lost on Truora's side, so this row has no result. Re-run the failed rows to check it again.`
    )
    if (!this.toldLost) {
      this.toldLost = true
      this.ctx.emit({
        type: 'warning',
        batchId: this.ctx.batch.id,
        code: 'lost',
        message:
          'Truora no longer finds some checks Lote created for this batch. Lote stopped asking for them; their rows are marked "lost" and can be checked again with a re-run.',
        at: new Date().toISOString()
      })
    }
    this.ctx.changed()
    return null
  }

  /** What a check needs once its latest reading is stored. */
  afterStored(
    check: Check,
    seq: number,
    startedAt: number,
    dueAt: number | null
  ): { task: FollowUp; dueAt: number } | null {
    if (!isFinalCheckStatus(check.status))
      return {
        task: { kind: 'poll', checkId: check.id, seq, startedAt },
        dueAt: Math.min(dueAt ?? this.ctx.clock.now(), this.deadline(check, startedAt))
      }
    return this.finalSteps(check.id, seq, check.status, 'none', 'none')
  }

  /** The steps left for a final check, given what is already stored. */
  finalSteps(
    checkId: string,
    seq: number,
    status: string,
    detailsState: 'none' | 'stored' | 'skipped',
    pdfState: 'none' | 'requested' | 'stored' | 'failed'
  ): { task: FollowUp; dueAt: number } | null {
    const now = this.ctx.clock.now()
    if (detailsState === 'none') {
      const policy = this.ctx.batch.options.details
      const risk = this.ctx.store.checkState(checkId)?.risk
      const wanted =
        policy === 'all' || (policy === 'attention' && (risk !== 'low' || status !== 'completed'))
      if (wanted) return { task: { kind: 'details', checkId, seq }, dueAt: now }
      this.ctx.store.skipDetails(checkId)
    }
    if (
      this.ctx.batch.options.pdfs &&
      status === 'completed' &&
      (pdfState === 'none' || pdfState === 'requested')
    )
      return { task: { kind: 'pdf', checkId, seq, tries: 0 }, dueAt: now }
    this.ctx.store.markDone(checkId)
    this.ctx.changed()
    return null
  }

  /** Runs one step; returns the next one, or null when the row is done. Throws BatchStopped on a refused key. */
  async perform(task: FollowUp, signal: AbortSignal): Promise<{ task: FollowUp; dueAt: number } | null> {
    const { store, client, clock } = this.ctx
    try {
      switch (task.kind) {
        case 'poll': {
          const check = await client.getCheck(task.checkId, { signal })
          this.notFoundOnce.delete(task.checkId)
          if (isFinalCheckStatus(check.status)) {
            this.schedule.observe(completionMs(check, task.startedAt, clock.now()))
            store.recordCheck(check, null)
            this.ctx.changed()
            return this.finalSteps(check.id, task.seq, check.status, 'none', 'none')
          }
          const deadline = this.deadline(check, task.startedAt)
          if (clock.now() >= deadline) {
            store.recordCheck(check, null)
            return this.giveUp(check.id, `Truora still said "${check.status}"`)
          }
          const dueAt = Math.min(this.nextPollAt(check.status, task.startedAt), deadline)
          store.recordCheck(check, dueAt)
          this.ctx.changed()
          return { task, dueAt }
        }
        case 'details': {
          const status = store.checkState(task.checkId)?.status ?? 'completed'
          const details: CheckDetail[] = []
          try {
            for await (const page of client.listDetails(task.checkId, { signal })) details.push(...page)
          } catch (error) {
            if (!(error instanceof TruoraError && error.kind === 'unknown_shape')) throw error
            // Reported (and logged with its shape) by the client; the check's own reading still stands.
            store.skipDetails(task.checkId)
            store.journal(this.ctx.batch.id, 'details-unreadable', task.seq, { checkId: task.checkId })
            return this.finalSteps(task.checkId, task.seq, status, 'skipped', 'none')
          }
          store.recordDetails(task.checkId, details)
          return this.finalSteps(task.checkId, task.seq, status, 'stored', 'none')
        }
        case 'pdf': {
          if (task.tries === 0) {
            await client.requestPdf(task.checkId, { signal })
            store.setPdfState(task.checkId, 'requested')
          }
          try {
            const bytes = await client.downloadPdf(task.checkId, { signal })
            // The check id comes from the server: it names a file only once made safe, inside this folder.
            const path = pathInside(join(this.ctx.filesDir, 'pdf'), fileNameForId(task.checkId, '.pdf'))
            store.saveFile(
              { batchId: this.ctx.batch.id, checkId: task.checkId, kind: 'check-pdf', path },
              bytes
            )
            store.setPdfState(task.checkId, 'stored')
          } catch (error) {
            if (!isPdfNotReady(error)) throw error
            if (task.tries + 1 < PDF_WAIT.maxTries)
              return {
                task: { ...task, tries: task.tries + 1 },
                dueAt: clock.now() + PDF_WAIT.delayMs(task.tries)
              }
            store.setPdfState(task.checkId, 'failed')
            store.journal(this.ctx.batch.id, 'pdf-missing', task.seq, { checkId: task.checkId })
          }
          store.markDone(task.checkId)
          this.ctx.changed()
          return null
        }
      }
    } catch (error) {
      if (isAbort(error, signal) || interruptsJob(error)) throw error
      if (error instanceof TruoraError && error.kind === 'key_refused') throw keyRefusedStop(error)
      if (task.kind === 'poll' && error instanceof TruoraError && error.kind === 'not_found') {
        // Once may be a passing glitch of the other side; a second 404 in a row is an answer.
        if (this.notFoundOnce.has(task.checkId)) return this.lose(task.checkId)
        this.notFoundOnce.add(task.checkId)
      }
      // Anything else (Truora down for a while, a page that failed) is tried again later; the check is safe.
      const message = describeError(error)
      const dueAt = clock.now() + POLL_ERROR_MS
      this.ctx.log.warn(
        `Batch ${this.ctx.batch.id}: ${task.kind} of ${task.checkId} failed, trying again: ${message}`
      )
      if (task.kind === 'poll') {
        // A check that cannot be read for as long as the give-up limit ends like one that never finishes.
        if (clock.now() >= this.deadline(null, task.startedAt))
          return this.giveUp(task.checkId, `Lote could not read the check (${message})`)
        store.notePollTrouble(task.checkId, message, dueAt)
      }
      return { task, dueAt }
    }
  }
}
