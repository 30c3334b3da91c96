// Batch records: one row of `batches` per batch, with what the analyst chose (name, file, mapping, country and
// type, engine, options, connection), the authorisation, where a Truora batch stands, and the batch's status.
// A summary adds the rows' counts by state.
import type { AppErrorInfo } from '../../../shared/result'
import type { CostEstimate } from '../../../shared/costs'
import type { ColumnMapping } from '../../../shared/sheets/types'
import {
  DEFAULT_BATCH_OPTIONS,
  ROW_STATES,
  type Authorization,
  type BatchOptions,
  type BatchStatus,
  type BatchStatusCode,
  type BatchSummary,
  type ConsentEvidence,
  type EngineKind,
  type ProgressCounts,
  type RemoteBatchState,
  type RowState
} from '../../../shared/batch'
import type { Database } from './database'
import type { Journal } from './journal'
import { now, placeholders } from './codec'

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

export interface BatchRecord {
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
  status_code: BatchStatusCode | null
  profile_id: string | null
  authorized_at: string | null
  authorized_profile_id: string | null
  authorization_statement: string | null
  consent_json: string | null
  remote_json: string | null
  created_at: string
  updated_at: string
  started_at: string | null
  finished_at: string | null
  read_state: ReadState
  read_error_json: string | null
  estimate_json: string | null
}

/** Whether a draft's file has been read to the end: being read, read, or stopped before the end. */
export type ReadState = 'reading' | 'ready' | 'failed'

function emptyCounts(): ProgressCounts {
  const counts = Object.fromEntries(ROW_STATES.map((state) => [state, 0])) as unknown as ProgressCounts
  counts.delayed = 0
  counts.completed = 0
  counts.error = 0
  counts.unknownFinal = 0
  return counts
}

/** Statuses after which a batch's rows only change when it runs again. */
const FINAL_STATUSES = new Set<string>(['completed', 'cancelled', 'failed'])

export class BatchRecords {
  /** Finished batches' counts of checks made and rows reused, by batch id (see tally). */
  private readonly tallies = new Map<string, { key: string; tally: Pick<BatchSummary, 'made' | 'reuse'> }>()

  constructor(
    private readonly db: Database,
    private readonly journal: Journal
  ) {}

  create(input: StoredBatchInput): BatchSummary {
    const at = now()
    this.db
      .sql(
        `INSERT INTO batches (id, name, file_name, sheet, mapping_json, country, type, engine, options_json, status,
           profile_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`
      )
      .run(
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
    this.journal.add(input.id, 'created', null, { engine: input.engine })
    return this.get(input.id)
  }

  /** The stored record; throws when there is none (callers check `has` where absence is expected). */
  record(id: string): BatchRecord {
    const record = this.db.sql('SELECT * FROM batches WHERE id = ?').get(id) as BatchRecord | undefined
    if (!record) throw new Error(`There is no batch ${id} in this data folder.`)
    return record
  }

  has(id: string): boolean {
    return this.db.sql('SELECT 1 FROM batches WHERE id = ?').get(id) !== undefined
  }

  get(id: string): BatchSummary {
    return this.summary(this.record(id))
  }

  mapping(id: string): ColumnMapping {
    return JSON.parse(this.record(id).mapping_json) as ColumnMapping
  }

  /** Newest first, with row counts. */
  list(): BatchSummary[] {
    const records = this.db.sql('SELECT * FROM batches ORDER BY created_at DESC, id').all() as BatchRecord[]
    return records.map((record) => this.summary(record))
  }

  withStatus(statuses: readonly BatchStatus[]): BatchSummary[] {
    const records = this.db
      .sql(`SELECT * FROM batches WHERE status IN (${placeholders(statuses)}) ORDER BY created_at`)
      .all(...statuses) as BatchRecord[]
    return records.map((record) => this.summary(record))
  }

  counts(batchId: string): ProgressCounts {
    const counts = emptyCounts()
    const groups = this.db
      .sql(
        'SELECT state, check_status, COUNT(*) AS n FROM rows WHERE batch_id = ? GROUP BY state, check_status'
      )
      .all(batchId) as { state: RowState; check_status: string | null; n: number }[]
    for (const group of groups) {
      counts[group.state] += group.n
      if (group.state === 'running' && group.check_status === 'delayed') counts.delayed += group.n
      if (group.state === 'done' && group.check_status === 'completed') counts.completed += group.n
      if (group.state === 'done' && group.check_status === 'error') counts.error += group.n
      if (group.state === 'done' && group.check_status !== 'completed' && group.check_status !== 'error')
        counts.unknownFinal += group.n
    }
    return counts
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
      statusCode: record.status_code,
      profileId: record.profile_id,
      options: { ...DEFAULT_BATCH_OPTIONS, ...(JSON.parse(record.options_json) as Partial<BatchOptions>) },
      authorization: record.authorized_at
        ? {
            confirmedAt: record.authorized_at,
            profileId: record.authorized_profile_id ?? '',
            statement: record.authorization_statement ?? '',
            evidence: record.consent_json ? (JSON.parse(record.consent_json) as ConsentEvidence) : null
          }
        : null,
      remote: record.remote_json ? (JSON.parse(record.remote_json) as RemoteBatchState) : null,
      createdAt: record.created_at,
      updatedAt: record.updated_at,
      startedAt: record.started_at,
      finishedAt: record.finished_at,
      total:
        counts.pending +
        counts.creating +
        counts.running +
        counts.done +
        counts.failed +
        counts.cancelled +
        counts['given-up'] +
        counts.lost,
      counts,
      estimate: record.estimate_json ? (JSON.parse(record.estimate_json) as CostEstimate) : null,
      ...this.tally(record)
    }
  }

  /**
   * What the batch made and reused. Counting reads every row of the batch, so a finished batch's tally is kept
   * until its record changes (a re-run starts it again).
   */
  private tally(record: BatchRecord): Pick<BatchSummary, 'made' | 'reuse'> {
    const key = `${record.status}|${record.updated_at}|${record.finished_at ?? ''}`
    const kept = this.tallies.get(record.id)
    if (kept && kept.key === key) return kept.tally
    const tally = {
      made: this.made(record.id),
      reuse: this.db
        .sql(
          'SELECT COUNT(reused_json) AS reused, COUNT(follows_seq) AS grouped FROM rows WHERE batch_id = ?'
        )
        .get(record.id) as { reused: number; grouped: number }
    }
    if (FINAL_STATUSES.has(record.status)) this.tallies.set(record.id, { key, tally })
    return tally
  }

  /** Checks the batch created, by check type and country (not those it inherited from a deleted batch). */
  private made(batchId: string): { country: string; type: string; checks: number }[] {
    return this.db
      .sql(
        `SELECT r.country, r.type, COUNT(*) AS checks FROM checks c
         JOIN rows r ON r.batch_id = c.batch_id AND r.seq = c.seq
         WHERE c.batch_id = ? AND r.reused_json IS NULL GROUP BY r.country, r.type ORDER BY r.country, r.type`
      )
      .all(batchId) as { country: string; type: string; checks: number }[]
  }

  /** Keeps what the analyst was told starting the batch would do and cost. */
  setEstimate(id: string, estimate: CostEstimate): void {
    this.db
      .sql('UPDATE batches SET estimate_json = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(estimate), now(), id)
    this.journal.add(id, 'estimate', null, {
      newChecks: estimate.newChecks,
      reusedRows: estimate.reusedRows,
      groupedRows: estimate.groupedRows,
      total: estimate.total,
      currency: estimate.currency
    })
  }

  setStatus(
    id: string,
    status: BatchStatus,
    message: string | null = null,
    extra: { started?: boolean; finished?: boolean; code?: BatchStatusCode | null } = {}
  ): void {
    const at = now()
    const code = extra.code ?? null
    this.db
      .sql(
        `UPDATE batches SET status = ?, status_message = ?, status_code = ?, updated_at = ?,
           started_at = CASE WHEN ? THEN COALESCE(started_at, ?) ELSE started_at END,
           finished_at = CASE WHEN ? THEN ? ELSE NULL END
         WHERE id = ?`
      )
      .run(status, message, code, at, extra.started ? 1 : 0, at, extra.finished ? 1 : 0, at, id)
    this.journal.add(id, 'status', null, code ? { status, message, code } : { status, message })
  }

  setOptions(id: string, options: BatchOptions): void {
    this.db
      .sql('UPDATE batches SET options_json = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(options), now(), id)
  }

  setEngine(id: string, engine: EngineKind): void {
    this.db.sql('UPDATE batches SET engine = ?, updated_at = ? WHERE id = ?').run(engine, now(), id)
  }

  setProfile(id: string, profileId: string): void {
    this.db.sql('UPDATE batches SET profile_id = ?, updated_at = ? WHERE id = ?').run(profileId, now(), id)
  }

  setRemote(id: string, remote: RemoteBatchState): void {
    this.db
      .sql('UPDATE batches SET remote_json = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(remote), now(), id)
    this.journal.add(id, 'remote', null, {
      step: remote.step,
      batchId: remote.batchId,
      status: remote.status
    })
  }

  authorize(id: string, authorization: Authorization): void {
    this.db
      .sql(
        `UPDATE batches SET authorized_at = ?, authorized_profile_id = ?, authorization_statement = ?,
           consent_json = ?, updated_at = ?
         WHERE id = ?`
      )
      .run(
        authorization.confirmedAt,
        authorization.profileId,
        authorization.statement,
        authorization.evidence ? JSON.stringify(authorization.evidence) : null,
        now(),
        id
      )
    this.journal.add(id, 'authorized', null, authorization)
  }

  /** Marks how far reading the draft's file got; a failed read keeps why. */
  setRead(id: string, state: ReadState, error: AppErrorInfo | null = null): void {
    this.db
      .sql('UPDATE batches SET read_state = ?, read_error_json = ?, updated_at = ? WHERE id = ?')
      .run(state, error ? JSON.stringify(error) : null, now(), id)
    this.journal.add(id, 'read', null, { state, error })
  }

  read(id: string): { state: ReadState; error: AppErrorInfo | null } {
    const record = this.record(id)
    return {
      state: record.read_state,
      error: record.read_error_json ? (JSON.parse(record.read_error_json) as AppErrorInfo) : null
    }
  }

  /**
   * Before a batch goes: a check of it that rows of other batches reuse is not lost with it. It moves, with its
   * details, to the first of those rows, so their results stay whole; its files (PDFs) stay with the batch's
   * folder and go with it (a check's PDF can be asked of Truora again).
   */
  handOverSharedChecks(id: string): void {
    this.db.transaction(() => {
      const shared = this.db
        .sql(
          `SELECT c.check_id, MIN(r.batch_id || '|' || r.seq) AS heir FROM checks c
           JOIN rows r ON r.check_id = c.check_id AND r.batch_id <> c.batch_id
           WHERE c.batch_id = ? GROUP BY c.check_id`
        )
        .all(id) as { check_id: string; heir: string }[]
      for (const { check_id, heir } of shared) {
        const [batchId, seq] = heir.split('|')
        this.db
          .sql('UPDATE checks SET batch_id = ?, seq = ? WHERE check_id = ?')
          .run(batchId, Number(seq), check_id)
        this.journal.add(batchId, 'check-inherited', Number(seq), { checkId: check_id, from: id })
      }
    })
  }

  /** Removes the batch and, through the schema's cascades, its rows, checks, files and journal. */
  delete(id: string): void {
    this.db.transaction(() => {
      this.handOverSharedChecks(id)
      this.db.sql('DELETE FROM batches WHERE id = ?').run(id)
    })
  }
}
