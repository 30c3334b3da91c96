// The local results store: every batch, row, check, detail and downloaded file, in one SQLite file
// (<dataDir>/lote.db). The engines write each state change here before the request that depends on it, so
// a crash at any instant loses nothing and repeats nothing; the UI and the exports read from here alone.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { CellValue, ColumnMapping, ImportedRow, RowIssue, RowStatus } from '../../../shared/sheets/types'
import type { Check, CheckDetail } from '../../truora/types'
import { riskLevel, type DatasetResult } from '../../batch/risk'
import {
  DEFAULT_BATCH_OPTIONS,
  ROW_STATES,
  type Authorization,
  type BatchOptions,
  type BatchStatus,
  type BatchSummary,
  type EngineKind,
  type ProgressCounts,
  type RemoteBatchState,
  type RiskLevel,
  type RowState
} from '../../batch/types'
import { migrate } from './migrations'

export const RESULTS_DB_FILE = 'lote.db'

export interface StoredBatchInput {
  id: string
  name: string
  fileName: string | null
  sheet: string | null
  mapping: ColumnMapping
  country: string | null
  type: string | null
  engine: EngineKind
  profileId: string | null
  options: BatchOptions
}

/** What an engine needs of a row to work on it. */
export interface WorkRow {
  seq: number
  row: number
  inputs: Record<string, string>
  country: string
  type: string
  state: RowState
  token: string | null
  generation: number
  attempts: number
  checkId: string | null
}

/** A check an engine still has to follow. */
export interface OpenCheck {
  checkId: string
  seq: number
  row: number
  status: string
  polls: number
  /** Epoch ms of the next planned poll, null when it should be polled right away. */
  nextPollAt: number | null
  /** Epoch ms when Lote learned of it. */
  firstSeenAt: number
  detailsState: 'none' | 'stored' | 'skipped'
  pdfState: 'none' | 'requested' | 'stored' | 'failed'
}

export interface DatasetView {
  result: string | null
  severity: string | null
  score: number | null
  foundBy: 'id' | 'name' | null
}

/** One row of the results grid: the analyst's row with its current check. */
export interface ResultRow {
  seq: number
  /** 1-based sheet row. */
  row: number
  cells: Record<string, CellValue>
  inputs: Record<string, string>
  country: string | null
  type: string | null
  issues: RowIssue[]
  importStatus: RowStatus
  state: RowState
  attempts: number
  lastError: string | null
  checkId: string | null
  checkStatus: string | null
  score: number | null
  idScore: number | null
  nameScore: number | null
  risk: RiskLevel | null
  datasets: Record<string, DatasetView>
}

export type RowSortKey = 'row' | 'score' | 'risk' | 'state' | 'status' | 'name'

export interface RowQuery {
  states?: RowState[]
  /** How the import judged the row (ok, warning, error, excluded): the draft review filters on it. */
  importStatuses?: RowStatus[]
  /** Truora status of the row's check (`completed`, `error`, `delayed`, …). */
  checkStatuses?: string[]
  risks?: RiskLevel[]
  scoreMin?: number
  scoreMax?: number
  /** Only rows whose check found something in this dataset (e.g. criminal_record). */
  datasetFound?: string
  /** Matches names and document numbers, ignoring case and accents. */
  text?: string
  sort?: { by: RowSortKey; direction?: 'asc' | 'desc' }
  offset?: number
  /** Default 100, at most 1000. */
  limit?: number
}

export interface RowPage {
  rows: ResultRow[]
  /** Rows matching the filters. */
  total: number
  offset: number
}

export interface StoredDetail {
  id: string | null
  dataSet: string | null
  databaseName: string | null
  result: string | null
  severity: string | null
  raw: Record<string, unknown>
}

export interface StoredFile {
  id: number
  batchId: string
  checkId: string | null
  kind: FileKind
  path: string
  bytes: number
  createdAt: string
}

export type FileKind = 'check-pdf' | 'attachment' | 'batch-report' | 'batch-upload'

export interface CheckView {
  checkId: string
  batchId: string
  seq: number
  row: number
  status: string
  score: number | null
  idScore: number | null
  nameScore: number | null
  risk: RiskLevel
  createdAt: string | null
  updatedAt: string | null
  finalAt: string | null
  polls: number
  lastError: string | null
  raw: Record<string, unknown>
  datasets: Record<string, DatasetView>
  details: StoredDetail[]
  files: StoredFile[]
}

export interface JournalEntry {
  id: number
  at: string
  type: string
  seq: number | null
  data: unknown
}

interface BatchRecord {
  id: string
  name: string
  file_name: string | null
  sheet: string | null
  mapping_json: string
  country: string | null
  type: string | null
  engine: EngineKind
  options_json: string
  status: BatchStatus
  status_message: string | null
  profile_id: string | null
  authorized_at: string | null
  authorized_profile_id: string | null
  authorization_statement: string | null
  remote_json: string | null
  created_at: string
  updated_at: string
  started_at: string | null
  finished_at: string | null
}

interface RowRecord {
  seq: number
  row_number: number
  cells_json: string
  inputs_json: string
  country: string | null
  type: string | null
  issues_json: string
  import_status: RowStatus
  state: RowState
  attempts: number
  last_error: string | null
  check_id: string | null
  check_status: string | null
  score: number | null
  risk: RiskLevel | null
  id_score: number | null
  name_score: number | null
}

interface FileRecord {
  id: number
  batch_id: string
  check_id: string | null
  kind: FileKind
  path: string
  bytes: number
  created_at: string
}

function toStoredFile(r: FileRecord): StoredFile {
  return {
    id: r.id,
    batchId: r.batch_id,
    checkId: r.check_id,
    kind: r.kind,
    path: r.path,
    bytes: r.bytes,
    createdAt: r.created_at
  }
}

function now(): string {
  return new Date().toISOString()
}

function emptyCounts(): ProgressCounts {
  const counts = Object.fromEntries(ROW_STATES.map((state) => [state, 0])) as unknown as ProgressCounts
  counts.delayed = 0
  counts.completed = 0
  counts.error = 0
  return counts
}

/** Lower case without accents, so "Peña" is found by "pena". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

function datasetResults(check: Check): DatasetResult[] {
  return check.scores.map((score) => ({
    dataSet: score.dataSet,
    result: score.result,
    severity: score.severity,
    score: score.score,
    foundBy:
      score.byId?.result === 'found'
        ? 'id'
        : score.byName?.result === 'found'
          ? 'name'
          : score.result === 'found'
            ? 'id'
            : null
  }))
}

function encodeCells(cells: Record<string, CellValue>): string {
  return JSON.stringify(cells)
}

/** Dates travel through JSON as ISO strings and come back as dates. */
function decodeCells(json: string): Record<string, CellValue> {
  const cells = JSON.parse(json) as Record<string, CellValue>
  for (const [key, value] of Object.entries(cells))
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))
      cells[key] = new Date(value)
  return cells
}

export class ResultsStore {
  readonly db: Database.Database
  readonly schemaVersion: number

  /** Opens (or creates) the store; `:memory:` for a throwaway one. */
  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    // FULL: a commit is on disk before the request that depends on it leaves, even if the power goes.
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    this.schemaVersion = migrate(this.db)
  }

  private readonly statements = new Map<string, Database.Statement>()

  /** Prepared once per text: the engines run the same few statements hundreds of thousands of times. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  static inDataDir(dataDir: string): ResultsStore {
    return new ResultsStore(join(dataDir, RESULTS_DB_FILE))
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  // ---- Batches ----

  createBatch(input: StoredBatchInput): BatchSummary {
    const at = now()
    this.sql(
      `INSERT INTO batches (id, name, file_name, sheet, mapping_json, country, type, engine, options_json, status,
           profile_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`
    ).run(
      input.id,
      input.name,
      input.fileName,
      input.sheet,
      JSON.stringify(input.mapping),
      input.country,
      input.type,
      input.engine,
      JSON.stringify(input.options),
      input.profileId,
      at,
      at
    )
    this.journal(input.id, 'created', null, { engine: input.engine })
    return this.getBatch(input.id)
  }

  /**
   * Adds imported rows (in sheet order, in as many calls as the import sends chunks). Rows with errors, or
   * excluded, are kept and shown but never sent. Country and type fall back to the batch's.
   */
  addRows(batchId: string, rows: ImportedRow[]): void {
    const batch = this.batchRecord(batchId)
    const start = (
      this.sql('SELECT COALESCE(MAX(seq) + 1, 0) AS next FROM rows WHERE batch_id = ?').get(batchId) as {
        next: number
      }
    ).next
    const insert = this.sql(
      `INSERT INTO rows (batch_id, seq, row_number, cells_json, inputs_json, country, type, issues_json, import_status,
         state, search_text, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    const at = now()
    this.db.transaction(() => {
      rows.forEach((row, index) => {
        const country = row.country ?? batch.country
        const type = row.type ?? batch.type
        const valid = row.status !== 'error' && row.status !== 'excluded' && Boolean(country) && Boolean(type)
        const text = searchable(Object.values(row.inputs).join(' '))
        insert.run(
          batchId,
          start + index,
          row.row,
          encodeCells(row.cells),
          JSON.stringify(row.inputs),
          country,
          type,
          JSON.stringify(row.issues),
          row.status,
          valid ? 'pending' : 'skipped',
          text,
          at
        )
      })
    })()
  }

  private batchRecord(id: string): BatchRecord {
    const record = this.sql('SELECT * FROM batches WHERE id = ?').get(id) as BatchRecord | undefined
    if (!record) throw new Error(`There is no batch ${id} in this data folder.`)
    return record
  }

  hasBatch(id: string): boolean {
    return this.sql('SELECT 1 FROM batches WHERE id = ?').get(id) !== undefined
  }

  getBatch(id: string): BatchSummary {
    return this.summary(this.batchRecord(id))
  }

  mapping(id: string): ColumnMapping {
    return JSON.parse(this.batchRecord(id).mapping_json) as ColumnMapping
  }

  /** Newest first, with row counts. */
  listBatches(): BatchSummary[] {
    const records = this.sql('SELECT * FROM batches ORDER BY created_at DESC, id').all() as BatchRecord[]
    return records.map((record) => this.summary(record))
  }

  batchesWithStatus(statuses: readonly BatchStatus[]): BatchSummary[] {
    const records = this.sql(
      `SELECT * FROM batches WHERE status IN (${statuses.map(() => '?').join(',')}) ORDER BY created_at`
    ).all(...statuses) as BatchRecord[]
    return records.map((record) => this.summary(record))
  }

  private summary(record: BatchRecord): BatchSummary {
    const counts = this.counts(record.id)
    return {
      id: record.id,
      name: record.name,
      fileName: record.file_name,
      sheet: record.sheet,
      country: record.country,
      type: record.type,
      engine: record.engine,
      status: record.status,
      statusMessage: record.status_message,
      profileId: record.profile_id,
      options: { ...DEFAULT_BATCH_OPTIONS, ...(JSON.parse(record.options_json) as Partial<BatchOptions>) },
      authorization: record.authorized_at
        ? {
            confirmedAt: record.authorized_at,
            profileId: record.authorized_profile_id ?? '',
            statement: record.authorization_statement ?? ''
          }
        : null,
      remote: record.remote_json ? (JSON.parse(record.remote_json) as RemoteBatchState) : null,
      createdAt: record.created_at,
      updatedAt: record.updated_at,
      startedAt: record.started_at,
      finishedAt: record.finished_at,
      total:
        counts.pending + counts.creating + counts.running + counts.done + counts.failed + counts.cancelled,
      counts
    }
  }

  counts(batchId: string): ProgressCounts {
    const counts = emptyCounts()
    const groups = this.sql(
      'SELECT state, check_status, COUNT(*) AS n FROM rows WHERE batch_id = ? GROUP BY state, check_status'
    ).all(batchId) as { state: RowState; check_status: string | null; n: number }[]
    for (const group of groups) {
      counts[group.state] += group.n
      if (group.state === 'running' && group.check_status === 'delayed') counts.delayed += group.n
      if (group.state === 'done' && group.check_status === 'completed') counts.completed += group.n
      if (group.state === 'done' && group.check_status === 'error') counts.error += group.n
    }
    return counts
  }

  setStatus(
    id: string,
    status: BatchStatus,
    message: string | null = null,
    extra: { started?: boolean; finished?: boolean } = {}
  ): void {
    const at = now()
    this.sql(
      `UPDATE batches SET status = ?, status_message = ?, updated_at = ?,
           started_at = CASE WHEN ? THEN COALESCE(started_at, ?) ELSE started_at END,
           finished_at = CASE WHEN ? THEN ? ELSE NULL END
         WHERE id = ?`
    ).run(status, message, at, extra.started ? 1 : 0, at, extra.finished ? 1 : 0, at, id)
    this.journal(id, 'status', null, { status, message })
  }

  setOptions(id: string, options: BatchOptions): void {
    this.sql('UPDATE batches SET options_json = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(options),
      now(),
      id
    )
  }

  setEngine(id: string, engine: EngineKind): void {
    this.sql('UPDATE batches SET engine = ?, updated_at = ? WHERE id = ?').run(engine, now(), id)
  }

  setProfile(id: string, profileId: string): void {
    this.sql('UPDATE batches SET profile_id = ?, updated_at = ? WHERE id = ?').run(profileId, now(), id)
  }

  setRemote(id: string, remote: RemoteBatchState): void {
    this.sql('UPDATE batches SET remote_json = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(remote),
      now(),
      id
    )
    this.journal(id, 'remote', null, { step: remote.step, batchId: remote.batchId, status: remote.status })
  }

  authorize(id: string, authorization: Authorization): void {
    this.sql(
      `UPDATE batches SET authorized_at = ?, authorized_profile_id = ?, authorization_statement = ?, updated_at = ?
         WHERE id = ?`
    ).run(authorization.confirmedAt, authorization.profileId, authorization.statement, now(), id)
    this.journal(id, 'authorized', null, authorization)
  }

  deleteBatch(id: string): void {
    this.sql('DELETE FROM batches WHERE id = ?').run(id)
  }

  /** The row a check belongs to, in any batch. */
  rowOfCheck(checkId: string): { batchId: string; seq: number; row: number } | null {
    const found = this.sql(
      `SELECT c.batch_id AS batchId, c.seq AS seq, r.row_number AS row FROM checks c
         JOIN rows r ON r.batch_id = c.batch_id AND r.seq = c.seq WHERE c.check_id = ?`
    ).get(checkId) as { batchId: string; seq: number; row: number } | undefined
    return found ?? null
  }

  /** The check was deleted on Truora: drop it here too, and say so on its row. */
  forgetCheck(checkId: string): void {
    this.db.transaction(() => {
      const owner = this.sql('SELECT batch_id, seq FROM checks WHERE check_id = ?').get(checkId) as
        { batch_id: string; seq: number } | undefined
      this.sql(
        `UPDATE rows SET check_id = NULL, check_status = NULL, score = NULL, risk = NULL, state = 'failed',
             last_error = 'The check was deleted on Truora.', updated_at = ? WHERE check_id = ?`
      ).run(now(), checkId)
      this.sql('DELETE FROM checks WHERE check_id = ?').run(checkId)
      if (owner) this.journal(owner.batch_id, 'check-deleted', owner.seq, { checkId })
    })()
  }

  // ---- Rows, as the engines work on them ----

  workRows(batchId: string, states: readonly RowState[], limit = -1): WorkRow[] {
    const records = this.sql(
      `SELECT seq, row_number, inputs_json, country, type, state, token, generation, attempts, check_id FROM rows
         WHERE batch_id = ? AND state IN (${states.map(() => '?').join(',')}) ORDER BY seq LIMIT ?`
    ).all(batchId, ...states, limit) as {
      seq: number
      row_number: number
      inputs_json: string
      country: string
      type: string
      state: RowState
      token: string | null
      generation: number
      attempts: number
      check_id: string | null
    }[]
    return records.map((r) => ({
      seq: r.seq,
      row: r.row_number,
      inputs: JSON.parse(r.inputs_json) as Record<string, string>,
      country: r.country,
      type: r.type,
      state: r.state,
      token: r.token,
      generation: r.generation,
      attempts: r.attempts,
      checkId: r.check_id
    }))
  }

  /** Recorded before the create request leaves: from here on a restart looks for this token's check first. */
  markCreating(batchId: string, seq: number, token: string): void {
    this.sql(
      `UPDATE rows SET state = 'creating', token = ?, attempts = attempts + 1, updated_at = ? WHERE batch_id = ? AND seq = ?`
    ).run(token, now(), batchId, seq)
  }

  /** Puts a row whose create failed in a way that may be retried back in line (it stays `creating`). */
  noteCreateTrouble(batchId: string, seq: number, message: string): void {
    this.sql('UPDATE rows SET last_error = ?, updated_at = ? WHERE batch_id = ? AND seq = ?').run(
      message,
      now(),
      batchId,
      seq
    )
  }

  markFailed(batchId: string, seq: number, message: string): void {
    this.sql(
      `UPDATE rows SET state = 'failed', last_error = ?, updated_at = ? WHERE batch_id = ? AND seq = ?`
    ).run(message, now(), batchId, seq)
    this.journal(batchId, 'row-failed', seq, { message })
  }

  /**
   * A row whose create was cut short by a cancel. It keeps its token and attempts, so a re-run asks with
   * force_creation=false and gets back a check an earlier attempt may have made.
   */
  markCancelled(batchId: string, seq: number): void {
    this.sql(
      `UPDATE rows SET state = 'cancelled', updated_at = ? WHERE batch_id = ? AND seq = ? AND state IN ('pending', 'creating')`
    ).run(now(), batchId, seq)
  }

  /** Pending rows of a cancelled batch will never get a check. */
  cancelPending(batchId: string): number {
    return this.sql(
      `UPDATE rows SET state = 'cancelled', updated_at = ? WHERE batch_id = ? AND state = 'pending'`
    ).run(now(), batchId).changes
  }

  /**
   * Puts rows that failed to get a check, or whose check ended in `error`, back in line. A row whose check
   * errored gets a new token (a new check is wanted); one that never got a check keeps its token, because a
   * lost create may still have made one and must be found again rather than repeated.
   */
  resetForRerun(batchId: string): number {
    const at = now()
    return this.db.transaction(() => {
      const errored = this.sql(
        `UPDATE rows SET state = 'pending', generation = generation + 1, token = NULL, attempts = 0, check_id = NULL,
             check_status = NULL, score = NULL, risk = NULL, last_error = NULL, updated_at = ?
           WHERE batch_id = ? AND state = 'done' AND check_status = 'error'`
      ).run(at, batchId).changes
      const failed = this.sql(
        `UPDATE rows SET state = CASE WHEN token IS NULL THEN 'pending' ELSE 'creating' END, last_error = NULL, updated_at = ?
           WHERE batch_id = ? AND state = 'failed'`
      ).run(at, batchId).changes
      const cancelled = this.sql(
        `UPDATE rows SET state = CASE WHEN token IS NULL THEN 'pending' ELSE 'creating' END, updated_at = ?
           WHERE batch_id = ? AND state = 'cancelled'`
      ).run(at, batchId).changes
      this.journal(batchId, 'rerun', null, { errored, failed, cancelled })
      return errored + failed + cancelled
    })()
  }

  // ---- Checks ----

  /** The create answered: the check id is stored before anything else is asked about it. */
  recordCreated(batchId: string, seq: number, check: Check, nextPollAt: number | null): void {
    this.db.transaction(() => {
      const generation = (
        this.sql('SELECT generation FROM rows WHERE batch_id = ? AND seq = ?').get(batchId, seq) as {
          generation: number
        }
      ).generation
      const at = now()
      this.sql(
        `INSERT INTO checks (check_id, batch_id, seq, generation, status, risk, raw_json, created_at, api_updated_at,
             first_seen_at, next_poll_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'pending', '{}', ?, ?, ?, ?, ?)
           ON CONFLICT (check_id) DO UPDATE SET batch_id = excluded.batch_id, seq = excluded.seq`
      ).run(
        check.id,
        batchId,
        seq,
        generation,
        check.status,
        check.creationDate,
        check.updateDate,
        at,
        nextPollAt,
        at
      )
      this.sql(
        `UPDATE rows SET state = 'running', check_id = ?, last_error = NULL, updated_at = ? WHERE batch_id = ? AND seq = ?`
      ).run(check.id, at, batchId, seq)
      this.writeCheck(check, nextPollAt)
    })()
  }

  /** A fresh reading of a check; `nextPollAt` null once it is final. */
  recordCheck(check: Check, nextPollAt: number | null): void {
    this.db.transaction(() => this.writeCheck(check, nextPollAt, true))()
  }

  private writeCheck(check: Check, nextPollAt: number | null, polled = false): void {
    const datasets = datasetResults(check)
    const risk = riskLevel(check.status, check.score, datasets)
    const final = check.status === 'completed' || check.status === 'error'
    const at = now()
    const score = check.score !== null && check.score >= 0 ? check.score : null
    this.sql(
      `UPDATE checks SET status = ?, score = ?, id_score = ?, name_score = ?, risk = ?, raw_json = ?,
           api_updated_at = ?, final_at = CASE WHEN ? THEN COALESCE(final_at, ?) ELSE NULL END,
           polls = polls + ?, next_poll_at = ?, last_error = NULL, updated_at = ?
         WHERE check_id = ?`
    ).run(
      check.status,
      score,
      check.idScore,
      check.nameScore,
      risk,
      JSON.stringify(check.raw),
      check.updateDate,
      final ? 1 : 0,
      at,
      polled ? 1 : 0,
      nextPollAt,
      at,
      check.id
    )
    const replace = this.sql(
      `INSERT OR REPLACE INTO check_datasets (check_id, data_set, result, severity, score, found_by) VALUES (?, ?, ?, ?, ?, ?)`
    )
    for (const d of datasets) replace.run(check.id, d.dataSet, d.result, d.severity, d.score, d.foundBy)
    this.sql(`UPDATE rows SET check_status = ?, score = ?, risk = ?, updated_at = ? WHERE check_id = ?`).run(
      check.status,
      score,
      risk,
      at,
      check.id
    )
  }

  notePollTrouble(checkId: string, message: string, nextPollAt: number): void {
    this.sql(
      'UPDATE checks SET last_error = ?, next_poll_at = ?, polls = polls + 1, updated_at = ? WHERE check_id = ?'
    ).run(message, nextPollAt, now(), checkId)
  }

  /** Checks of a batch not yet fully collected (not final, or final without details stored or skipped). */
  openChecks(batchId: string): OpenCheck[] {
    const records = this.sql(
      `SELECT c.check_id, c.seq, r.row_number, c.status, c.polls, c.next_poll_at, c.first_seen_at, c.details_state, c.pdf_state
         FROM rows r JOIN checks c ON c.check_id = r.check_id
         WHERE r.batch_id = ? AND r.state = 'running' ORDER BY r.seq`
    ).all(batchId) as {
      check_id: string
      seq: number
      row_number: number
      status: string
      polls: number
      next_poll_at: number | null
      first_seen_at: string
      details_state: OpenCheck['detailsState']
      pdf_state: OpenCheck['pdfState']
    }[]
    return records.map((r) => ({
      checkId: r.check_id,
      seq: r.seq,
      row: r.row_number,
      status: r.status,
      polls: r.polls,
      nextPollAt: r.next_poll_at,
      firstSeenAt: Date.parse(r.first_seen_at),
      detailsState: r.details_state,
      pdfState: r.pdf_state
    }))
  }

  /** Every detail page of a final check, replacing any earlier copy. */
  recordDetails(checkId: string, details: CheckDetail[]): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM details WHERE check_id = ?').run(checkId)
      const insert = this.sql(
        `INSERT INTO details (check_id, position, detail_id, data_set, database_name, result, severity, raw_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      )
      details.forEach((d, position) =>
        insert.run(
          checkId,
          position,
          d.id,
          d.dataSet,
          d.databaseName,
          d.result,
          d.severity,
          JSON.stringify(d.raw)
        )
      )
      this.sql(`UPDATE checks SET details_state = 'stored', updated_at = ? WHERE check_id = ?`).run(
        now(),
        checkId
      )
    })()
  }

  skipDetails(checkId: string): void {
    this.sql(`UPDATE checks SET details_state = 'skipped', updated_at = ? WHERE check_id = ?`).run(
      now(),
      checkId
    )
  }

  setPdfState(checkId: string, state: OpenCheck['pdfState']): void {
    this.sql('UPDATE checks SET pdf_state = ?, updated_at = ? WHERE check_id = ?').run(state, now(), checkId)
  }

  /** The row's check is final and everything wanted of it is stored. */
  markDone(checkId: string): void {
    this.sql(`UPDATE rows SET state = 'done', updated_at = ? WHERE check_id = ? AND state = 'running'`).run(
      now(),
      checkId
    )
  }

  /** The row a check belongs to, by the token Lote put in custom_input. */
  rowByToken(
    token: string
  ): { batchId: string; seq: number; state: RowState; checkId: string | null } | null {
    const record = this.sql('SELECT batch_id, seq, state, check_id FROM rows WHERE token = ?').get(token) as
      { batch_id: string; seq: number; state: RowState; check_id: string | null } | undefined
    return record
      ? { batchId: record.batch_id, seq: record.seq, state: record.state, checkId: record.check_id }
      : null
  }

  /** Rows that are final (done, failed or cancelled) vs. all valid rows. */
  isFinished(batchId: string): boolean {
    const open = this.sql(
      `SELECT COUNT(*) AS n FROM rows WHERE batch_id = ? AND state IN ('pending', 'creating', 'running')`
    ).get(batchId) as { n: number }
    return open.n === 0
  }

  // ---- Files and journal ----

  recordFile(file: Omit<StoredFile, 'id' | 'createdAt'>): StoredFile {
    const createdAt = now()
    const result = this.sql(
      'INSERT INTO files (batch_id, check_id, kind, path, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)'
    ).run(file.batchId, file.checkId, file.kind, file.path, file.bytes, createdAt)
    return { ...file, id: Number(result.lastInsertRowid), createdAt }
  }

  files(batchId: string, kind?: FileKind): StoredFile[] {
    const records = (
      kind
        ? this.db
            .prepare('SELECT * FROM files WHERE batch_id = ? AND kind = ? ORDER BY id')
            .all(batchId, kind)
        : this.sql('SELECT * FROM files WHERE batch_id = ? ORDER BY id').all(batchId)
    ) as FileRecord[]
    return records.map(toStoredFile)
  }

  checkFiles(checkId: string): StoredFile[] {
    const records = this.sql('SELECT * FROM files WHERE check_id = ? ORDER BY id').all(
      checkId
    ) as FileRecord[]
    return records.map(toStoredFile)
  }

  journal(batchId: string, type: string, seq: number | null = null, data: unknown = null): void {
    this.sql('INSERT INTO events (batch_id, at, type, seq, data_json) VALUES (?, ?, ?, ?, ?)').run(
      batchId,
      now(),
      type,
      seq,
      data === null ? null : JSON.stringify(data)
    )
  }

  events(batchId: string, limit = 1000): JournalEntry[] {
    const records = this.sql(
      'SELECT id, at, type, seq, data_json FROM events WHERE batch_id = ? ORDER BY id DESC LIMIT ?'
    ).all(batchId, limit) as {
      id: number
      at: string
      type: string
      seq: number | null
      data_json: string | null
    }[]
    return records.reverse().map((r) => ({
      id: r.id,
      at: r.at,
      type: r.type,
      seq: r.seq,
      data: r.data_json ? JSON.parse(r.data_json) : null
    }))
  }

  // ---- Queries for the UI and the exports ----

  queryRows(batchId: string, query: RowQuery = {}): RowPage {
    const where: string[] = ['r.batch_id = ?']
    const params: (string | number)[] = [batchId]
    const list = (column: string, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return
      where.push(`${column} IN (${values.map(() => '?').join(',')})`)
      params.push(...values)
    }
    list('r.state', query.states)
    list('r.import_status', query.importStatuses)
    list('r.check_status', query.checkStatuses)
    list('r.risk', query.risks)
    if (query.scoreMin !== undefined) {
      where.push('r.score >= ?')
      params.push(query.scoreMin)
    }
    if (query.scoreMax !== undefined) {
      where.push('r.score <= ?')
      params.push(query.scoreMax)
    }
    if (query.datasetFound) {
      where.push(
        `EXISTS (SELECT 1 FROM check_datasets d WHERE d.check_id = r.check_id AND d.data_set = ? AND d.result = 'found')`
      )
      params.push(query.datasetFound)
    }
    const text = query.text ? searchable(query.text.trim()) : ''
    if (text) {
      where.push(`r.search_text LIKE ? ESCAPE '\\'`)
      params.push(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    }
    const direction = query.sort?.direction === 'desc' ? 'DESC' : 'ASC'
    const order = (() => {
      switch (query.sort?.by ?? 'row') {
        case 'score':
          return `r.score IS NULL, r.score ${direction}, r.seq`
        case 'risk':
          return `CASE r.risk WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'unknown' THEN 2 WHEN 'low' THEN 3 ELSE 4 END ${direction}, r.seq`
        case 'state':
          return `r.state ${direction}, r.seq`
        case 'status':
          return `r.check_status ${direction}, r.seq`
        case 'name':
          return `r.search_text ${direction}, r.seq`
        default:
          return `r.seq ${direction}`
      }
    })()
    const limit = Math.min(1000, Math.max(1, query.limit ?? 100))
    const offset = Math.max(0, query.offset ?? 0)
    const clause = where.join(' AND ')
    const total = (
      this.sql(`SELECT COUNT(*) AS n FROM rows r WHERE ${clause}`).get(...params) as { n: number }
    ).n
    const records = this.sql(
      `SELECT r.seq, r.row_number, r.cells_json, r.inputs_json, r.country, r.type, r.issues_json, r.import_status, r.state,
           r.attempts, r.last_error, r.check_id, r.check_status, r.score, r.risk, c.id_score, c.name_score
         FROM rows r LEFT JOIN checks c ON c.check_id = r.check_id
         WHERE ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`
    ).all(...params, limit, offset) as RowRecord[]
    return { rows: this.toResultRows(records), total, offset }
  }

  private toResultRows(records: RowRecord[]): ResultRow[] {
    const datasets = this.datasetsOf(records.map((r) => r.check_id).filter((id): id is string => id !== null))
    return records.map((r) => this.toResultRow(r, datasets.get(r.check_id ?? '') ?? {}))
  }

  private toResultRow(r: RowRecord, datasets: Record<string, DatasetView>): ResultRow {
    return {
      seq: r.seq,
      row: r.row_number,
      cells: decodeCells(r.cells_json),
      inputs: JSON.parse(r.inputs_json) as Record<string, string>,
      country: r.country,
      type: r.type,
      issues: JSON.parse(r.issues_json) as RowIssue[],
      importStatus: r.import_status,
      state: r.state,
      attempts: r.attempts,
      lastError: r.last_error,
      checkId: r.check_id,
      checkStatus: r.check_status,
      score: r.score,
      idScore: r.id_score,
      nameScore: r.name_score,
      risk: r.risk,
      datasets
    }
  }

  private datasetsOf(checkIds: string[]): Map<string, Record<string, DatasetView>> {
    const out = new Map<string, Record<string, DatasetView>>()
    for (let i = 0; i < checkIds.length; i += 500) {
      const chunk = checkIds.slice(i, i + 500)
      const records = this.sql(
        `SELECT check_id, data_set, result, severity, score, found_by FROM check_datasets
           WHERE check_id IN (${chunk.map(() => '?').join(',')})`
      ).all(...chunk) as {
        check_id: string
        data_set: string
        result: string | null
        severity: string | null
        score: number | null
        found_by: 'id' | 'name' | null
      }[]
      for (const r of records) {
        const entry = out.get(r.check_id) ?? {}
        entry[r.data_set] = { result: r.result, severity: r.severity, score: r.score, foundBy: r.found_by }
        out.set(r.check_id, entry)
      }
    }
    return out
  }

  // ---- Draft rows (the review step before a batch starts) ----

  private toImportedRow(r: RowRecord): ImportedRow {
    return {
      row: r.row_number,
      cells: decodeCells(r.cells_json),
      inputs: JSON.parse(r.inputs_json) as ImportedRow['inputs'],
      country: r.country as ImportedRow['country'],
      type: r.type,
      issues: JSON.parse(r.issues_json) as RowIssue[],
      status: r.import_status
    }
  }

  /** A page of a batch's rows as the import left them (or the analyst fixed them). */
  importedRows(
    batchId: string,
    query: Pick<RowQuery, 'importStatuses' | 'offset' | 'limit'>
  ): { rows: ImportedRow[]; total: number } {
    const page = this.queryRows(batchId, { ...query, sort: { by: 'row' } })
    return {
      total: page.total,
      rows: page.rows.map((r) => ({
        row: r.row,
        cells: r.cells,
        inputs: r.inputs,
        country: r.country as ImportedRow['country'],
        type: r.type,
        issues: r.issues,
        status: r.importStatus
      }))
    }
  }

  importedRow(batchId: string, rowNumber: number): ImportedRow | null {
    const record = this.sql(`SELECT * FROM rows WHERE batch_id = ? AND row_number = ?`).get(
      batchId,
      rowNumber
    ) as RowRecord | undefined
    return record ? this.toImportedRow(record) : null
  }

  /** Every row of a batch as imported, in sheet order, without holding them all. */
  *eachImportedRow(batchId: string): Generator<ImportedRow> {
    const statement = this.sql(
      `SELECT seq, row_number, cells_json, inputs_json, country, type, issues_json, import_status FROM rows
       WHERE batch_id = ? AND seq >= ? ORDER BY seq LIMIT 1000`
    )
    let from = 0
    for (;;) {
      const records = statement.all(batchId, from) as RowRecord[]
      if (records.length === 0) return
      for (const record of records) yield this.toImportedRow(record)
      from = records[records.length - 1].seq + 1
    }
  }

  /**
   * Writes rows the analyst fixed, excluded or included again. Only a draft's rows change: once a batch has
   * started, what was sent is what it was.
   */
  replaceImportedRows(batchId: string, rows: ImportedRow[]): void {
    const batch = this.batchRecord(batchId)
    if (batch.status !== 'draft') throw new Error(`Batch ${batchId} has started; its rows cannot change.`)
    const update = this.sql(
      `UPDATE rows SET cells_json = ?, inputs_json = ?, country = ?, type = ?, issues_json = ?, import_status = ?,
         state = ?, search_text = ?, updated_at = ?
       WHERE batch_id = ? AND row_number = ?`
    )
    const at = now()
    this.db.transaction(() => {
      for (const row of rows) {
        const country = row.country ?? batch.country
        const type = row.type ?? batch.type
        const valid = row.status !== 'error' && row.status !== 'excluded' && Boolean(country) && Boolean(type)
        update.run(
          encodeCells(row.cells),
          JSON.stringify(row.inputs),
          country,
          type,
          JSON.stringify(row.issues),
          row.status,
          valid ? 'pending' : 'skipped',
          searchable(Object.values(row.inputs).join(' ')),
          at,
          batchId,
          row.row
        )
      }
      this.journal(batchId, 'rows-edited', null, { rows: rows.map((r) => r.row) })
    })()
  }

  /** Every row of a batch in sheet order, with its check, a chunk at a time (for exports of any size). */
  *iterateRows(batchId: string, chunkSize = 1000): Generator<ResultRow> {
    const statement = this.sql(
      `SELECT r.seq, r.row_number, r.cells_json, r.inputs_json, r.country, r.type, r.issues_json, r.import_status, r.state,
         r.attempts, r.last_error, r.check_id, r.check_status, r.score, r.risk, c.id_score, c.name_score
       FROM rows r LEFT JOIN checks c ON c.check_id = r.check_id
       WHERE r.batch_id = ? AND r.seq >= ? ORDER BY r.seq LIMIT ?`
    )
    let from = 0
    for (;;) {
      const records = statement.all(batchId, from, chunkSize) as RowRecord[]
      if (records.length === 0) return
      yield* this.toResultRows(records)
      from = records[records.length - 1].seq + 1
    }
  }

  /** Dataset names that appear in the batch's current checks, for export columns. */
  datasetNames(batchId: string): string[] {
    const records = this.sql(
      `SELECT DISTINCT d.data_set FROM rows r JOIN check_datasets d ON d.check_id = r.check_id WHERE r.batch_id = ?`
    ).all(batchId) as { data_set: string }[]
    return records.map((r) => r.data_set)
  }

  /** Score histogram of the batch's scored checks: `bins` equal buckets over 0..1. */
  scoreHistogram(batchId: string, bins = 10): number[] {
    const histogram = new Array<number>(bins).fill(0)
    const records = this.sql(
      `SELECT MIN(CAST(score * ? AS INTEGER), ? - 1) AS bin, COUNT(*) AS n FROM rows
         WHERE batch_id = ? AND score IS NOT NULL GROUP BY bin`
    ).all(bins, bins, batchId) as { bin: number; n: number }[]
    for (const r of records) histogram[Math.max(0, r.bin)] += r.n
    return histogram
  }

  riskCounts(batchId: string): Record<RiskLevel, number> {
    const counts: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0, unknown: 0, pending: 0 }
    const records = this.sql(
      `SELECT risk, COUNT(*) AS n FROM rows WHERE batch_id = ? AND risk IS NOT NULL GROUP BY risk`
    ).all(batchId) as { risk: RiskLevel; n: number }[]
    for (const r of records) counts[r.risk] += r.n
    return counts
  }

  /** How long the batch's finished checks took on Truora's side (ms), newest first, to plan polls after a restart. */
  completionTimes(batchId: string, limit = 200): number[] {
    const records = this.sql(
      `SELECT created_at, api_updated_at FROM checks WHERE batch_id = ? AND final_at IS NOT NULL
         ORDER BY final_at DESC LIMIT ?`
    ).all(batchId, limit) as { created_at: string | null; api_updated_at: string | null }[]
    return records
      .map((r) => Date.parse(r.api_updated_at ?? '') - Date.parse(r.created_at ?? ''))
      .filter((ms) => Number.isFinite(ms) && ms >= 0)
  }

  /** Status and risk of a stored check, without its details. */
  checkState(checkId: string): { status: string; risk: RiskLevel } | null {
    const record = this.sql('SELECT status, risk FROM checks WHERE check_id = ?').get(checkId) as
      { status: string; risk: RiskLevel } | undefined
    return record ?? null
  }

  getCheck(checkId: string): CheckView | null {
    const record = this.sql(
      `SELECT c.*, r.row_number FROM checks c JOIN rows r ON r.batch_id = c.batch_id AND r.seq = c.seq WHERE c.check_id = ?`
    ).get(checkId) as
      | {
          check_id: string
          batch_id: string
          seq: number
          row_number: number
          status: string
          score: number | null
          id_score: number | null
          name_score: number | null
          risk: RiskLevel
          raw_json: string
          created_at: string | null
          api_updated_at: string | null
          final_at: string | null
          polls: number
          last_error: string | null
        }
      | undefined
    if (!record) return null
    const details = this.sql(
      'SELECT detail_id, data_set, database_name, result, severity, raw_json FROM details WHERE check_id = ? ORDER BY position'
    ).all(checkId) as {
      detail_id: string | null
      data_set: string | null
      database_name: string | null
      result: string | null
      severity: string | null
      raw_json: string
    }[]
    return {
      checkId: record.check_id,
      batchId: record.batch_id,
      seq: record.seq,
      row: record.row_number,
      status: record.status,
      score: record.score,
      idScore: record.id_score,
      nameScore: record.name_score,
      risk: record.risk,
      createdAt: record.created_at,
      updatedAt: record.api_updated_at,
      finalAt: record.final_at,
      polls: record.polls,
      lastError: record.last_error,
      raw: JSON.parse(record.raw_json) as Record<string, unknown>,
      datasets: this.datasetsOf([checkId]).get(checkId) ?? {},
      details: details.map((d) => ({
        id: d.detail_id,
        dataSet: d.data_set,
        databaseName: d.database_name,
        result: d.result,
        severity: d.severity,
        raw: JSON.parse(d.raw_json) as Record<string, unknown>
      })),
      files: this.checkFiles(checkId)
    }
  }

  /** Checks that ever belonged to a batch (including ones replaced by a re-run), for audits and tests. */
  checkIds(batchId: string): string[] {
    return (
      this.sql('SELECT check_id FROM checks WHERE batch_id = ? ORDER BY seq').all(batchId) as {
        check_id: string
      }[]
    ).map((r) => r.check_id)
  }
}
