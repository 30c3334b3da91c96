// Draft rows: the analyst's rows as the import read them and the review step fixed or excluded them, before a
// batch starts. Rows are added in sheet order, a chunk at a time, and change only while their batch is a draft:
// once it has started, what was sent is what it was.
import type { ImportedRow, IssueCode, RowIssue, RowStatus } from '../../../shared/sheets/types'
import type { BatchRecords } from './batch-records'
import type { Database } from './database'
import type { Journal } from './journal'
import { ROW_VALUE_COLUMNS, decodeCells, now, placeholders, rowValues, type ImportedRowRecord } from './codec'

const COLUMNS = 'seq, row_number, cells_json, inputs_json, country, type, issues_json, import_status'
/**
 * Rows are found by sheet row number through their own index. Left to itself, SQLite's planner (with no
 * statistics) walks the whole batch by primary key for each such lookup, which made editing thousands of rows
 * of a large draft take minutes.
 */
const BY_ROW_NUMBER = 'rows INDEXED BY rows_row_number'

const DUPLICATE_ROW: IssueCode = 'duplicate-row'
/**
 * A row of the batch (`?`), not excluded, with a `duplicate-row` issue (`?`): the text test passes over rows
 * that cannot have one, the JSON test makes sure of those that may.
 */
const REPEATED = `batch_id = ? AND import_status != 'excluded' AND issues_json LIKE '%duplicate-row%'
  AND EXISTS (SELECT 1 FROM json_each(issues_json) WHERE json_extract(value, '$.code') = ?)`

/** A draft row without its cells. */
export type DraftRowOutline = Omit<ImportedRow, 'cells'>

function toImportedRow(r: ImportedRowRecord): ImportedRow {
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

export class DraftRows {
  constructor(
    private readonly db: Database,
    private readonly batches: BatchRecords,
    private readonly journal: Journal
  ) {}

  /**
   * Adds imported rows (in sheet order, in as many calls as the import sends chunks). Rows with errors, or
   * excluded, are kept and shown but never sent. Country and type fall back to the batch's.
   */
  add(batchId: string, rows: ImportedRow[]): void {
    const batch = this.batches.record(batchId)
    const start = (
      this.db.sql('SELECT COALESCE(MAX(seq) + 1, 0) AS next FROM rows WHERE batch_id = ?').get(batchId) as {
        next: number
      }
    ).next
    const insert = this.db.sql(
      `INSERT INTO rows (batch_id, seq, row_number, ${ROW_VALUE_COLUMNS.join(', ')}, updated_at)
       VALUES (?, ?, ?, ${placeholders(ROW_VALUE_COLUMNS)}, ?)`
    )
    const at = now()
    this.db.transaction(() => {
      rows.forEach((row, index) => insert.run(batchId, start + index, row.row, ...rowValues(row, batch), at))
    })
  }

  /** How many rows the draft has so far. */
  count(batchId: string): number {
    return (this.db.sql('SELECT COUNT(*) AS n FROM rows WHERE batch_id = ?').get(batchId) as { n: number }).n
  }

  /** Removes every row of a draft, before its file is read again. */
  clear(batchId: string): void {
    const batch = this.batches.record(batchId)
    if (batch.status !== 'draft') throw new Error(`Batch ${batchId} has started; its rows cannot change.`)
    this.db.transaction(() => {
      this.db.sql('DELETE FROM rows WHERE batch_id = ?').run(batchId)
      this.journal.add(batchId, 'rows-cleared', null, null)
    })
  }

  /** A page of a batch's rows in sheet order, optionally only those the import judged so. */
  page(
    batchId: string,
    query: { importStatuses?: RowStatus[]; offset?: number; limit?: number }
  ): { rows: ImportedRow[]; total: number } {
    const statuses = query.importStatuses ?? []
    const where = `batch_id = ?${statuses.length > 0 ? ` AND import_status IN (${placeholders(statuses)})` : ''}`
    const limit = Math.min(1000, Math.max(1, query.limit ?? 100))
    const offset = Math.max(0, query.offset ?? 0)
    const total = (
      this.db.sql(`SELECT COUNT(*) AS n FROM rows WHERE ${where}`).get(batchId, ...statuses) as { n: number }
    ).n
    const records = this.db
      .sql(`SELECT ${COLUMNS} FROM rows WHERE ${where} ORDER BY seq LIMIT ? OFFSET ?`)
      .all(batchId, ...statuses, limit, offset) as ImportedRowRecord[]
    return { rows: records.map(toImportedRow), total }
  }

  get(batchId: string, rowNumber: number): ImportedRow | null {
    const record = this.db
      .sql(`SELECT ${COLUMNS} FROM ${BY_ROW_NUMBER} WHERE batch_id = ? AND row_number = ?`)
      .get(batchId, rowNumber) as ImportedRowRecord | undefined
    return record ? toImportedRow(record) : null
  }

  /** The rows of these sheet row numbers that the batch has, by row number. */
  getMany(batchId: string, rowNumbers: readonly number[]): Map<number, ImportedRow> {
    // One statement for any number of rows: the list goes in as one JSON parameter.
    const records = this.db
      .sql(
        `SELECT ${COLUMNS} FROM ${BY_ROW_NUMBER}
         WHERE batch_id = ? AND row_number IN (SELECT value FROM json_each(?))`
      )
      .all(batchId, JSON.stringify(rowNumbers)) as ImportedRowRecord[]
    return new Map(records.map((record) => [record.row_number, toImportedRow(record)]))
  }

  /** The sheet row numbers of a batch's rows, in sheet order, optionally only those the import judged so. */
  rowNumbers(batchId: string, importStatuses: readonly RowStatus[] = []): number[] {
    const where = `batch_id = ?${importStatuses.length > 0 ? ` AND import_status IN (${placeholders(importStatuses)})` : ''}`
    return (
      this.db
        .sql(`SELECT row_number FROM rows WHERE ${where} ORDER BY seq`)
        .all(batchId, ...importStatuses) as {
        row_number: number
      }[]
    ).map((record) => record.row_number)
  }

  /**
   * Every row of a batch without its cells (what counting rows and finding repeated ones needs), in sheet
   * order, a thousand at a time: walking a large or wide draft then decodes no cell at all.
   */
  *eachOutline(batchId: string): Generator<DraftRowOutline> {
    const statement = this.db.sql(
      `SELECT seq, row_number, inputs_json, country, type, issues_json, import_status FROM rows
       WHERE batch_id = ? AND seq >= ? ORDER BY seq LIMIT 1000`
    )
    let from = 0
    for (;;) {
      const records = statement.all(batchId, from) as Omit<ImportedRowRecord, 'cells_json'>[]
      if (records.length === 0) return
      for (const r of records)
        yield {
          row: r.row_number,
          inputs: JSON.parse(r.inputs_json) as ImportedRow['inputs'],
          country: r.country as ImportedRow['country'],
          type: r.type,
          issues: JSON.parse(r.issues_json) as RowIssue[],
          status: r.import_status
        }
      from = records[records.length - 1].seq + 1
    }
  }

  /** The sheet row numbers of rows, not excluded, that repeat the document of an earlier row, in sheet order. */
  repeatedRowNumbers(batchId: string): number[] {
    return (
      this.db
        .sql(`SELECT row_number FROM rows WHERE ${REPEATED} ORDER BY seq`)
        .all(batchId, DUPLICATE_ROW) as { row_number: number }[]
    ).map((record) => record.row_number)
  }

  /** How many rows, not excluded, repeat the document of an earlier row: one statement, no row decoded. */
  countRepeated(batchId: string): number {
    return (
      this.db.sql(`SELECT COUNT(*) AS n FROM rows WHERE ${REPEATED}`).get(batchId, DUPLICATE_ROW) as {
        n: number
      }
    ).n
  }

  /** Writes rows the analyst fixed, excluded or included again. Only a draft's rows change. */
  replace(batchId: string, rows: ImportedRow[]): void {
    const batch = this.batches.record(batchId)
    if (batch.status !== 'draft') throw new Error(`Batch ${batchId} has started; its rows cannot change.`)
    // A start that failed may have planned rows already (reused, grouped): a changed row is planned afresh.
    const update = this.db.sql(
      `UPDATE ${BY_ROW_NUMBER} SET ${ROW_VALUE_COLUMNS.map((column) => `${column} = ?`).join(', ')}, follows_seq = NULL,
         reused_json = NULL, check_id = NULL, check_status = NULL, score = NULL, risk = NULL, updated_at = ?
       WHERE batch_id = ? AND row_number = ?`
    )
    const at = now()
    this.db.transaction(() => {
      for (const row of rows) update.run(...rowValues(row, batch), at, batchId, row.row)
      this.journal.add(batchId, 'rows-edited', null, { rows: rows.map((r) => r.row) })
    })
  }
}
