// The "validate and fix" step of a new batch: a sheet is imported (off the main thread) into a draft batch in
// the results store, where the analyst fixes cells and excludes rows before anything is sent. Rows live in
// SQLite from the first chunk on, so nothing typed or fixed is lost if the app closes mid-way.
import type {
  ColumnMapping,
  CsvEncoding,
  ImportSummary,
  ImportedRow,
  CellValue,
  WorkbookInfo
} from '../shared/sheets/types'
import { SummaryBuilder } from '../shared/sheets/summary'
import {
  DuplicateIndex,
  RowValidator,
  type DateColumnDecision,
  type RowEdit
} from '../shared/sheets/validate'
import { AppError } from '../shared/result'
import type { EventBus } from './events'
import type { FileRegistry } from './files'
import type { Logger } from './log'
import type { BatchService } from './batch/service'
import type { ResultsStore } from './store/results/results-store'
import type { ImportResult } from './sheets/import'
import type { InspectOptions } from './sheets/read'
import { runImportInWorker, runInspectInWorker, type ReaderLauncher } from './sheets/workers'
import { SheetError } from './sheets/errors'
import { SavedMappings } from './sheets/saved-mappings'

export type DraftFilter = 'all' | 'problems' | 'errors' | 'excluded'

const FILTER_STATUSES: Record<DraftFilter, ImportedRow['status'][] | undefined> = {
  all: undefined,
  problems: ['warning', 'error'],
  errors: ['error'],
  excluded: ['excluded']
}

/** Import progress reaches the UI at most this often. */
const PROGRESS_INTERVAL_MS = 200

interface DraftState {
  validator: RowValidator
}

export interface DraftServiceOptions {
  batches: BatchService
  store: ResultsStore
  files: FileRegistry
  events: EventBus
  log: Logger
  dataDir: string
  activeProfileId: () => string
  /** Remembers a spreadsheet the analyst imported, for the Start screen. */
  rememberFile: (file: { path: string; name: string }) => void
  /** Where the import worker's entry is, when it is not beside the import code (a bundled app). */
  importWorkerUrl?: URL
  /** Starts the processes that read spreadsheets (Node's fork unless the shell gives another). */
  readerLauncher?: ReaderLauncher
}

export class DraftService {
  private readonly imports = new Map<string, AbortController>()
  private readonly states = new Map<string, DraftState>()
  readonly savedMappings: SavedMappings

  constructor(private readonly options: DraftServiceOptions) {
    this.savedMappings = new SavedMappings(options.dataDir)
  }

  /** Creates a draft batch and fills it from the sheet in the background; returns its id at once. */
  start(input: {
    fileId: string
    sheet: string
    headerRow?: number
    encoding?: CsvEncoding
    mapping: ColumnMapping
    name?: string
  }): {
    batchId: string
  } {
    const { batches, files, events, log } = this.options
    const path = files.path(input.fileId)
    const file = files.get(input.fileId)
    const batch = batches.create({
      name: input.name ?? file.name.replace(/\.(xlsx|csv)$/i, ''),
      fileName: file.name,
      sheet: input.sheet,
      mapping: input.mapping,
      country: input.mapping.defaults.country ?? null,
      type: input.mapping.defaults.type ?? null,
      profileId: this.options.activeProfileId()
    })
    const batchId = batch.id
    this.options.rememberFile({ path, name: file.name })
    const controller = new AbortController()
    this.imports.set(batchId, controller)
    void this.savedMappings
      .save(input.mapping)
      .catch((error: unknown) => log.warn('Could not save the mapping', error))

    runImportInWorker(
      path,
      {
        sheet: input.sheet,
        headerRow: input.headerRow,
        encoding: input.encoding,
        mapping: input.mapping,
        signal: controller.signal,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
        onProgress: (progress) =>
          events.emit('import:progress', { batchId, rows: progress.rows, fraction: progress.fraction }),
        onRows: (rows) => batches.addRows(batchId, rows)
      },
      { workerUrl: this.options.importWorkerUrl, launch: this.options.readerLauncher }
    )
      .then((result: ImportResult) => {
        this.options.store.journal.add(batchId, 'imported', null, {
          headerRow: result.headerRow,
          dateColumns: result.dateColumns,
          summary: result.summary
        })
        events.emit('import:finished', { batchId, ok: true, summary: result.summary })
      })
      .catch((error: unknown) => {
        // A draft that could not be read holds nothing worth keeping.
        batches.delete(batchId)
        const message =
          error instanceof SheetError || error instanceof AppError
            ? error.message
            : 'The file could not be read to the end. Nothing was sent; check the file and try again.'
        if (!(error instanceof SheetError)) log.error(`Import of ${file.name} failed`, error)
        events.emit('import:finished', {
          batchId,
          ok: false,
          error: {
            code: error instanceof SheetError && error.code === 'aborted' ? 'cancelled' : 'file_error',
            message
          }
        })
      })
      .finally(() => this.imports.delete(batchId))
    return { batchId }
  }

  /** Lists a file's sheets for the Sheet step, reading it in a thread of its own (see workers.ts). */
  inspect(path: string, options: InspectOptions): Promise<WorkbookInfo> {
    return runInspectInWorker(path, options, {
      workerUrl: this.options.importWorkerUrl,
      launch: this.options.readerLauncher
    })
  }

  cancel(batchId: string): void {
    this.imports.get(batchId)?.abort()
  }

  private requireDraft(batchId: string): void {
    if (this.imports.has(batchId))
      throw new AppError(
        'conflict',
        'The file is still being read. Wait for it to finish before editing rows.'
      )
    if (this.options.store.batches.get(batchId).status !== 'draft')
      throw new AppError('conflict', 'This batch has started: its rows can no longer be changed.')
  }

  rows(
    batchId: string,
    filter: DraftFilter,
    offset: number,
    limit: number
  ): { rows: ImportedRow[]; total: number } {
    return this.options.store.drafts.page(batchId, {
      importStatuses: FILTER_STATUSES[filter],
      offset,
      limit
    })
  }

  summary(batchId: string): ImportSummary {
    const builder = new SummaryBuilder()
    // An excluded row's problems no longer need fixing: count the row, not its issues.
    for (const row of this.options.store.drafts.each(batchId))
      builder.add(row.status === 'excluded' ? { ...row, issues: [] } : row)
    return builder.result()
  }

  /** The validator of a draft, rebuilt from the stored rows after a restart. */
  private state(batchId: string): DraftState {
    let state = this.states.get(batchId)
    if (!state) {
      const { store } = this.options
      const imported = store.journal.latest(batchId, 'imported')?.data as
        { dateColumns?: Record<number, DateColumnDecision> } | undefined
      const validator = new RowValidator(store.batches.mapping(batchId), {
        dateColumns: imported?.dateColumns
      })
      for (const row of store.drafts.each(batchId)) {
        const key = row.status === 'excluded' ? null : DuplicateIndex.keyOf(row)
        if (key !== null) validator.duplicates.add(key, row.row)
      }
      state = { validator }
      this.states.set(batchId, state)
    }
    return state
  }

  private apply(
    batchId: string,
    rowNumbers: number[],
    edit: RowEdit
  ): { rows: ImportedRow[]; summary: ImportSummary } {
    this.requireDraft(batchId)
    const { store } = this.options
    const { validator } = this.state(batchId)
    const changed = new Map<number, ImportedRow>()
    const affected = new Set<number>()
    for (const rowNumber of rowNumbers) {
      const previous = changed.get(rowNumber) ?? store.drafts.get(batchId, rowNumber)
      if (!previous) throw new AppError('not_found', `Row ${rowNumber} is not in this batch.`)
      const { row, affectedRows } = validator.revalidateRow(previous, edit)
      changed.set(rowNumber, row)
      for (const other of affectedRows) affected.add(other)
    }
    for (const other of affected) {
      if (changed.has(other)) continue
      const row = store.drafts.get(batchId, other)
      if (row) changed.set(other, validator.refreshDuplicate(row))
    }
    store.drafts.replace(batchId, [...changed.values()])
    return { rows: [...changed.values()].sort((a, b) => a.row - b.row), summary: this.summary(batchId) }
  }

  editCell(batchId: string, row: number, column: string, value: CellValue) {
    return this.apply(batchId, [row], { kind: 'cell', column, value })
  }

  setExcluded(batchId: string, rows: number[], excluded: boolean) {
    return this.apply(batchId, rows, excluded ? { kind: 'exclude' } : { kind: 'include' })
  }

  forget(batchId: string): void {
    this.cancel(batchId)
    this.states.delete(batchId)
  }
}
