// The one error type of spreadsheet reading: a code for programs, a message for the analyst.
import { basename } from 'node:path'

export type SheetErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'too-large'
  | 'too-many-rows'
  | 'password-protected'
  | 'corrupt'
  | 'unsupported-format'
  | 'sheet-not-found'
  | 'no-data'
  | 'header-row-invalid'
  | 'aborted'

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

export interface SheetLimits {
  maxBytes: number
  maxRows: number
}

export const DEFAULT_LIMITS: SheetLimits = { maxBytes: 200 * 1024 * 1024, maxRows: 1_000_000 }

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
  aborted: (file: string) => new SheetError('aborted', file, `Reading "${basename(file)}" was cancelled.`)
}
