// Types shared by the spreadsheet reader (main), the import worker, the batch engine and the renderer.
import type { Country, InputName } from '../checks/inputs'
import type { EvidenceKind } from './evidence'

/** One cell as read from a sheet: dates stay dates, numbers stay numbers, everything else is text. */
export type CellValue = string | number | boolean | Date | null

export type SpreadsheetFormat = 'xlsx' | 'csv'

/** Text encodings of a csv: found from the bytes (UTF-8, its BOM, UTF-16) or chosen by the analyst. */
export const CSV_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-15', 'macintosh', 'utf-16le'] as const
/** An encoding the analyst can choose. */
export type ChosenEncoding = (typeof CSV_ENCODINGS)[number]
export type CsvEncoding = ChosenEncoding | 'utf-8-bom' | 'utf-16be'

/** How the start of a csv that is not UTF-8 reads in one candidate encoding. */
export interface EncodingSample {
  encoding: ChosenEncoding
  text: string
}

/** One sheet of a workbook as the import flow shows it before mapping. */
export interface SheetInfo {
  name: string
  /** Position in the workbook, 0-based. */
  index: number
  /** Hidden or very hidden in Excel; skipped unless asked for. */
  hidden: boolean
  /** 1-based sheet row holding the headers, or null when the sheet has no data. */
  headerRow: number | null
  /** Column labels, unique and non-empty (a blank header becomes "Column C", a repeated one "Name (2)"). */
  headers: string[]
  /** Non-empty rows below the header row. */
  rowCount: number
  /** The first rows below the header row, aligned with `headers`. */
  preview: CellValue[][]
}

export interface WorkbookInfo {
  file: string
  format: SpreadsheetFormat
  bytes: number
  /** Visible sheets (and hidden ones when asked for), in workbook order. */
  sheets: SheetInfo[]
  /** The sheet that holds the data (chooseDataSheet, or the one asked for); null when no visible sheet has rows. */
  dataSheet: string | null
  /** Names of hidden sheets, listed even when they are skipped. */
  hiddenSheets: string[]
  /** csv only: the text encoding and delimiter found. */
  encoding?: CsvEncoding
  delimiter?: ',' | ';' | '\t'
  /**
   * csv only: the bytes are not UTF-8 and no encoding was chosen. The rows shown were decoded as Windows-1252
   * for display; the analyst must choose an encoding (each sample shows the first line with accents in it)
   * before the file is imported.
   */
  encodingNeeded?: EncodingSample[]
}

/**
 * What a column can feed: a create-check input; the row's country or check type (mixed batches); the row's
 * document type, which routes its document number to national_id, foreign_id, ptp...; or a full name, split
 * into first_name and last_name where the check needs names.
 */
export type MappingTarget = InputName | 'country' | 'type' | 'document_type' | 'full_name'

export type MatchKind = 'saved' | 'exact' | 'token' | 'fuzzy' | 'values' | 'none'

/** Why a column was matched (or not), for the analyst to judge. */
export type MappingReason =
  | { kind: 'saved' }
  | { kind: 'header'; match: 'exact' | 'token' | 'fuzzy'; synonym: string }
  /** `share` of the sampled values look like `evidence` (valid CPFs, dates, document types...). */
  | { kind: 'values'; evidence: EvidenceKind; share: number }
  /** The header suggested `target`, but `share` of the values look like `evidence`: not used. */
  | { kind: 'contradicted'; target: MappingTarget; evidence: EvidenceKind; share: number }
  /** The header suggested `target`, which the chosen country and check kind do not take. */
  | { kind: 'not-taken'; target: MappingTarget }
  /** The header suggested the check type, but the values are not check types. */
  | { kind: 'not-check-types'; target: MappingTarget }

/** The suggestion for one column, with the runner-up targets the analyst may prefer. */
export interface MappingSuggestion {
  column: number
  header: string
  target: MappingTarget | null
  /** 0..1: 1 for a saved or exact match, lower for token and fuzzy matches. */
  confidence: number
  match: MatchKind
  /** Why, in order: header words, what the values look like, matches set aside. */
  reasons: MappingReason[]
  alternatives: { target: MappingTarget; confidence: number }[]
}

/** A confirmed mapping: which column feeds which target, and batch-wide values where no column gives them. */
export interface ColumnMapping {
  /** Column labels as in SheetInfo.headers; index = column position. */
  headers: string[]
  /** Target of each column (same length as headers); null = ignored. */
  targets: (MappingTarget | null)[]
  defaults: { country?: Country; type?: string }
}

export type IssueLevel = 'error' | 'warning' | 'info'

export type IssueCode =
  | 'required-missing'
  | 'alternative-missing'
  | 'unsupported-check'
  | 'country-missing'
  | 'country-unknown'
  | 'type-missing'
  | 'type-custom'
  | 'document-type-unknown'
  | 'document-type-unsupported'
  | 'name-not-split'
  | 'custom-type-kind-unknown'
  | 'document-letters'
  | 'document-length'
  | 'document-check-digit'
  | 'document-pattern'
  | 'document-zeros-restored'
  | 'document-verifier-removed'
  | 'number-precision-lost'
  | 'plate-pattern'
  | 'date-invalid'
  | 'date-future'
  | 'date-ambiguous'
  | 'date-implausible-age'
  | 'date-too-old'
  | 'phone-invalid'
  | 'phone-country-unknown'
  | 'text-too-long'
  | 'name-has-digits'
  | 'value-not-allowed'
  | 'imei-invalid'
  | 'vin-invalid'
  | 'duplicate-row'
  | 'row-excluded'

/** One thing wrong (or worth knowing) about one cell or row; `message` and `fix` are English. */
export interface RowIssue {
  /** 1-based sheet row, as the analyst sees it in Excel. */
  row: number
  /** Original header of the column, or null when the issue concerns the row or an unmapped input. */
  column: string | null
  input: MappingTarget | null
  /** The value as written in the file ('' when empty). */
  value: string
  code: IssueCode
  /** Parameters of the message, for translation. */
  params: Record<string, string | number>
  message: string
  fix: string
  level: IssueLevel
}

export type RowStatus = 'ok' | 'warning' | 'error' | 'excluded'

export interface ImportedRow {
  row: number
  /** Original cell values keyed by header. */
  cells: Record<string, CellValue>
  /** Normalised inputs ready for the create-check request. */
  inputs: Partial<Record<InputName, string>>
  country: Country | null
  type: string | null
  issues: RowIssue[]
  status: RowStatus
}

export interface IssueExample {
  row: number
  column: string | null
  message: string
}

export interface ImportSummary {
  rows: number
  byStatus: Record<RowStatus, number>
  byLevel: Record<IssueLevel, number>
  /** Issue count per code, with its level and up to a few examples. */
  byCode: Partial<Record<IssueCode, { level: IssueLevel; count: number; examples: IssueExample[] }>>
}

export interface ImportProgress {
  rows: number
  bytesRead: number
  totalBytes: number
  /** 0..1 estimate from bytes read. */
  fraction: number
}

/** Columns a sheet may have for Lote to read it (values further right are refused), and a mapping may list. */
export const MAX_SHEET_COLUMNS = 1024

/** Why a spreadsheet could not be read: the code the analyst's app translates (`errors.file.<code>`). */
export const SHEET_ERROR_CODES = [
  'not-found',
  'unreadable',
  'empty',
  'too-large',
  'too-many-rows',
  'password-protected',
  'corrupt',
  'unsupported-format',
  'sheet-not-found',
  'no-data',
  'header-row-invalid',
  'limit-exceeded',
  'unsafe-xml',
  'encoding-needed',
  'aborted'
] as const
export type SheetErrorCode = (typeof SHEET_ERROR_CODES)[number]
