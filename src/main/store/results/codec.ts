// How values are written to and read from the results database's text columns, shared by its repositories.
import type { CellValue, ImportedRow, RowStatus } from '../../../shared/sheets/types'
import type { RowState } from '../../../shared/batch'
import { subjectOf } from '../../../shared/checks/subject'

export function now(): string {
  return new Date().toISOString()
}

/** Lower case without accents, so "Peña" is found by "pena". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The text the results search matches: a row's inputs (names, documents, plates). */
export function searchText(inputs: ImportedRow['inputs']): string {
  return searchable(Object.values(inputs).join(' '))
}

export function encodeCells(cells: Record<string, CellValue>): string {
  return JSON.stringify(cells)
}

/** Dates travel through JSON as ISO strings and come back as dates. */
export function decodeCells(json: string): Record<string, CellValue> {
  const cells = JSON.parse(json) as Record<string, CellValue>
  for (const [key, value] of Object.entries(cells))
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))
      cells[key] = new Date(value)
  return cells
}

/**
 * Whether an imported row will be sent: rows with errors, or excluded, are kept and shown but never sent, and
 * a row needs a country and a check type (its own, or the batch's).
 */
export function initialRowState(row: ImportedRow, country: string | null, type: string | null): RowState {
  const valid = row.status !== 'error' && row.status !== 'excluded' && Boolean(country) && Boolean(type)
  return valid ? 'pending' : 'skipped'
}

/** SQL placeholders for a list of values: `?, ?, ?`. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(',')
}

/** A row's columns as the import wrote them. */
export interface ImportedRowRecord {
  seq: number
  row_number: number
  cells_json: string
  inputs_json: string
  country: string | null
  type: string | null
  issues_json: string
  import_status: RowStatus
}

/**
 * The stored form of an imported row: its cells, inputs, country and type (the batch's when the row has none),
 * issues, import status, whether it will be sent, its search text and its subject (the identifying input and
 * comparable document) — in the order the rows table's `ROW_VALUE_COLUMNS` names them.
 */
export function rowValues(
  row: ImportedRow,
  batch: { country: string | null; type: string | null }
): (string | null)[] {
  const country = row.country ?? batch.country
  const type = row.type ?? batch.type
  const subject = subjectOf(type, row.inputs)
  return [
    encodeCells(row.cells),
    JSON.stringify(row.inputs),
    country,
    type,
    JSON.stringify(row.issues),
    row.status,
    initialRowState(row, country, type),
    searchText(row.inputs),
    subject?.input ?? '',
    subject?.document ?? null
  ]
}

export const ROW_VALUE_COLUMNS = [
  'cells_json',
  'inputs_json',
  'country',
  'type',
  'issues_json',
  'import_status',
  'state',
  'search_text',
  'document_input',
  'document'
] as const

/** ISO time of a check: Truora's creation date when it parses, else when Lote first saw it. */
export function checkedAt(record: { created_at: string | null; first_seen_at: string }): string {
  const created = record.created_at ? Date.parse(record.created_at) : NaN
  return Number.isFinite(created) ? new Date(created).toISOString() : record.first_seen_at
}
