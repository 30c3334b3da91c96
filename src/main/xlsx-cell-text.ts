// A worksheet cell as the text a person typed: dates as YYYY-MM-DD, formulas by their result, rich text
// flattened. Shared by the Sandbox (reading uploaded batch files) and the Truora-batch engine (reading reports).
import type ExcelJS from 'exceljs'

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    return ''
  }
  return String(value)
}
