// How rows cross between the import's threads: one JSON string per chunk. Imported rows go from the
// checking thread to the main thread as arrays with their cells as values in header order; raw rows go from
// the reading thread to the checking thread as [row, cells]. A structured clone of 100,000 row objects (each
// with its own copy of every header as a key) costs the sending thread more than the import's checks do; a
// JSON string is written once and copied as a block.
import type { CellValue, ImportedRow } from '../../shared/sheets/types'
import type { RawRow } from './xlsx'

/** A chunk of rows as sent: the cell keys (headers, in order) and the rows as JSON. */
export interface EncodedRows {
  keys: string[]
  json: string
}

type EncodedRow = [
  row: number,
  cells: EncodedCell[],
  inputs: ImportedRow['inputs'],
  country: ImportedRow['country'],
  type: ImportedRow['type'],
  issues: ImportedRow['issues'],
  status: ImportedRow['status']
]

/**
 * A cell that JSON cannot carry as itself is written as an object (no cell value is a plain object): a date
 * as `{d: ms}` (`null` for an invalid date), a number JSON would change (NaN, ±Infinity, -0) as `{n: text}`.
 */
type EncodedCell = string | number | boolean | null | { d: number | null } | { n: string }

function encodeCell(cell: CellValue): EncodedCell {
  if (cell === null) return null
  if (cell instanceof Date) {
    const ms = cell.getTime()
    return { d: Number.isNaN(ms) ? null : ms }
  }
  if (typeof cell === 'number' && (!Number.isFinite(cell) || Object.is(cell, -0)))
    return { n: Object.is(cell, -0) ? '-0' : String(cell) }
  return cell
}

function decodeCell(cell: { d: number | null } | { n: string }): CellValue {
  if ('d' in cell) return new Date(cell.d ?? NaN)
  return cell.n === '-0' ? -0 : Number(cell.n)
}

/** Rows of one import share their cell keys (the sheet's headers), taken from the first row. */
export function encodeRows(rows: ImportedRow[]): EncodedRows {
  const keys = rows.length > 0 ? Object.keys(rows[0].cells) : []
  const encoded: EncodedRow[] = new Array(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]
    const cells: EncodedCell[] = new Array(keys.length)
    for (let i = 0; i < keys.length; i++) {
      const cell = row.cells[keys[i]] ?? null
      cells[i] = typeof cell === 'number' || typeof cell === 'object' ? encodeCell(cell) : cell
    }
    encoded[r] = [row.row, cells, row.inputs, row.country, row.type, row.issues, row.status]
  }
  return { keys, json: JSON.stringify(encoded) }
}

export function decodeRows({ keys, json }: EncodedRows): ImportedRow[] {
  const encoded = JSON.parse(json) as EncodedRow[]
  const rows: ImportedRow[] = new Array(encoded.length)
  for (let r = 0; r < encoded.length; r++) {
    const [row, values, inputs, country, type, issues, status] = encoded[r]
    const cells: Record<string, CellValue> = {}
    for (let i = 0; i < keys.length; i++) {
      const value = values[i]
      cells[keys[i]] = value !== null && typeof value === 'object' ? decodeCell(value) : value
    }
    rows[r] = { row, cells, inputs, country, type, issues, status }
  }
  return rows
}

/** Raw sheet rows (reading thread to checking thread). */
export function encodeRawRows(rows: RawRow[]): string {
  const encoded: [number, EncodedCell[]][] = new Array(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const source = rows[r].cells
    const cells: EncodedCell[] = new Array(source.length)
    for (let i = 0; i < source.length; i++) {
      const cell = source[i] ?? null
      cells[i] = typeof cell === 'number' || typeof cell === 'object' ? encodeCell(cell) : cell
    }
    encoded[r] = [rows[r].row, cells]
  }
  return JSON.stringify(encoded)
}

export function decodeRawRows(json: string): RawRow[] {
  const encoded = JSON.parse(json) as [number, EncodedCell[]][]
  const rows: RawRow[] = new Array(encoded.length)
  for (let r = 0; r < encoded.length; r++) {
    const [row, values] = encoded[r]
    const cells = values as CellValue[]
    for (let i = 0; i < values.length; i++) {
      const value = values[i]
      if (value !== null && typeof value === 'object') cells[i] = decodeCell(value)
    }
    rows[r] = { row, cells }
  }
  return rows
}
