// The direct engine: one create per row, bounded concurrency, the account's shared rate limiter, and the
// idempotency rule of docs/truora-api.md decision 7, so a row gets exactly one check whatever fails or crashes.
import { TruoraError } from '../truora/errors'
import type { CheckInputs } from '../truora/client'
import { isFinalCheckStatus, type Check } from '../truora/types'
import type { WorkRow } from '../store/results/check-ledger'
import type { PollSchedule } from './poll-schedule'
import type { EnginePhase, RowFailureCode } from '../../shared/batch'
import {
  BatchStopped,
  keyRefusedStop,
  CheckFollower,
  describeError,
  interruptsJob,
  isAbort,
  rowToken,
  type Engine,
  type EngineContext,
  type EngineOutcome,
  type FollowUp
} from './engine'

/** Creates that failed for reasons other than the inputs are tried this many times in all. */
const MAX_CREATE_ATTEMPTS = 6
const CREATE_RETRY_MS = 3_000
/** Pages of the account's checks read when looking for checks a crash may have left unrecorded. */
const MAX_RECOVERY_PAGES = 200

interface Timed {
  dueAt: number
  order: number
  task: FollowUp | { kind: 'create'; row: WorkRow }
}

/** A min-heap on due time; ties keep insertion order. */
class Timeline {
  private readonly items: Timed[] = []
  private order = 0

  get size(): number {
    return this.items.length
  }

  push(dueAt: number, task: Timed['task']): void {
    this.items.push({ dueAt, order: this.order++, task })
    let i = this.items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(this.items[i], this.items[parent])) break
      ;[this.items[i], this.items[parent]] = [this.items[parent], this.items[i]]
      i = parent
    }
  }

  peek(): Timed | undefined {
    return this.items[0]
  }

  pop(): Timed | undefined {
    const top = this.items[0]
    const last = this.items.pop()
    if (this.items.length > 0 && last) {
      this.items[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < this.items.length && this.before(this.items[left], this.items[smallest])) smallest = left
        if (right < this.items.length && this.before(this.items[right], this.items[smallest]))
          smallest = right
        if (smallest === i) break
        ;[this.items[i], this.items[smallest]] = [this.items[smallest], this.items[i]]
        i = smallest
      }
    }
    return top
  }

  private before(a: Timed, b: Timed): boolean {
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.order < b.order)
  }
}

export class DirectEngine implements Engine {
  private readonly follower: CheckFollower
  /** Polls, details, PDFs and create retries, by due time. */
  private readonly timeline = new Timeline()
  /** Rows waiting for their first create, in sheet order. */
  private readonly creates: WorkRow[] = []
  private inFlight = 0
  private readonly sleepers = new Set<AbortController>()
  private stopped: BatchStopped | null = null
  /**
   * Creates in flight by what they send: Truora may hand the same check back for the same inputs, and the
   * check must then stay with the earlier row (decision 11), so a row waits for an earlier one like it.
   */
  private readonly creatingSame = new Map<string, Promise<void>>()
  /** A fault of the disk or the lease (see interruptsJob): every worker stops and run() throws it. */
  private interruption: unknown = null

  constructor(
    private readonly ctx: EngineContext,
    schedule?: PollSchedule
  ) {
    this.follower = new CheckFollower(ctx, schedule)
  }

  phase(): EnginePhase {
    if (this.creates.length > 0 && !this.ctx.control.stopCreating) return 'creating-checks'
    return 'waiting-for-results'
  }

  /** Wakes idle workers: new work may have appeared, or the analyst changed something. */
  wake(): void {
    for (const sleeper of this.sleepers) sleeper.abort()
  }

  async run(signal: AbortSignal): Promise<EngineOutcome> {
    const { store, batch } = this.ctx
    // After a restart, plan polls from what this batch's checks took before rather than from scratch.
    if (this.follower.schedule.estimate() === null)
      for (const ms of store.completionTimes(batch.id)) this.follower.schedule.observe(ms)
    await this.recoverCreating(signal)
    for (const row of store.workRows(batch.id, ['pending', 'creating'])) this.creates.push(row)
    const now = this.ctx.clock.now()
    for (const open of store.openChecks(batch.id)) {
      if (isFinalCheckStatus(open.status)) {
        const next = this.follower.finalSteps(
          open.checkId,
          open.seq,
          open.status,
          open.detailsState,
          open.pdfState
        )
        if (next) this.timeline.push(next.dueAt, next.task)
      } else
        this.timeline.push(open.nextPollAt ?? now, {
          kind: 'poll',
          checkId: open.checkId,
          seq: open.seq,
          startedAt: open.firstSeenAt
        })
    }
    this.ctx.changed()

    const onAbort = () => this.wake()
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      const workers = Array.from({ length: Math.max(1, batch.options.concurrency) }, () =>
        this.worker(signal)
      )
      await Promise.all(workers)
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
    if (this.interruption) throw this.interruption
    if (this.stopped)
      return {
        status: this.stopped.code === 'key_refused' ? 'paused' : 'failed',
        message: this.stopped.message,
        code: this.stopped.code
      }
    if (signal.aborted) return { status: 'paused', message: null }
    return { status: this.ctx.control.stopCreating ? 'cancelled' : 'completed', message: null }
  }

  private async worker(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.stopped && !this.interruption) {
      const now = this.ctx.clock.now()
      const next = this.timeline.peek()
      if (next && next.dueAt <= now) {
        this.timeline.pop()
        await this.perform(next.task, signal)
        continue
      }
      if (this.ctx.control.stopCreating && this.creates.length > 0) {
        this.creates.length = 0
        this.ctx.changed()
      }
      const row = this.creates.shift()
      if (row) {
        await this.perform({ kind: 'create', row }, signal)
        continue
      }
      if (!next && this.inFlight === 0) {
        // Nothing queued and nobody working who could queue more: this worker's part is done.
        this.wake()
        return
      }
      await this.idle(next ? next.dueAt - now : 60_000, signal)
    }
  }

  private async idle(ms: number, signal: AbortSignal): Promise<void> {
    const waker = new AbortController()
    this.sleepers.add(waker)
    try {
      await this.ctx.clock.sleep(ms, AbortSignal.any([signal, waker.signal]))
    } catch {
      // Woken up or aborted: the loop looks again.
    } finally {
      this.sleepers.delete(waker)
    }
  }

  private async perform(task: Timed['task'], signal: AbortSignal): Promise<void> {
    this.inFlight++
    try {
      if (task.kind === 'create') await this.create(task.row, signal)
      else {
        const next = await this.follower.perform(task, signal)
        if (next) this.timeline.push(next.dueAt, next.task)
      }
    } catch (error) {
      if (error instanceof BatchStopped) {
        this.stopped ??= error
      } else if (interruptsJob(error)) {
        this.interruption ??= error
      } else if (!isAbort(error, signal)) {
        this.stopped ??= new BatchStopped(`The batch stopped on an unexpected error: ${describeError(error)}`)
        this.ctx.log.error(`Batch ${this.ctx.batch.id} stopped`, error)
      }
    } finally {
      this.inFlight--
      this.wake()
    }
  }

  private async create(row: WorkRow, signal: AbortSignal): Promise<void> {
    const key = JSON.stringify([row.country, row.type, Object.entries(row.inputs).sort()])
    const earlier = this.creatingSame.get(key)
    let done!: () => void
    const mine = new Promise<void>((resolve) => (done = resolve))
    this.creatingSame.set(key, mine)
    try {
      if (earlier) await earlier
      await this.createNow(row, signal)
    } finally {
      done()
      if (this.creatingSame.get(key) === mine) this.creatingSame.delete(key)
    }
  }

  private async createNow(row: WorkRow, signal: AbortSignal): Promise<void> {
    const { store, client, batch, control, clock } = this.ctx
    // Read and write in one synchronous step: a cancel in between cannot be missed.
    if (signal.aborted) return
    if (control.stopCreating) {
      store.markCancelled(batch.id, row.seq)
      this.ctx.changed()
      return
    }
    const token = row.token ?? rowToken(batch.id, row.seq, row.generation)
    // Only a row that was never sent may ask for a fresh check; after that, Truora must hand back the one
    // an earlier attempt may have created (decision 7).
    const firstAttempt = row.attempts === 0 && batch.options.forceCreation !== false
    store.markCreating(batch.id, row.seq, token)
    row.attempts++
    row.token = token
    row.state = 'creating'
    this.ctx.changed()
    const inputs: CheckInputs = { ...row.inputs }
    if (!this.ctx.customInputMapped) inputs.custom_input = token
    const startedAt = clock.now()
    let check: Check
    try {
      check = await client.createCheck(
        { country: row.country, type: row.type, inputs, userAuthorized: true, forceCreation: firstAttempt },
        // Checked again as the request leaves: a process that lost the batch sends nothing more.
        { signal, beforeSend: this.ctx.fence }
      )
    } catch (error) {
      if (isAbort(error, signal) || interruptsJob(error)) throw error
      this.createFailed(row, error)
      return
    }
    // Without force_creation, two rows with the same inputs get the same check back: keep it on the first.
    const owner = store.rowOfCheck(check.id)
    if (owner && !(owner.batchId === batch.id && owner.seq === row.seq)) {
      const message = `Truora returned the same check (${check.id}) as row ${owner.row}: the inputs are the same.`
      this.failRow(row, message, 'same-check')
      return
    }
    const dueAt = this.follower.nextPollAt(check.status, startedAt)
    store.recordCreated(batch.id, row.seq, check, dueAt)
    this.ctx.changed()
    const next = this.follower.afterStored(check, row.seq, startedAt, dueAt)
    if (next) this.timeline.push(next.dueAt, next.task)
  }

  /** A row that will get no check: stored as failed with why, and reported to whoever follows the batch. */
  private failRow(row: WorkRow, message: string, code: RowFailureCode): void {
    this.ctx.store.markFailed(this.ctx.batch.id, row.seq, message, code)
    this.ctx.emit({
      type: 'row-failed',
      batchId: this.ctx.batch.id,
      row: row.row,
      message,
      at: new Date().toISOString()
    })
    this.ctx.changed()
  }

  private createFailed(row: WorkRow, error: unknown): void {
    const { store, batch, clock } = this.ctx
    if (error instanceof TruoraError && error.kind === 'key_refused') throw keyRefusedStop(error)
    const message = describeError(error)
    if (error instanceof TruoraError && error.kind === 'invalid_input') {
      this.failRow(row, message, 'input-refused')
      return
    }
    if (row.attempts >= MAX_CREATE_ATTEMPTS) {
      const final = `No check could be created after ${row.attempts} attempts: ${message}`
      this.failRow(row, final, 'create-failed')
      return
    }
    // The row stays `creating`: the next attempt asks with force_creation=false.
    store.noteCreateTrouble(batch.id, row.seq, message)
    this.ctx.emit({
      type: 'warning',
      batchId: batch.id,
      code: 'retrying',
      message: `Row ${row.row}: ${message}`,
      at: new Date().toISOString()
    })
    this.timeline.push(clock.now() + CREATE_RETRY_MS * row.attempts, { kind: 'create', row })
  }

  /**
   * Rows left `creating` by a crash or a pause may have a check Lote never heard of. Look for them by row
   * token among the account's checks first; the rest are created again with force_creation=false.
   */
  private async recoverCreating(signal: AbortSignal): Promise<void> {
    const { store, client, batch } = this.ctx
    if (this.ctx.customInputMapped) return
    const wanted = new Map<string, WorkRow>()
    for (const row of store.workRows(batch.id, ['creating'])) if (row.token) wanted.set(row.token, row)
    if (wanted.size === 0) return
    let pages = 0
    try {
      for await (const page of client.listChecks({ signal })) {
        for (const check of page) {
          const row = check.customInput ? wanted.get(check.customInput) : undefined
          if (!row) continue
          wanted.delete(check.customInput as string)
          const dueAt = this.follower.nextPollAt(check.status, this.ctx.clock.now())
          store.recordCreated(batch.id, row.seq, check, dueAt)
          store.journal(batch.id, 'recovered', row.seq, { checkId: check.id })
        }
        if (wanted.size === 0 || ++pages >= MAX_RECOVERY_PAGES) break
      }
    } catch (error) {
      if (isAbort(error, signal)) throw error
      if (error instanceof TruoraError && error.kind === 'key_refused') throw keyRefusedStop(error)
      // Listing is only a shortcut: the creates that follow use force_creation=false and stay safe.
      this.ctx.log.warn(`Batch ${batch.id}: could not list checks to recover rows: ${describeError(error)}`)
    }
  }
}
