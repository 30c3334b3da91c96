// When the sheet step has nothing to ask, so the wizard passes it: a rule read from the file's sheets, kept
// apart from the state and the screen that show it.
import type { WorkbookInfo } from '../../../../shared/sheets/types'
import { recognisedColumns } from '../../../../shared/sheets/sheet-choice'

/**
 * Whether the sheet step has nothing to decide: one sheet with rows (the one the import takes), no encoding to
 * choose, and a header row whose headers Lote recognises as check inputs.
 */
export function nothingToDecide(workbook: WorkbookInfo): boolean {
  if (workbook.encodingNeeded) return false
  const withRows = workbook.sheets.filter((s) => s.rowCount > 0)
  if (withRows.length !== 1 || withRows[0].name !== workbook.dataSheet) return false
  const sheet = withRows[0]
  return sheet.headerRow !== null && recognisedColumns(sheet.headers) > 0
}
