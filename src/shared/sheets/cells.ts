// One cell as text, the same everywhere: headers, previews, the review grid, issue values and normalisation.
import type { CellValue } from './types'

/** A date that crossed a JSON boundary (the browser host) arrives as an ISO string at midnight UTC. */
const MIDNIGHT_ISO = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.000)?Z$/

/**
 * A cell as the analyst typed it: dates as YYYY-MM-DD (the UTC day the reader gives them), whole numbers
 * without exponent or decimals, booleans as Excel shows them, empty cells as ''.
 */
export function cellText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell)
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE'
  return MIDNIGHT_ISO.exec(cell)?.[1] ?? cell
}

export function isBlankCell(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
}

export function isBlankRow(cells: CellValue[]): boolean {
  return cells.every(isBlankCell)
}
