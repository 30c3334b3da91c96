// The import pipeline: read -> map -> normalise -> validate, streaming one sheet row by row, with throttled
// progress and cancellation. `importSpreadsheet` runs in the calling thread; `runImportInWorker` runs the same
// pipeline in a worker thread so the app's main process stays responsive.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { DATE_INPUTS, type InputName } from '../../shared/checks/inputs'
import { DateOrderVote } from '../../shared/sheets/dates'
import { mappingFromSuggestions, mappingProblems, suggestMapping } from '../../shared/sheets/mapping'
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
import { SheetError, sheetErrors, type SheetErrorCode, type SheetLimits } from './errors'
import {
  checkHeaderRow,
  openSpreadsheet,
  scanSheet,
  type RawRow,
  type ScannedSheet,
  type SheetStream
} from './read'
import { decodeRows, type EncodedRows } from './row-transfer'

export interface ImportOptions {
  /** Sheet to import; by default the first visible sheet whose headers map to at least one input. */
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
  signal?: AbortSignal
  /** Today, for date checks. */
  now?: Date
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

async function chooseSheet(
  file: string,
  sheets: AsyncGenerator<SheetStream>,
  options: ImportOptions,
  limits: SheetLimits,
  listing: () => { name: string; hidden: boolean }[]
): Promise<{ sheet: SheetStream; scanned: ScannedSheet }> {
  const seen: string[] = []
  let unusable: SheetError | null = null
  for await (const sheet of sheets) {
    seen.push(sheet.name)
    if (options.sheet !== undefined) {
      if (sheet.name !== options.sheet) continue
      return { sheet, scanned: await scanSheet(file, sheet, limits, options.signal, options.headerRow) }
    }
    if (sheet.hidden) continue
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
    if (scanned.headerRow === null) continue
    const mapped = suggestMapping(scanned.headers).filter((suggestion) => suggestion.target !== null).length
    // The file is read once, front to back, so the first sheet that looks like data is taken; sheets of
    // notes or instructions before it are passed over.
    if (mapped > 0) return { sheet, scanned }
  }
  if (options.sheet !== undefined) {
    const names = listing().map((sheet) => sheet.name)
    throw sheetErrors.sheetNotFound(file, options.sheet, names.length > 0 ? names : seen)
  }
  if (unusable) throw unusable
  throw sheetErrors.noData(file, seen[0] ?? 'first')
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
  options: Pick<ImportOptions, 'sheet' | 'headerRow' | 'limits' | 'signal'> = {}
): Promise<SheetSource> {
  if (options.signal?.aborted) throw sheetErrors.aborted(file)
  checkHeaderRow(file, options.headerRow)
  let bytesRead = 0
  const opened = await openSpreadsheet(file, {
    limits: options.limits,
    signal: options.signal,
    onBytes: (bytes) => (bytesRead = bytes)
  })
  const sheets = opened.sheets()
  try {
    const { sheet, scanned } = await chooseSheet(file, sheets, options, opened.limits, () => opened.listing())
    if (scanned.headerRow === null) throw sheetErrors.noData(file, sheet.name)
    return {
      format: opened.format,
      totalBytes: opened.bytes,
      sheet: sheet.name,
      headerRow: scanned.headerRow,
      headers: scanned.headers,
      rows: scanned.rows,
      bytesRead: () => bytesRead,
      close: async () => void (await sheets.return(undefined))
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
    const suggestions = suggestMapping(headers, { country: options.defaults?.country, saved: options.saved })
    const defaults = { ...options.mapping?.defaults, ...options.defaults }
    const mapping = options.mapping
      ? alignMapping(options.mapping, headers, defaults)
      : mappingFromSuggestions(headers, suggestions, defaults)
    const problems = mappingProblems(mapping)
    if (problems.length > 0) throw new Error(problems.join(' '))

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
    const dateColumns = decideDateColumns(mapping, sample.flat())
    const validator = new RowValidator(mapping, { now: options.now, dateColumns })
    const summary = new SummaryBuilder()
    const chunkSize = options.chunkSize ?? 500
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

function decideDateColumns(mapping: ColumnMapping, sample: RawRow[]): Record<number, DateColumnDecision> {
  const decisions: Record<number, DateColumnDecision> = {}
  mapping.targets.forEach((target, column) => {
    if (!target || !DATE_INPUTS.has(target as InputName)) return
    const vote = new DateOrderVote()
    for (const row of sample) vote.add(row.cells[column])
    decisions[column] = vote.decide()
  })
  return decisions
}

// ---------------------------------------------------------------------------------------------------------
// Worker thread

/** What crosses into the worker: the options without callbacks and signal. */
export type WorkerImportOptions = Omit<ImportOptions, 'signal' | 'onProgress' | 'onRows'>

export type WorkerRequest = { type: 'abort' } | { type: 'ack' }

/** An error as it crosses between threads; SheetErrors keep their code. */
export interface WorkerError {
  name: string
  message: string
  code?: SheetErrorCode
  file?: string
}

export function describeError(error: unknown): WorkerError {
  const failure = error as Error
  return {
    name: failure?.name ?? 'Error',
    message: failure?.message ?? String(error),
    ...(error instanceof SheetError ? { code: error.code, file: error.file } : {})
  }
}

export function rebuildError(error: WorkerError, file: string): Error {
  return error.code !== undefined
    ? new SheetError(error.code, error.file ?? file, error.message)
    : Object.assign(new Error(error.message), { name: error.name })
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | ({ type: 'rows' } & EncodedRows)
  | { type: 'done'; result: ImportResult }
  | { type: 'error'; error: WorkerError }

/** Chunks the worker may send before it waits for the sink to catch up. */
export const ROWS_IN_FLIGHT = 4

export interface WorkerRunOptions {
  /**
   * The worker entry. By default `import-worker.ts` beside this file when running from source (started
   * through tsx), or `import-worker.js` beside the bundle; a bundler must emit that file as its own entry.
   */
  workerUrl?: URL
}

function defaultWorkerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts')
  return new URL(fromSource ? './import-worker.ts' : './import-worker.js', import.meta.url)
}

/** tsx's ESM register API; resolved through its package.json because require.resolve gives the CJS build. */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('tsx/package.json')
  const exports = (
    require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }
  ).exports
  return join(dirname(manifest), exports['./esm/api'].import.default)
}

/**
 * Young generation of each import thread. V8 sizes it from the machine's memory; the import's objects live
 * for one row or one batch, so a smaller one collects them as cheaply and keeps the threads' resident memory
 * lower (about 20-40 MB per import on the benchmark's file).
 */
export const IMPORT_YOUNG_GENERATION_MB = 24

/** Starts an import thread from its entry (TypeScript through tsx when running from source). */
export function startWorker(url: URL, workerData: unknown): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: IMPORT_YOUNG_GENERATION_MB }
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits })
  // Node cannot run TypeScript by itself: the worker registers tsx's loader first, then imports the entry.
  const tsx = pathToFileURL(tsxEsmApi()).href
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits })
}

/** Same pipeline and callbacks as importSpreadsheet, run in a worker thread. */
export function runImportInWorker(
  file: string,
  options: ImportOptions = {},
  run: WorkerRunOptions = {}
): Promise<ImportResult> {
  const { signal, onProgress, onRows, ...plain } = options
  if (signal?.aborted) return Promise.reject(sheetErrors.aborted(file))
  const worker = startWorker(run.workerUrl ?? defaultWorkerUrl(), {
    file,
    options: plain satisfies WorkerImportOptions
  })
  return new Promise<ImportResult>((resolve, reject) => {
    let settled = false
    let completed: ImportResult | null = null
    let sink = Promise.resolve()
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', abort)
      outcome()
      void worker.terminate()
    }
    const abort = () => {
      worker.postMessage({ type: 'abort' } satisfies WorkerRequest)
      finish(() => reject(sheetErrors.aborted(file)))
    }
    signal?.addEventListener('abort', abort, { once: true })
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'progress':
          onProgress?.(message.progress)
          break
        case 'rows':
          sink = sink
            .then(() => onRows?.(decodeRows(message)))
            .then(
              () => worker.postMessage({ type: 'ack' } satisfies WorkerRequest),
              (error: unknown) => {
                worker.postMessage({ type: 'abort' } satisfies WorkerRequest)
                finish(() => reject(error))
              }
            )
          break
        case 'done': {
          completed = message.result
          const result = message.result
          void sink.then(() => finish(() => resolve(result)))
          break
        }
        case 'error': {
          const rebuilt = rebuildError(message.error, file)
          finish(() => reject(rebuilt))
          break
        }
      }
    })
    worker.on('error', (error) => finish(() => reject(error)))
    worker.on('exit', (code) => {
      if (!settled && !completed)
        finish(() => reject(new Error(`The import worker stopped unexpectedly (exit code ${code}).`)))
    })
  })
}
