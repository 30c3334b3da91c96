// The xlsx a Truora batch reads: one sheet, row 1 = input names in the batch's column order, one row per
// check (docs/truora-api.md decision 5). Written with the streaming writer, then read back and checked,
// because the upload link takes a single file and a bad one costs a whole batch. It is built in memory: the
// people in it never reach the disk unencrypted (the engine keeps a sealed copy).
import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { cellText } from '../xlsx-cell-text'

export interface BatchFileRow {
  /** Input name -> value. */
  values: Record<string, string>
}

export async function writeBatchFile(columns: string[], rows: BatchFileRow[]): Promise<Buffer> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false
  })
  const sheet = workbook.addWorksheet('checks')
  sheet.addRow(columns).commit()
  for (const row of rows) sheet.addRow(columns.map((column) => row.values[column] ?? '')).commit()
  sheet.commit()
  await workbook.commit()
  const bytes = Buffer.concat(chunks)
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

/** One row of Truora's batch report: header -> the cell as text. */
export type ReportRow = Record<string, string>

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
function csvRecords(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      record.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += char
  }
  if (field !== '' || record.length > 0) records.push([...record, field])
  return records.filter((r) => r.some((cell) => cell.trim() !== ''))
}

/**
 * Reads Truora's batch report, xlsx or csv (its columns are not documented: the first row is taken as the
 * header, whatever it holds). Empty when the file holds no rows.
 */
export async function readBatchReport(bytes: Buffer): Promise<ReportRow[]> {
  let table: string[][]
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    table = []
    sheet?.eachRow((row) => {
      const cells: string[] = []
      for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value))
      table.push(cells)
    })
  } else table = csvRecords(bytes.toString('utf8').replace(/^\uFEFF/, ''))
  const [header, ...rows] = table
  if (!header) return []
  const names = header.map((name) => name.trim())
  return rows.map((cells) => Object.fromEntries(names.map((name, i) => [name, (cells[i] ?? '').trim()])))
}
