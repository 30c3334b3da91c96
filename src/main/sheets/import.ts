// The import pipeline: read -> map -> normalise -> validate, streaming one sheet row by row, with throttled
// progress and cancellation. `importSpreadsheet` runs it in the calling thread; `runImportInWorker`
// (workers.ts) runs the same pipeline in worker threads so the app's main process stays responsive.
import { DATE_INPUTS, type CustomTypeKinds, type InputName } from '../../shared/checks/inputs'
import { cellText } from '../../shared/sheets/cells'
import { settleDateColumns } from '../../shared/sheets/dates'
import { parseCountry } from '../../shared/sheets/values'
import {
  MAPPING_SAMPLE_ROWS,
  mappingFromSuggestions,
  mappingProblems,
  suggestMapping
} from '../../shared/sheets/mapping'
import { SummaryBuilder } from '../../shared/sheets/summary'
import type {
  ColumnMapping,
  ImportProgress,
  ImportSummary,
  ImportedRow,
  MappingSuggestion,
  MappingTarget,
  SpreadsheetFormat
} from '../../shared/sheets/types'
import { RowValidator, type DateColumnDecision } from '../../shared/sheets/validate'
import { chooseDataSheet, type SheetCandidate } from '../../shared/sheets/sheet-choice'
import type { CsvEncoding } from './csv'
import { confirmEncoding } from './csv'
import { SheetError, sheetErrors, type SheetLimits } from './errors'
import {
  checkHeaderRow,
  openSpreadsheet,
  scanSheet,
  type RawRow,
  type ScannedSheet,
  type SheetStream
} from './read'

export interface ImportOptions {
  /** Sheet to import; by default the one chooseDataSheet picks (a hidden sheet only when named). */
  sheet?: string
  /**
   * 1-based sheet row that holds the headers, instead of the detected one; rows above it are skipped. Without
   * `sheet`, the first visible sheet that has data at that row and maps is taken.
   */
  headerRow?: number
  /** The analyst's confirmed mapping; columns are matched by header. Without it the suggestion is used. */
  mapping?: ColumnMapping
  /** Batch-wide country and type (used where no column gives them); overrides mapping.defaults when set. */
  defaults?: ColumnMapping['defaults']
  /** A saved mapping by normalised header (SavedMappings.find), used when no mapping is given. */
  saved?: Record<string, MappingTarget | null>
  limits?: Partial<SheetLimits>
  /** csv only: the analyst's choice of text encoding, required when the file is not UTF-8. */
  encoding?: CsvEncoding
  signal?: AbortSignal
  /** Today, for date checks. */
  now?: Date
  /** What the account's custom types check, for validating their rows (see RowValidatorOptions). */
  customTypeKinds?: CustomTypeKinds
  /** Rows per onRows call. */
  chunkSize?: number
  /** At most one progress report per this many milliseconds. */
  progressIntervalMs?: number
  onProgress?: (progress: ImportProgress) => void
  /** Receives the rows in order, in chunks; the pipeline waits for a returned promise (back-pressure). */
  onRows?: (rows: ImportedRow[]) => void | Promise<void>
}

export interface ImportResult {
  file: string
  format: SpreadsheetFormat
  sheet: string
  headerRow: number
  headers: string[]
  suggestions: MappingSuggestion[]
  mapping: ColumnMapping
  /** How slash dates were read in each date column (by column index). */
  dateColumns: Record<number, DateColumnDecision>
  summary: ImportSummary
}

/** Rows read before the date order of each column is decided; they are validated right after. */
const DATE_SAMPLE_ROWS = 2000

/** Lines the confirmed mapping up with this sheet's columns, by header. */
function alignMapping(
  mapping: ColumnMapping,
  headers: string[],
  defaults: ColumnMapping['defaults']
): ColumnMapping {
  const byHeader = new Map(mapping.headers.map((header, i) => [header, mapping.targets[i] ?? null]))
  return { headers, targets: headers.map((header) => byHeader.get(header) ?? null), defaults }
}

/**
 * The sheet named in `options.sheet`, or the one chooseDataSheet picks among the visible sheets (each read
 * only as far as its header row). Sheets passed over are closed.
 */
async function chooseSheet(
  file: string,
  sheets: AsyncGenerator<SheetStream>,
  options: ImportOptions,
  limits: SheetLimits,
  listing: { name: string; hidden: boolean }[]
): Promise<{ sheet: SheetStream; scanned: ScannedSheet }> {
  if (options.sheet !== undefined && !listing.some((sheet) => sheet.name === options.sheet))
    throw sheetErrors.sheetNotFound(
      file,
      options.sheet,
      listing.map((sheet) => sheet.name)
    )
  let best: { sheet: SheetStream; scanned: ScannedSheet; candidate: SheetCandidate } | null = null
  let unusable: SheetError | null = null
  let first: string | null = null
  for await (const sheet of sheets) {
    if (options.sheet !== undefined) {
      if (sheet.name !== options.sheet) continue
      return { sheet, scanned: await scanSheet(file, sheet, limits, options.signal, options.headerRow) }
    }
    if (sheet.hidden) continue
    first ??= sheet.name
    let scanned: ScannedSheet
    try {
      scanned = await scanSheet(file, sheet, limits, options.signal, options.headerRow)
    } catch (error) {
      // A header row the sheet does not have: look at the next sheet, and say so if none has it.
      if (!(error instanceof SheetError) || (error.code !== 'header-row-invalid' && error.code !== 'no-data'))
        throw error
      unusable ??= error.code === 'header-row-invalid' ? error : null
      continue
    }
    const candidate: SheetCandidate = { name: sheet.name, hidden: false, ...scanned }
    const kept = chooseDataSheet(best ? [best.candidate, candidate] : [candidate])
    if (kept === sheet.name) {
      await best?.scanned.close()
      best = { sheet, scanned, candidate }
    } else await scanned.close()
  }
  if (best) return best
  if (unusable) throw unusable
  const hidden = listing.filter((sheet) => sheet.hidden).map((sheet) => sheet.name)
  throw sheetErrors.noVisibleData(file, first ?? listing[0]?.name ?? 'first', hidden)
}

/** The sheet an import reads: chosen, its header row found, its data rows still to be read. */
export interface SheetSource {
  format: SpreadsheetFormat
  /** Size of the file. */
  totalBytes: number
  sheet: string
  headerRow: number
  headers: string[]
  /** Data rows in batches, cells aligned with headers. */
  rows: AsyncGenerator<RawRow[]>
  /** Bytes of the file read so far. */
  bytesRead(): number
  close(): Promise<void>
}

/** Opens the file and chooses the sheet (see ImportOptions.sheet and headerRow): the reading half. */
export async function openSheetSource(
  file: string,
  options: Pick<ImportOptions, 'sheet' | 'headerRow' | 'limits' | 'signal' | 'encoding'> = {}
): Promise<SheetSource> {
  if (options.signal?.aborted) throw sheetErrors.aborted(file)
  checkHeaderRow(file, options.headerRow)
  let bytesRead = 0
  const opened = await openSpreadsheet(file, {
    limits: options.limits,
    signal: options.signal,
    encoding: options.encoding,
    onBytes: (bytes) => (bytesRead = bytes)
  })
  confirmEncoding(file, opened.dialect)
  const sheets = opened.sheets()
  try {
    const { sheet, scanned } = await chooseSheet(file, sheets, options, opened.limits, opened.listing())
    if (scanned.headerRow === null) throw sheetErrors.noData(file, sheet.name)
    return {
      format: opened.format,
      totalBytes: opened.bytes,
      sheet: sheet.name,
      headerRow: scanned.headerRow,
      headers: scanned.headers,
      rows: scanned.rows,
      bytesRead: () => bytesRead,
      close: async () => {
        await scanned.close()
        await sheets.return(undefined)
      }
    }
  } catch (error) {
    await sheets.return(undefined)
    throw error
  }
}

export async function importSpreadsheet(file: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importFromSource(file, await openSheetSource(file, options), options)
}

/** Maps, normalises and validates the rows of a chosen sheet: the checking half. Closes the source. */
export async function importFromSource(
  file: string,
  source: SheetSource,
  options: ImportOptions = {}
): Promise<ImportResult> {
  const signal = options.signal
  try {
    const headers = source.headers
    // Read by hand: leaving a for-await loop early would close the row stream.
    const rows = source.rows
    const sample: RawRow[][] = []
    let sampled = 0
    while (sampled < DATE_SAMPLE_ROWS) {
      const next = await rows.next()
      if (next.done) break
      sample.push(next.value)
      sampled += next.value.length
    }
    const sampleRows = sample.flat()
    const defaults = { ...options.mapping?.defaults, ...options.defaults }
    const suggestions = suggestMapping(headers, {
      country: defaults.country,
      type: defaults.type,
      samples: sampleRows.slice(0, MAPPING_SAMPLE_ROWS).map((row) => row.cells),
      saved: options.saved
    })
    const mapping = options.mapping
      ? alignMapping(options.mapping, headers, defaults)
      : mappingFromSuggestions(headers, suggestions, defaults)
    const problems = mappingProblems(mapping)
    if (problems.length > 0) throw new Error(problems.join(' '))
    const dateColumns = settleDateColumns(
      mapping.targets.flatMap((target, column) =>
        target && DATE_INPUTS.has(target as InputName) ? [column] : []
      ),
      sampleRows,
      dayFirstCountry(mapping, sampleRows)
    )
    const validator = new RowValidator(mapping, {
      now: options.now,
      dateColumns,
      customTypeKinds: options.customTypeKinds
    })
    const summary = new SummaryBuilder()
    // About 50,000 cells a chunk: 500 rows of a usual sheet, fewer of a wide one, whose chunks the app's main
    // thread stores one at a time between other work.
    const chunkSize =
      options.chunkSize ?? Math.max(10, Math.min(500, Math.floor(50_000 / Math.max(1, headers.length))))
    const interval = options.progressIntervalMs ?? 250
    let chunk: ImportedRow[] = []
    let count = 0
    let lastReport = 0
    const report = (done: boolean) => {
      if (!options.onProgress) return
      const now = Date.now()
      if (!done && now - lastReport < interval) return
      lastReport = now
      const total = source.totalBytes
      const bytesRead = done ? total : source.bytesRead()
      options.onProgress({
        rows: count,
        bytesRead,
        totalBytes: total,
        fraction: Math.min(1, total === 0 ? 1 : bytesRead / total)
      })
    }
    const handle = async (batch: RawRow[]) => {
      if (signal?.aborted) throw sheetErrors.aborted(file)
      for (const raw of batch) {
        const row = validator.validateRow(raw.row, raw.cells)
        summary.add(row)
        count++
        if (!options.onRows) continue
        chunk.push(row)
        if (chunk.length >= chunkSize) {
          const full = chunk
          chunk = []
          await options.onRows(full)
        }
      }
      report(false)
    }
    for (const batch of sample) await handle(batch)
    sample.length = 0
    for (let next = await rows.next(); !next.done; next = await rows.next()) await handle(next.value)
    if (chunk.length > 0) await options.onRows?.(chunk)
    if (signal?.aborted) throw sheetErrors.aborted(file)
    report(true)
    return {
      file,
      format: source.format,
      sheet: source.sheet,
      headerRow: source.headerRow,
      headers,
      suggestions,
      mapping,
      dateColumns,
      summary: summary.result()
    }
  } finally {
    await source.close()
  }
}

/**
 * Whether the rows' country settles the order of slash dates: every country Truora checks writes day first;
 * international checks ('ALL') could come from anywhere.
 */
function dayFirstCountry(mapping: ColumnMapping, rows: readonly RawRow[]): boolean {
  if (mapping.defaults.country) return mapping.defaults.country !== 'ALL'
  const column = mapping.targets.indexOf('country')
  if (column === -1) return false
  return rows.every((row) => {
    const text = cellText(row.cells[column]).trim()
    if (text === '') return true
    const country = parseCountry(text)
    return country !== null && country !== 'ALL'
  })
}
