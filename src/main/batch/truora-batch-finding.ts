// Finding the checks a Truora batch made (docs/truora-api.md, decision 19). Truora's batch answers do not list
// its checks, so each row's check is looked for by every documented means in turn — the checks tagged with
// the batch's report_id, the check ids in its report file, the account's checks listed — and matched to its
// row by Lote's row token, its file row or its inputs. Rows none of them finds fail with Truora's reason.
import { INPUT_NAMES } from '../../shared/checks/inputs'
import type { WorkRow } from '../store/results/check-ledger'
import { TruoraError } from '../truora/errors'
import { isFinalCheckStatus, type Check } from '../truora/types'
import type { FindMeans, RemoteBatchState } from '../../shared/batch'
import { readBatchReport, type ReportRow } from './batch-file'
import { describeError, isAbort, type EngineContext } from './engine'

/** Pages of the account's checks read when looking for the batch's checks by listing. */
const MAX_LISTING_PAGES = 200
/** A check listed as the batch's must have been created after the batch, give or take clocks. */
const CLOCK_SKEW_MS = 5 * 60_000
/** Headers of the report that hold the check id, after lower-casing and dropping all but letters. */
const CHECK_ID_HEADERS = new Set(['checkid', 'check', 'idcheck', 'idconsulta'])
const ROW_HEADERS = new Set(['row', 'fila', 'linha', 'line', 'rownumber'])

/** The engine's record of Truora's batch, as finding the checks reads and adds to it. */
export interface RemoteRecord {
  current(): RemoteBatchState
  /** Changes the record in memory only; the next `save` stores it. */
  note(patch: Partial<RemoteBatchState>): void
  /** Changes the record and stores it. */
  save(patch: Partial<RemoteBatchState>): void
}

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

export class CheckFinder {
  constructor(
    private readonly ctx: EngineContext,
    private readonly remote: RemoteRecord
  ) {}

  /**
   * Finds every row's check by each documented means in turn — the batch's report_id, its report file,
   * listing the account's checks — and records which means found it. Rows none of them finds fail with
   * Truora's reason.
   */
  async collect(signal: AbortSignal): Promise<void> {
    const { store, batch } = this.ctx
    await this.findByReportId(signal, true)
    await this.findByReportFile(signal)
    await this.findByListing(signal)
    const { failureReason: reason, batchId, stopRequested } = this.remote.current()
    const rowErrors = new Map<number, string>()
    if (batchId) {
      try {
        const current = await this.ctx.client.getBatch(batchId, { signal })
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
      const why = stopRequested
        ? 'The batch was stopped before Truora created a check for this row.'
        : message
          ? `Truora did not create a check for this row: ${message}`
          : `Truora did not create a check for this row${reason ? `: ${reason}` : '.'} Lote looked for it by ${this.meansTried()}.`
      if (stopRequested) store.markCancelled(batch.id, row.seq)
      else store.markFailed(batch.id, row.seq, why, message ? 'input-refused' : 'not-created')
    }
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
    const { reportId, reportPath } = this.remote.current()
    return [
      reportId ? "the batch's report_id" : null,
      reportPath ? "the batch's report file" : null,
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
    const found = { ...this.remote.current().found }
    found[means] = (found[means] ?? 0) + 1
    this.remote.note({ found })
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
      this.remote.save({})
    }
  }

  /**
   * Means 1: the checks Truora tagged with the batch's report_id (not documented in batch answers). The
   * final listing also refreshes checks recorded while the batch ran, so none of them needs a poll of its own.
   */
  async findByReportId(signal: AbortSignal, final: boolean): Promise<void> {
    const reportId = this.remote.current().reportId
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
    const path = this.remote.current().reportPath
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
    const { createdAt, reportId } = this.remote.current()
    const since = createdAt ? Date.parse(createdAt) - CLOCK_SKEW_MS : -Infinity
    await this.tryMeans('listing', signal, async () => {
      let pages = 0
      for await (const page of client.listChecks({ signal })) {
        for (const check of page) {
          const created = check.creationDate ? Date.parse(check.creationDate) : NaN
          if (Number.isFinite(created) && created < since) continue
          if (reportId && check.reportId && check.reportId !== reportId) continue
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
    const columns = (this.remote.current().columns ?? []).filter((column) => column !== 'custom_input')
    return JSON.stringify(columns.map((column) => inputs[column] ?? ''))
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
export function endsTheStep(error: unknown, signal: AbortSignal): boolean {
  return (
    isAbort(error, signal) ||
    (error instanceof TruoraError && (error.kind === 'key_refused' || error.transient))
  )
}
