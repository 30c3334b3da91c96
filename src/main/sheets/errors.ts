// The one error type of spreadsheet reading: a code for programs, a message for the analyst.
import { basename } from 'node:path'
import { MAX_SHEET_COLUMNS } from '../../shared/sheets/types'

import type { SheetErrorCode } from '../../shared/sheets/types'

export type { SheetErrorCode }

export class SheetError extends Error {
  override readonly name = 'SheetError'

  constructor(
    readonly code: SheetErrorCode,
    /** The file as given; messages name only its base name. */
    readonly file: string,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/**
 * What a file may hold before reading stops. Each is checked as the file streams, so a crafted file is refused
 * long before it costs much memory or time (docs/import.md, "Limits").
 */
export interface SheetLimits {
  /** Size of the file on disk. */
  maxBytes: number
  /** Data rows of the sheet read (blank rows not counted). */
  maxRows: number
  /** Bytes inflated from the zip, all parts together: what a small zip can expand to. */
  maxInflatedBytes: number
  /** Inflated size of each part read whole (workbook, relationships, styles). */
  maxPartBytes: number
  /** Entries in the shared string table, and their characters all together. */
  maxSharedStrings: number
  maxSharedStringChars: number
  /** Characters in one cell; Excel's own limit is 32,767. */
  maxCellChars: number
  /** Rows a sheet may number (blank ones too); Excel's own limit is 1,048,576. */
  maxSheetRows: number
  /** Columns a row may reach. */
  maxColumns: number
  /** Entries in the zip. */
  maxZipEntries: number
}

export const DEFAULT_LIMITS: SheetLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxRows: 1_000_000,
  maxInflatedBytes: 1024 * 1024 * 1024,
  maxPartBytes: 64 * 1024 * 1024,
  maxSharedStrings: 4_000_000,
  maxSharedStringChars: 64 * 1024 * 1024,
  maxCellChars: 32_767,
  maxSheetRows: 1_048_576,
  maxColumns: MAX_SHEET_COLUMNS,
  maxZipEntries: 10_000
}

export type SheetLimitName = Exclude<keyof SheetLimits, 'maxBytes' | 'maxRows'>

/** How each limit is named to the analyst, and what to do about it. */
const LIMIT_TEXT: Record<SheetLimitName, { what: (limit: number) => string; fix: string }> = {
  maxInflatedBytes: {
    what: (limit) => `more than ${megabytes(limit)} once uncompressed`,
    fix: 'Split it into smaller files, or save the data sheet alone as .csv.'
  },
  maxPartBytes: {
    what: (limit) => `a workbook part larger than ${megabytes(limit)} once uncompressed`,
    fix: 'Open it in Excel, copy the data to a new workbook and save that.'
  },
  maxSharedStrings: {
    what: (limit) => `more than ${limit.toLocaleString('en')} different texts`,
    fix: 'Split it into smaller files and import them one by one.'
  },
  maxSharedStringChars: {
    what: (limit) => `more than ${(limit / 1024 / 1024).toLocaleString('en')} million characters of text`,
    fix: 'Split it into smaller files and import them one by one.'
  },
  maxCellChars: {
    what: (limit) => `a cell longer than ${limit.toLocaleString('en')} characters, more than Excel allows`,
    fix: 'Open it in Excel and save it again, or remove that cell.'
  },
  maxSheetRows: {
    what: (limit) => `rows numbered beyond ${limit.toLocaleString('en')}, more than Excel allows`,
    fix: 'Open it in Excel, copy the data to a new workbook and save that.'
  },
  maxColumns: {
    what: (limit) => `values beyond column ${limit.toLocaleString('en')}`,
    fix: 'Delete the columns to the right of the data (or the stray values there) and save it again.'
  },
  maxZipEntries: {
    what: (limit) => `more than ${limit.toLocaleString('en')} parts inside`,
    fix: 'Open it in Excel and save it again as .xlsx.'
  }
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`
}

/** The analyst-facing message of each error: which file, what happened, what to do. */
export const sheetErrors = {
  notFound: (file: string) =>
    new SheetError('not-found', file, `"${basename(file)}" does not exist. Check the path and try again.`),
  unreadable: (file: string, cause: unknown) =>
    new SheetError(
      'unreadable',
      file,
      `"${basename(file)}" cannot be opened (${(cause as Error).message}). Close it in other programs, check its permissions and try again.`,
      { cause }
    ),
  empty: (file: string) =>
    new SheetError(
      'empty',
      file,
      `"${basename(file)}" is empty. Choose the file that holds the rows to check.`
    ),
  tooLarge: (file: string, bytes: number, limit: number) =>
    new SheetError(
      'too-large',
      file,
      `"${basename(file)}" is ${megabytes(bytes)}, over the limit of ${megabytes(limit)}. Split it into smaller files and import them one by one.`
    ),
  tooManyRows: (file: string, limit: number) =>
    new SheetError(
      'too-many-rows',
      file,
      `"${basename(file)}" has more than ${limit.toLocaleString('en')} rows. Split it into smaller files and import them one by one.`
    ),
  passwordProtected: (file: string) =>
    new SheetError(
      'password-protected',
      file,
      `"${basename(file)}" is protected with a password, so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook), save it and import it again.`
    ),
  corrupt: (file: string, cause?: unknown) =>
    new SheetError(
      'corrupt',
      file,
      `"${basename(file)}" is damaged or is not really an Excel file${cause instanceof Error ? ` (${cause.message})` : ''}. Open it in Excel and save it again as .xlsx, or export it as .csv.`,
      { cause }
    ),
  unsupported: (file: string, kind: string) =>
    new SheetError(
      'unsupported-format',
      file,
      `"${basename(file)}" is ${kind}, which Lote cannot read. Open it in Excel (or LibreOffice) and save it as .xlsx or .csv.`
    ),
  /**
   * .xls and .ods are refused, not read: no maintained reader without open security advisories exists for
   * them on npm (docs/import.md, "Legacy formats"). The message says exactly how to convert.
   */
  legacy: (file: string, kind: string) =>
    new SheetError(
      'unsupported-format',
      file,
      `"${basename(file)}" is ${kind}, a format Lote does not read. Save it as .xlsx and import that: in Excel, File > Save As > "Excel Workbook (*.xlsx)"; in LibreOffice Calc, File > Save As > "Excel 2007-365 (.xlsx)" (or, from a terminal, soffice --headless --convert-to xlsx "${basename(file)}"); in Google Sheets, File > Import the file, then File > Download > Microsoft Excel (.xlsx).`
    ),
  sheetNotFound: (file: string, sheet: string, available: string[]) =>
    new SheetError(
      'sheet-not-found',
      file,
      `"${basename(file)}" has no sheet named "${sheet}". Its sheets are: ${available.map((name) => `"${name}"`).join(', ') || 'none'}.`
    ),
  noData: (file: string, sheet: string) =>
    new SheetError(
      'no-data',
      file,
      `Sheet "${sheet}" of "${basename(file)}" has no rows. Choose the sheet that holds the data.`
    ),
  noVisibleData: (file: string, sheet: string, hidden: string[]) =>
    new SheetError(
      'no-data',
      file,
      hidden.length === 0
        ? `"${basename(file)}" has no rows to check: sheet "${sheet}" is empty. Choose the file that holds the data.`
        : `No visible sheet of "${basename(file)}" has rows to check. It also has hidden sheets (${hidden.map((name) => `"${name}"`).join(', ')}), which Lote reads only when you choose one: pick it in the Sheet step, or pass --sheet NAME.`
    ),
  headerRowNotARow: (file: string, row: number) =>
    new SheetError(
      'header-row-invalid',
      file,
      `The header row of "${basename(file)}" must be a row number (1 is the first row), not ${row}.`
    ),
  headerRowBeyondData: (file: string, sheet: string, row: number, lastRow: number) =>
    new SheetError(
      'header-row-invalid',
      file,
      `Sheet "${sheet}" of "${basename(file)}" has no data at or below row ${row}: its last row with data is ${lastRow}. Choose the row that holds the column names, between 1 and ${lastRow}.`
    ),
  headerRowEmpty: (file: string, sheet: string, row: number) =>
    new SheetError(
      'header-row-invalid',
      file,
      `Row ${row} of sheet "${sheet}" of "${basename(file)}" is empty. Choose the row that holds the column names.`
    ),
  limitExceeded: (file: string, limit: SheetLimitName, value: number, where?: string) =>
    new SheetError(
      'limit-exceeded',
      file,
      `"${basename(file)}" has ${LIMIT_TEXT[limit].what(value)}${where ? ` (${where})` : ''}, so Lote stopped reading it. ${LIMIT_TEXT[limit].fix}`
    ),
  textRun: (file: string, limit: number, part: string) =>
    new SheetError(
      'limit-exceeded',
      file,
      `"${basename(file)}" holds more than ${limit.toLocaleString('en')} characters in a row without any markup (in ${part}), which no spreadsheet program writes, so Lote stopped reading it. Open it in Excel and save it again as .xlsx.`
    ),
  outOfMemory: (file: string, megabytesAllowed: number) =>
    new SheetError(
      'limit-exceeded',
      file,
      `Reading "${basename(file)}" needed more than the ${megabytesAllowed} MB of memory Lote gives to reading one file, so it was stopped. Split it into smaller files, or save the data sheet alone as .csv.`
    ),
  unsafeXml: (file: string, part: string) =>
    new SheetError(
      'unsafe-xml',
      file,
      `"${basename(file)}" declares its own XML entities (in ${part}). Excel never writes them; they are used to make programs expand text without end ("billion laughs") or read other files (XXE), so Lote does not read this file. Open it in Excel and save it again as .xlsx.`
    ),
  encodingNeeded: (file: string, samples: { encoding: string; text: string }[]) =>
    new SheetError(
      'encoding-needed',
      file,
      `"${basename(file)}" is not UTF-8 text, so its accents depend on which encoding it was saved in. Read as ${samples.map((sample) => `${sample.encoding} it starts "${sample.text}"`).join('; as ')}. Choose the one that reads right (lote: --encoding ${samples.map((sample) => sample.encoding).join('|')}).`
    ),
  aborted: (file: string) => new SheetError('aborted', file, `Reading "${basename(file)}" was cancelled.`)
}
