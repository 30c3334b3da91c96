// The read side of the results: pages of the grid with its filters and sorts, every row for the exports, the
// charts' figures, one check with its details and files. Nothing here writes.
import type { RiskLevel, RiskReason, RowFailureCode, RowState } from '../../../shared/batch'
import type {
  CheckView,
  DatasetView,
  ResultRow,
  RowChange,
  RowOrigin,
  RowPage,
  RowQuery
} from '../../../shared/results'
import type { ChangeSummary } from '../../../shared/checks/changes'
import type { Database } from './database'
import type { FileKind, StoredFile } from './check-ledger'
import { checkedAt, decodeCells, placeholders, searchable, type ImportedRowRecord } from './codec'
import { CURRENT_DECISION_JOIN, DECISION_COLUMNS, decisionOf, type DecisionRecord } from './decision-log'

export interface StoredDetail {
  id: string | null
  dataSet: string | null
  databaseName: string | null
  result: string | null
  severity: string | null
  raw: Record<string, unknown>
}

/** A check as stored: its latest reading (Truora's JSON as received), its details and its files. */
export type StoredCheck = Omit<CheckView, 'databases' | 'detailsStored' | 'pdfStored' | 'person'> & {
  seq: number
  polls: number
  raw: Record<string, unknown>
  details: StoredDetail[]
  files: StoredFile[]
}

interface ResultRowRecord extends ImportedRowRecord, DecisionRecord {
  state: RowState
  attempts: number
  last_error: string | null
  last_error_code: RowFailureCode | null
  check_id: string | null
  check_status: string | null
  score: number | null
  risk: RiskLevel | null
  id_score: number | null
  name_score: number | null
  risk_reasons_json: string | null
  created_at: string | null
  first_seen_at: string | null
  reused_json: string | null
  leader_row: number | null
  change_previous: string | null
  change_json: string | null
  change_known: number | null
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

const ROW_COLUMNS = `r.seq, r.row_number, r.cells_json, r.inputs_json, r.country, r.type, r.issues_json, r.import_status,
  r.state, r.attempts, r.last_error, r.last_error_code, r.check_id, r.check_status, r.score, r.risk, c.id_score, c.name_score,
  c.risk_reasons_json, ${DECISION_COLUMNS}, c.created_at, c.first_seen_at, r.reused_json, l.row_number AS leader_row,
  x.previous_check_id AS change_previous, x.summary_json AS change_json, x.changed AS change_known`

/**
 * A row with its check, its current decision, the row whose check it shares, and its check's comparison with
 * the previous one (none for a reused result: nothing was checked again).
 */
const ROW_JOINS = `rows r LEFT JOIN checks c ON c.check_id = r.check_id
  LEFT JOIN rows l ON l.batch_id = r.batch_id AND l.seq = r.follows_seq
  LEFT JOIN check_changes x ON x.check_id = r.check_id AND r.reused_json IS NULL
  ${CURRENT_DECISION_JOIN}`

function originOf(r: ResultRowRecord): RowOrigin | null {
  if (r.reused_json)
    return { kind: 'reused', ...(JSON.parse(r.reused_json) as Omit<RowOrigin & { kind: 'reused' }, 'kind'>) }
  if (r.leader_row !== null) return { kind: 'grouped', row: r.leader_row }
  return null
}

function changeOf(r: ResultRowRecord): RowChange | null {
  if (r.change_known === null) return null
  if (!r.change_previous || !r.change_json) return { kind: 'first' }
  return { kind: 'compared', ...(JSON.parse(r.change_json) as ChangeSummary) }
}

/** What a decision needs to know of a row (src/shared/decisions.ts `decisionRefusal`). */
export interface DecidableRow {
  seq: number
  row: number
  state: RowState
  risk: RiskLevel | null
  checkId: string | null
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

function orderBy(sort: RowQuery['sort']): string {
  const direction = sort?.direction === 'desc' ? 'DESC' : 'ASC'
  switch (sort?.by ?? 'row') {
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
    case 'decision':
      // Undecided rows last in both directions, like rows without a score.
      return `dd.decision IS NULL, CASE dd.decision WHEN 'rejected' THEN 0 WHEN 'follow-up' THEN 1 ELSE 2 END ${direction}, r.seq`
    default:
      return `r.seq ${direction}`
  }
}

export class ResultQueries {
  constructor(private readonly db: Database) {}

  /**
   * The WHERE clause of the grid's filters (over ROW_JOINS) and its parameters, and the joins of ROW_JOINS the
   * clause itself needs (`from`): counting rows through every join costs a lookup per row and join, a fifth
   * of a second on 100,000 rows, while the filters read only the row and, for decisions, its decision.
   */
  private filter(
    batchId: string,
    query: RowQuery
  ): { clause: string; params: (string | number)[]; from: string } {
    const where: string[] = ['r.batch_id = ?']
    const params: (string | number)[] = [batchId]
    const list = (column: string, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return
      where.push(`${column} IN (${placeholders(values)})`)
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
    if (query.changedOnly) {
      where.push(
        `r.reused_json IS NULL AND EXISTS (SELECT 1 FROM check_changes x WHERE x.check_id = r.check_id AND x.changed = 1)`
      )
    }
    const text = query.text ? searchable(query.text.trim()) : ''
    if (text) {
      where.push(`r.search_text LIKE ? ESCAPE '\\'`)
      params.push(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    }
    if (query.decisions && query.decisions.length > 0) {
      // Undecided: sent and not decided on its current check; a row never sent has nothing to decide.
      const decided = query.decisions.filter((d) => d !== 'undecided')
      const either: string[] = []
      if (decided.length > 0) {
        either.push(`dd.decision IN (${placeholders(decided)})`)
        params.push(...decided)
      }
      if (decided.length < query.decisions.length)
        either.push(`(dd.decision IS NULL AND r.state != 'skipped')`)
      where.push(`(${either.join(' OR ')})`)
    }
    const byDecision = (query.decisions?.length ?? 0) > 0
    return {
      clause: where.join(' AND '),
      params,
      from: byDecision ? `rows r ${CURRENT_DECISION_JOIN}` : 'rows r'
    }
  }

  /** One page of the results grid. */
  page(batchId: string, query: RowQuery = {}): RowPage {
    const { clause, params, from } = this.filter(batchId, query)
    const limit = Math.min(1000, Math.max(1, query.limit ?? 100))
    const offset = Math.max(0, query.offset ?? 0)
    const total = (
      this.db.sql(`SELECT COUNT(*) AS n FROM ${from} WHERE ${clause}`).get(...params) as { n: number }
    ).n
    const records = this.db
      .sql(
        `SELECT ${ROW_COLUMNS} FROM ${ROW_JOINS}
         WHERE ${clause} ORDER BY ${orderBy(query.sort)} LIMIT ? OFFSET ?`
      )
      .all(...params, limit, offset) as ResultRowRecord[]
    return { rows: this.toResultRows(records), total, offset }
  }

  /** Rows a decision would apply to: every row the grid's filters match, or the rows given, in sheet order. */
  decidable(batchId: string, target: { seqs: readonly number[] } | { matching: RowQuery }): DecidableRow[] {
    const toRow = (r: {
      seq: number
      row_number: number
      state: RowState
      risk: RiskLevel | null
      check_id: string | null
    }): DecidableRow => ({ seq: r.seq, row: r.row_number, state: r.state, risk: r.risk, checkId: r.check_id })
    const columns = 'r.seq, r.row_number, r.state, r.risk, r.check_id'
    if ('matching' in target) {
      const { clause, params, from } = this.filter(batchId, target.matching)
      return (
        this.db.sql(`SELECT ${columns} FROM ${from} WHERE ${clause} ORDER BY r.seq`).all(...params) as {
          seq: number
          row_number: number
          state: RowState
          risk: RiskLevel | null
          check_id: string | null
        }[]
      ).map(toRow)
    }
    const out: DecidableRow[] = []
    const seqs = [...new Set(target.seqs)]
    for (let i = 0; i < seqs.length; i += 500) {
      const chunk = seqs.slice(i, i + 500)
      const records = this.db
        .sql(`SELECT ${columns} FROM rows r WHERE r.batch_id = ? AND r.seq IN (${placeholders(chunk)})`)
        .all(batchId, ...chunk) as Parameters<typeof toRow>[0][]
      out.push(...records.map(toRow))
    }
    return out.sort((a, b) => a.seq - b.seq)
  }

  /** One row with its current check and decision. */
  row(batchId: string, seq: number): ResultRow | null {
    const records = this.db
      .sql(`SELECT ${ROW_COLUMNS} FROM ${ROW_JOINS} WHERE r.batch_id = ? AND r.seq = ?`)
      .all(batchId, seq) as ResultRowRecord[]
    return this.toResultRows(records)[0] ?? null
  }

  /** Every row of a batch in sheet order, with its check, a chunk at a time (for exports of any size). */
  *each(batchId: string, chunkSize = 1000): Generator<ResultRow> {
    const statement = this.db.sql(
      `SELECT ${ROW_COLUMNS} FROM ${ROW_JOINS}
       WHERE r.batch_id = ? AND r.seq >= ? ORDER BY r.seq LIMIT ?`
    )
    let from = 0
    for (;;) {
      const records = statement.all(batchId, from, chunkSize) as ResultRowRecord[]
      if (records.length === 0) return
      yield* this.toResultRows(records)
      from = records[records.length - 1].seq + 1
    }
  }

  private toResultRows(records: ResultRowRecord[]): ResultRow[] {
    const datasets = this.datasetsOf(records.map((r) => r.check_id).filter((id): id is string => id !== null))
    return records.map((r) => ({
      seq: r.seq,
      row: r.row_number,
      cells: decodeCells(r.cells_json),
      inputs: JSON.parse(r.inputs_json) as Record<string, string>,
      country: r.country,
      type: r.type,
      issues: JSON.parse(r.issues_json) as ResultRow['issues'],
      importStatus: r.import_status,
      state: r.state,
      attempts: r.attempts,
      lastError: r.last_error,
      lastErrorCode: r.last_error_code,
      checkId: r.check_id,
      checkStatus: r.check_status,
      score: r.score,
      idScore: r.id_score,
      nameScore: r.name_score,
      risk: r.risk,
      riskReasons: r.check_id && r.risk_reasons_json ? (JSON.parse(r.risk_reasons_json) as RiskReason[]) : [],
      decision: decisionOf(r),
      datasets: datasets.get(r.check_id ?? '') ?? {},
      checkedAt:
        r.check_id && r.first_seen_at
          ? checkedAt({ created_at: r.created_at, first_seen_at: r.first_seen_at })
          : null,
      origin: originOf(r),
      change: changeOf(r)
    }))
  }

  private datasetsOf(checkIds: string[]): Map<string, Record<string, DatasetView>> {
    const out = new Map<string, Record<string, DatasetView>>()
    for (let i = 0; i < checkIds.length; i += 500) {
      const chunk = checkIds.slice(i, i + 500)
      const records = this.db
        .sql(
          `SELECT check_id, data_set, result, severity, score, found_by FROM check_datasets
           WHERE check_id IN (${placeholders(chunk)})`
        )
        .all(...chunk) as {
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

  /** Dataset names that appear in the batch's current checks, for export columns. */
  datasetNames(batchId: string): string[] {
    // The datasets any check answered are few; for each, one row of the batch that has it is enough (a lookup
    // in the dataset index, then in the rows by check), instead of every dataset of every row.
    // The distinct names by seeking the dataset index from one name to the next, not reading all of it.
    const names = (
      this.db
        .sql(
          `WITH RECURSIVE names(name) AS (
             SELECT MIN(data_set) FROM check_datasets
             UNION ALL
             SELECT (SELECT MIN(data_set) FROM check_datasets WHERE data_set > name) FROM names WHERE name IS NOT NULL
           ) SELECT name FROM names WHERE name IS NOT NULL`
        )
        .all() as { name: string }[]
    ).map((r) => r.name)
    const answered = this.db.sql(
      `SELECT 1 FROM check_datasets d JOIN rows r ON r.check_id = d.check_id
        WHERE d.data_set = ? AND r.batch_id = ? LIMIT 1`
    )
    return names.filter((name) => answered.get(name, batchId) !== undefined)
  }

  /** Score histogram of the batch's scored checks: `bins` equal buckets over 0..1. */
  scoreHistogram(batchId: string, bins = 10): number[] {
    const histogram = new Array<number>(bins).fill(0)
    const records = this.db
      .sql(
        `SELECT MIN(CAST(score * ? AS INTEGER), ? - 1) AS bin, COUNT(*) AS n FROM rows
         WHERE batch_id = ? AND score IS NOT NULL GROUP BY bin`
      )
      .all(bins, bins, batchId) as { bin: number; n: number }[]
    for (const r of records) histogram[Math.max(0, r.bin)] += r.n
    return histogram
  }

  riskCounts(batchId: string): Record<RiskLevel, number> {
    const counts: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0, unknown: 0, pending: 0 }
    const records = this.db
      .sql(`SELECT risk, COUNT(*) AS n FROM rows WHERE batch_id = ? AND risk IS NOT NULL GROUP BY risk`)
      .all(batchId) as { risk: RiskLevel; n: number }[]
    for (const r of records) counts[r.risk] += r.n
    return counts
  }

  check(checkId: string): StoredCheck | null {
    const record = this.db
      .sql(
        `SELECT c.*, r.row_number FROM checks c JOIN rows r ON r.batch_id = c.batch_id AND r.seq = c.seq WHERE c.check_id = ?`
      )
      .get(checkId) as
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
          risk_reasons_json: string
          raw_json: string
          created_at: string | null
          api_updated_at: string | null
          final_at: string | null
          polls: number
          last_error: string | null
        }
      | undefined
    if (!record) return null
    const details = this.db
      .sql(
        'SELECT detail_id, data_set, database_name, result, severity, raw_json FROM details WHERE check_id = ? ORDER BY position'
      )
      .all(checkId) as {
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
      riskReasons: JSON.parse(record.risk_reasons_json) as RiskReason[],
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
      this.db.sql('SELECT check_id FROM checks WHERE batch_id = ? ORDER BY seq').all(batchId) as {
        check_id: string
      }[]
    ).map((r) => r.check_id)
  }

  files(batchId: string, kind?: FileKind): StoredFile[] {
    const records = (
      kind
        ? this.db.sql('SELECT * FROM files WHERE batch_id = ? AND kind = ? ORDER BY id').all(batchId, kind)
        : this.db.sql('SELECT * FROM files WHERE batch_id = ? ORDER BY id').all(batchId)
    ) as FileRecord[]
    return records.map(toStoredFile)
  }

  checkFiles(checkId: string): StoredFile[] {
    const records = this.db
      .sql('SELECT * FROM files WHERE check_id = ? ORDER BY id')
      .all(checkId) as FileRecord[]
    return records.map(toStoredFile)
  }
}
