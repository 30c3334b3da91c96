// A worksheet cell read with exceljs as the text a person typed, by the one rule for cells (shared/sheets/cells):
// formulas by their result, rich text and links flattened. Shared by the Sandbox (reading uploaded batch files)
// and the Truora-batch engine (reading reports).
import type ExcelJS from 'exceljs'
import { cellText as sharedCellText } from '../shared/sheets/cells'
import type { CellValue } from '../shared/sheets/types'

/** What exceljs gives for a cell, as the cell values the rest of Lote reads. */
function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null
  if (value instanceof Date || typeof value !== 'object') return value
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('text' in value && typeof value.text === 'string') return value.text
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue)
  return null
}

export function cellText(value: ExcelJS.CellValue): string {
  return sharedCellText(cellValue(value))
}
