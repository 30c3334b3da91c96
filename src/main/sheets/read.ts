// Opens a spreadsheet of any supported format as a sequence of sheets of rows, finds each sheet's header row,
// and lists sheets with counts and a preview for the import screen and `lote inspect`.
import { basename } from 'node:path'
import { isBlankRow } from '../../shared/sheets/cells'
import {
  detectHeaderRow,
  HEADER_SEARCH_ROWS,
  MAPPING_SAMPLE_ROWS,
  uniqueHeaders
} from '../../shared/sheets/mapping'
import { chooseDataSheet } from '../../shared/sheets/sheet-choice'
import type { CellValue, SheetInfo, WorkbookInfo } from '../../shared/sheets/types'
import { detectDialect, readCsv, type CsvDialect, type CsvEncoding } from './csv'
import { DEFAULT_LIMITS, SheetError, sheetErrors, type SheetLimits } from './errors'
import { detectFormat, type DetectedFormat } from './format'
import { XlsxWorkbook, type RawRow, type SheetListing, type SheetStream } from './xlsx'

export type { RawRow, SheetStream } from './xlsx'

export interface OpenOptions {
  limits?: Partial<SheetLimits>
  signal?: AbortSignal
  /** Hears how far into the file reading has got, in bytes (for progress). */
  onBytes?: (bytes: number) => void
  /** csv only: the text encoding the analyst chose; required when the file is not UTF-8. */
  encoding?: CsvEncoding
}

export interface OpenedSpreadsheet {
  file: string
  format: DetectedFormat
  bytes: number
  limits: SheetLimits
  dialect?: CsvDialect
  /** Sheets in tab order; a sheet's rows are read only when iterated. Returning it closes the file. */
  sheets(): AsyncGenerator<SheetStream>
  /** All sheets in tab order with their hidden flag. */
  listing(): SheetListing[]
}

export async function openSpreadsheet(file: string, options: OpenOptions = {}): Promise<OpenedSpreadsheet> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const { format, bytes } = await detectFormat(file, limits)
  if (format === 'csv') {
    const dialect = await detectDialect(file, bytes, options.encoding)
    const name = basename(file).replace(/\.[^.]+$/, '')
    return {
      file,
      format,
      bytes,
      limits,
      dialect,
      async *sheets() {
        yield { name, index: 0, hidden: false, rows: readCsv(file, dialect, limits, options.onBytes) }
      },
      listing: () => [{ name, hidden: false }]
    }
  }
  const workbook = await XlsxWorkbook.open(file, limits, bytes)
  return {
    file,
    format,
    bytes,
    limits,
    async *sheets() {
      try {
        for (const sheet of workbook.sheets(options.onBytes))
          yield { ...sheet, rows: guarded(file, sheet.rows) }
      } finally {
        workbook.close()
      }
    },
    listing: () => workbook.listing()
  }
}

async function* guarded(file: string, rows: AsyncIterable<RawRow[]>): AsyncGenerator<RawRow[]> {
  try {
    yield* rows
  } catch (error) {
    throw asSheetError(file, error)
  }
}

/** Any failure while reading becomes a SheetError that names the file. */
export function asSheetError(file: string, error: unknown): SheetError {
  if (error instanceof SheetError) return error
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return sheetErrors.notFound(file)
  return sheetErrors.corrupt(file, error)
}

export interface ScannedSheet {
  headerRow: number | null
  headers: string[]
  /** Whether a non-blank row was seen below the header row (or reading stopped before the sheet's end). */
  hasRows: boolean
  /** Stops reading the sheet (its rows are not wanted after all). */
  close(): Promise<void>
  /** Data rows (non-blank, below the header) in batches, cells aligned with headers; read lazily. */
  rows: AsyncGenerator<RawRow[]>
}

/** Checks a header row given by the caller before anything is read. */
export function checkHeaderRow(file: string, headerRow: number | undefined): void {
  if (headerRow !== undefined && (!Number.isSafeInteger(headerRow) || headerRow < 1))
    throw sheetErrors.headerRowNotARow(file, headerRow)
}

/**
 * Finds the header row among the first rows and returns the rest as data rows. Blank rows are dropped;
 * the row limit counts data rows. With `headerRow` (1-based sheet row) that row holds the headers instead
 * of the detected one, and the rows above it are skipped.
 */
export async function scanSheet(
  file: string,
  sheet: SheetStream,
  limits: SheetLimits,
  signal?: AbortSignal,
  headerRow?: number
): Promise<ScannedSheet> {
  checkHeaderRow(file, headerRow)
  const iterator = sheet.rows[Symbol.asyncIterator]()
  const head: RawRow[] = []
  let exhausted = false
  let lastRow = 0
  while (head.length < HEADER_SEARCH_ROWS) {
    const next = await iterator.next()
    if (next.done) {
      exhausted = true
      break
    }
    for (const row of next.value) {
      if (isBlankRow(row.cells)) continue
      lastRow = row.row
      if (headerRow === undefined || row.row >= headerRow) head.push(row)
    }
  }
  let headerIndex: number | null
  if (headerRow === undefined)
    headerIndex = detectHeaderRow(head.slice(0, HEADER_SEARCH_ROWS).map((row) => row.cells))
  else if (head.length === 0) {
    if (lastRow === 0) throw sheetErrors.noData(file, sheet.name)
    throw sheetErrors.headerRowBeyondData(file, sheet.name, headerRow, lastRow)
  } else if (head[0].row !== headerRow) throw sheetErrors.headerRowEmpty(file, sheet.name, headerRow)
  else headerIndex = 0
  const close = async () => void (await iterator.return?.())
  if (headerIndex === null) {
    await close()
    return { headerRow: null, headers: [], hasRows: false, close, rows: (async function* () {})() }
  }
  const headerCells = head[headerIndex].cells
  const buffered = head.slice(headerIndex + 1)
  const width = Math.max(lastFilled(headerCells), ...buffered.map((row) => lastFilled(row.cells))) + 1
  const headers = uniqueHeaders(Array.from({ length: width }, (_, i) => headerCells[i] ?? null))
  let count = 0
  const accept = (batch: RawRow[]): RawRow[] => {
    if (signal?.aborted) throw sheetErrors.aborted(file)
    const accepted: RawRow[] = []
    for (const row of batch) {
      if (isBlankRow(row.cells)) continue
      if (++count > limits.maxRows) throw sheetErrors.tooManyRows(file, limits.maxRows)
      accepted.push({ row: row.row, cells: fit(row.cells, width) })
    }
    return accepted
  }
  async function* rows(): AsyncGenerator<RawRow[]> {
    const first = accept(buffered)
    if (first.length > 0) yield first
    if (exhausted) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      const batch = accept(next.value)
      if (batch.length > 0) yield batch
    }
  }
  const hasRows = buffered.length > 0 || !exhausted
  return { headerRow: head[headerIndex].row, headers, hasRows, close, rows: rows() }
}

function lastFilled(cells: CellValue[]): number {
  for (let i = cells.length - 1; i >= 0; i--) {
    const cell = cells[i]
    if (cell !== null && !(typeof cell === 'string' && cell.trim() === '')) return i
  }
  return -1
}

function fit(cells: CellValue[], width: number): CellValue[] {
  if (cells.length === width) return cells
  const fitted = cells.slice(0, width)
  while (fitted.length < width) fitted.push(null)
  return fitted
}

export interface InspectOptions extends OpenOptions {
  /** List hidden sheets with their contents too (they are always named in `hiddenSheets`). */
  includeHidden?: boolean
  /** Only this sheet is read in full; the others are listed by name. */
  sheet?: string
  /**
   * 1-based sheet row that holds the headers, instead of the detected one (rows above it are skipped). Meant
   * with `sheet`; without it, it applies to every sheet read.
   */
  headerRow?: number
  previewRows?: number
}

/** Sheets, header rows, row counts and previews, in one pass over the file. */
export async function inspectSpreadsheet(file: string, options: InspectOptions = {}): Promise<WorkbookInfo> {
  checkHeaderRow(file, options.headerRow)
  const opened = await openSpreadsheet(file, options)
  // The preview is also what the suggested mapping looks at.
  const previewRows = options.previewRows ?? MAPPING_SAMPLE_ROWS
  const sheets: SheetInfo[] = []
  for await (const sheet of opened.sheets()) {
    if (sheet.hidden && !options.includeHidden && options.sheet !== sheet.name) continue
    if (options.sheet !== undefined && options.sheet !== sheet.name) continue
    const scanned = await scanSheet(file, sheet, opened.limits, options.signal, options.headerRow)
    const preview: CellValue[][] = []
    let rowCount = 0
    for await (const batch of scanned.rows) {
      for (const row of batch) if (preview.length < previewRows) preview.push(row.cells)
      rowCount += batch.length
    }
    sheets.push({
      name: sheet.name,
      index: sheet.index,
      hidden: sheet.hidden,
      headerRow: scanned.headerRow,
      headers: scanned.headers,
      rowCount,
      preview
    })
  }
  const listing = opened.listing()
  if (options.sheet !== undefined && sheets.length === 0)
    throw sheetErrors.sheetNotFound(
      file,
      options.sheet,
      listing.map((sheet) => sheet.name)
    )
  if (opened.format === 'xlsx' && listing.length === 0)
    throw sheetErrors.corrupt(file, new Error('the workbook lists no sheets'))
  sheets.sort((a, b) => a.index - b.index)
  const dialect = opened.dialect
  return {
    file,
    format: opened.format,
    bytes: opened.bytes,
    sheets,
    dataSheet:
      options.sheet ?? chooseDataSheet(sheets.map((sheet) => ({ ...sheet, hasRows: sheet.rowCount > 0 }))),
    hiddenSheets: listing.filter((sheet) => sheet.hidden).map((sheet) => sheet.name),
    ...(dialect ? { encoding: dialect.encoding, delimiter: dialect.delimiter } : {}),
    ...(dialect?.unconfirmed ? { encodingNeeded: dialect.unconfirmed } : {})
  }
}
