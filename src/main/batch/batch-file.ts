// The xlsx a Truora batch reads: one sheet, row 1 = input names in the batch's column order, one row per
// check (docs/truora-api.md decision 5). Written with the streaming writer, then read back and checked,
// because the upload link takes a single file and a bad one costs a whole batch.
import ExcelJS from 'exceljs'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface BatchFileRow {
  /** Input name -> value. */
  values: Record<string, string>
}

export async function writeBatchFile(path: string, columns: string[], rows: BatchFileRow[]): Promise<Buffer> {
  mkdirSync(dirname(path), { recursive: true })
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: false
  })
  const sheet = workbook.addWorksheet('checks')
  sheet.addRow(columns).commit()
  for (const row of rows) sheet.addRow(columns.map((column) => row.values[column] ?? '')).commit()
  sheet.commit()
  await workbook.commit()
  const bytes = readFileSync(path)
  await verifyBatchFile(bytes, columns, rows.length)
  return bytes
}

/** Reads the file back as Truora will: the header must be the columns, and every row must be there. */
export async function verifyBatchFile(bytes: Buffer, columns: string[], rowCount: number): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new Error('The batch file has no sheet.')
  const header = columns.map((_, index) => String(sheet.getRow(1).getCell(index + 1).value ?? ''))
  if (header.join('\u0000') !== columns.join('\u0000'))
    throw new Error(`The batch file's header is "${header.join(', ')}" instead of "${columns.join(', ')}".`)
  const rows = sheet.actualRowCount - 1
  if (rows !== rowCount) throw new Error(`The batch file holds ${rows} rows instead of ${rowCount}.`)
}
