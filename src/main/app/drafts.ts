// Drafts: a new batch before it starts. Opening one reads a sheet (off the main thread) into a draft batch in
// the results store, where the analyst fixes cells and excludes rows before anything is sent. Rows live in
// SQLite from the first chunk on, so nothing typed or fixed is lost if the app closes mid-way. Whether the
// file has been read to the end is the draft's own state — reading, ready or failed — kept in the store and
// announced as `drafts:status`, so no screen has to guess it from row counts.
import type { DraftRead, DraftView } from '../../shared/batch'
import { AppError, type AppErrorInfo } from '../../shared/result'
import { SummaryBuilder } from '../../shared/sheets/summary'
import type {
  CellValue,
  ColumnMapping,
  CsvEncoding,
  ImportSummary,
  ImportedRow
} from '../../shared/sheets/types'
import {
  DuplicateIndex,
  RowValidator,
  type DateColumnDecision,
  type RowEdit
} from '../../shared/sheets/validate'
import type { BatchService } from '../batch/service'
import type { EventBus } from '../events'
import type { FileRegistry } from '../files'
import type { Logger } from '../log'
import { SheetError } from '../sheets/errors'
import { runImportInWorker, type ReaderLauncher } from '../sheets/workers'
import { isDefaultCheckType, type CustomTypeKinds } from '../../shared/checks/inputs'
import type { ResultsStore } from '../store/results/results-store'
import type { Spreadsheets } from './spreadsheets'
import type { Auditor } from '../store/audit-log'

export type DraftFilter = 'all' | 'problems' | 'errors' | 'excluded'

const FILTER_STATUSES: Record<DraftFilter, ImportedRow['status'][] | undefined> = {
  all: undefined,
  problems: ['warning', 'error'],
  errors: ['error'],
  excluded: ['excluded']
}

/** Import progress reaches the UI at most this often. */
const PROGRESS_INTERVAL_MS = 200

const INTERRUPTED: AppErrorInfo = {
  code: 'file_error',
  message:
    'Lote stopped before this file was read to the end, so the draft may be missing rows. Read the file again, or discard this draft.'
}

export interface OpenDraft {
  fileId: string
  sheet: string
  headerRow?: number
  encoding?: CsvEncoding
  mapping: ColumnMapping
  name?: string
}

/** A read in progress in this process. */
interface Reading {
  controller: AbortController
  rows: number
  fraction: number
  done: Promise<void>
}

export interface DraftsOptions {
  store: Pick<ResultsStore, 'batches' | 'drafts' | 'journal'>
  runner: BatchService
  files: FileRegistry
  events: EventBus
  log: Logger
  spreadsheets: Spreadsheets
  /** The connection new batches are made for. */
  activeProfileId: () => string
  /** Remembers a spreadsheet the analyst imported, for the Start screen. */
  rememberFile: (file: { path: string; name: string }) => void
  /**
   * What the active connection's custom types check (from Truora's /v1/config and the analyst's statements),
   * for validating rows of a custom type. Failing (offline, say) leaves those rows unblocked.
   */
  customTypeKinds?: () => Promise<CustomTypeKinds>
  /** Where the import worker's entry is, when it is not beside the import code (a bundled app). */
  importWorkerUrl?: URL
  /** Starts the processes that read spreadsheets (Node's fork unless the shell gives another). */
  readerLauncher?: ReaderLauncher
  audit: Auditor
}

export class Drafts {
  private readonly readings = new Map<string, Reading>()
  private readonly validators = new Map<string, RowValidator>()
  constructor(private readonly options: DraftsOptions) {}

  /** Creates a draft batch and reads the sheet into it in the background; returns its id at once. */
  open(input: OpenDraft): { batchId: string } {
    const { runner, files, log, store } = this.options
    const path = files.path(input.fileId)
    const file = files.get(input.fileId)
    const batch = runner.create({
      name: input.name ?? file.name.replace(/\.(xlsx|csv)$/i, ''),
      fileName: file.name,
      sheet: input.sheet,
      mapping: input.mapping,
      country: input.mapping.defaults.country ?? null,
      type: input.mapping.defaults.type ?? null,
      profileId: this.options.activeProfileId()
    })
    const batchId = batch.id
    store.batches.setRead(batchId, 'reading')
    this.options.rememberFile({ path, name: file.name })
    this.options.spreadsheets.rememberMapping(input.mapping)

    const reading: Reading = {
      controller: new AbortController(),
      rows: 0,
      fraction: 0,
      done: Promise.resolve()
    }
    this.readings.set(batchId, reading)
    const usesCustomTypes =
      input.mapping.targets.includes('type') || !isDefaultCheckType(input.mapping.defaults.type ?? 'person')
    const kinds: Promise<CustomTypeKinds> =
      usesCustomTypes && this.options.customTypeKinds
        ? this.options.customTypeKinds().catch((error: unknown) => {
            log.warn('Could not read the custom types of the account; their rows are not blocked', error)
            return {}
          })
        : Promise.resolve({})
    let customTypeKinds: CustomTypeKinds = {}
    reading.done = kinds
      .then((found) => {
        customTypeKinds = found
        return runImportInWorker(
          path,
          {
            sheet: input.sheet,
            headerRow: input.headerRow,
            encoding: input.encoding,
            mapping: input.mapping,
            customTypeKinds,
            signal: reading.controller.signal,
            progressIntervalMs: PROGRESS_INTERVAL_MS,
            onProgress: (progress) => {
              reading.rows = progress.rows
              reading.fraction = progress.fraction
              this.announce(batchId, { state: 'reading', rows: progress.rows, fraction: progress.fraction })
            },
            onRows: (rows) => store.drafts.add(batchId, rows)
          },
          { workerUrl: this.options.importWorkerUrl, launch: this.options.readerLauncher }
        )
      })
      .then(
        (result) => {
          this.readings.delete(batchId)
          store.journal.add(batchId, 'imported', null, {
            headerRow: result.headerRow,
            dateColumns: result.dateColumns,
            customTypeKinds,
            summary: result.summary
          })
          store.batches.setRead(batchId, 'ready')
          this.options.audit.record('file.imported', {
            batchId,
            fileName: store.batches.get(batchId).fileName,
            rows: result.summary.rows
          })
          this.announce(batchId, { state: 'ready', summary: result.summary })
        },
        (error: unknown) => {
          this.readings.delete(batchId)
          // The draft stays, marked failed, with what was read: the analyst discards it (or reads again).
          const info: AppErrorInfo =
            error instanceof SheetError && error.code === 'aborted'
              ? { code: 'cancelled', message: error.message }
              : error instanceof SheetError || error instanceof AppError
                ? { code: 'file_error', message: error.message }
                : {
                    code: 'file_error',
                    message:
                      'The file could not be read to the end. Nothing was sent; check the file and try again.'
                  }
          if (!(error instanceof SheetError)) log.error(`Import of ${file.name} failed`, error)
          if (store.batches.has(batchId)) store.batches.setRead(batchId, 'failed', info)
          this.announce(batchId, { state: 'failed', error: info })
        }
      )
    return { batchId }
  }

  private announce(batchId: string, read: DraftRead): void {
    this.options.events.emit('drafts:status', { batchId, read })
  }

  /** Whether this process is still reading the draft's file. */
  isReading(batchId: string): boolean {
    return this.readings.has(batchId)
  }

  /** Where reading the draft's file stands. */
  read(batchId: string): DraftRead {
    const reading = this.readings.get(batchId)
    if (reading) return { state: 'reading', rows: reading.rows, fraction: reading.fraction }
    const stored = this.options.store.batches.read(batchId)
    switch (stored.state) {
      case 'ready':
        return { state: 'ready', summary: this.summary(batchId) }
      case 'failed':
        return { state: 'failed', error: stored.error ?? INTERRUPTED }
      case 'reading':
        // Marked reading, but nothing here reads it: the process that did stopped before the end.
        return { state: 'failed', error: INTERRUPTED }
    }
  }

  /** A draft as the review step needs it: what it was read with, and where reading stands. */
  status(batchId: string): DraftView {
    const batch = this.requireDraftBatch(batchId)
    return {
      batchId,
      name: batch.name,
      fileName: batch.fileName,
      sheet: batch.sheet,
      mapping: this.options.store.batches.mapping(batchId),
      read: this.read(batchId)
    }
  }

  /** Resolves with the summary once the file is read to the end; rejects when the read failed. */
  async whenRead(batchId: string): Promise<ImportSummary> {
    await this.readings.get(batchId)?.done
    const read = this.read(batchId)
    if (read.state === 'ready') return read.summary
    if (read.state === 'failed') throw new AppError(read.error.code, read.error.message)
    throw new AppError('conflict', 'The file is still being read.')
  }

  /** Stops reading the file. The draft stays, marked as not read to the end, until it is discarded. */
  cancel(batchId: string): void {
    this.readings.get(batchId)?.controller.abort()
  }

  /** Stops any read and removes the draft with its rows. */
  async discard(batchId: string): Promise<void> {
    const reading = this.readings.get(batchId)
    if (reading) {
      reading.controller.abort()
      await reading.done
    }
    this.validators.delete(batchId)
    await this.options.runner.delete(batchId)
  }

  /** The draft has become a batch: its validator is no longer needed. */
  started(batchId: string): void {
    this.validators.delete(batchId)
  }

  private requireDraftBatch(batchId: string) {
    const batch = this.options.runner.get(batchId)
    if (batch.status !== 'draft') throw new AppError('conflict', 'This batch has already started.')
    return batch
  }

  private requireEditable(batchId: string): void {
    if (this.readings.has(batchId))
      throw new AppError(
        'conflict',
        'The file is still being read. Wait for it to finish before editing rows.'
      )
    if (this.options.store.batches.get(batchId).status !== 'draft')
      throw new AppError('conflict', 'This batch has started: its rows can no longer be changed.')
  }

  rows(batchId: string, filter: DraftFilter, offset: number, limit: number) {
    return this.options.store.drafts.page(batchId, { importStatuses: FILTER_STATUSES[filter], offset, limit })
  }

  summary(batchId: string): ImportSummary {
    const builder = new SummaryBuilder()
    // An excluded row's problems no longer need fixing: count the row, not its issues.
    for (const row of this.options.store.drafts.each(batchId))
      builder.add(row.status === 'excluded' ? { ...row, issues: [] } : row)
    return builder.result()
  }

  /** The validator of a draft, rebuilt from the stored rows after a restart. */
  private validator(batchId: string): RowValidator {
    let validator = this.validators.get(batchId)
    if (!validator) {
      const { store } = this.options
      const imported = store.journal.latest(batchId, 'imported')?.data as
        { dateColumns?: Record<number, DateColumnDecision>; customTypeKinds?: CustomTypeKinds } | undefined
      validator = new RowValidator(store.batches.mapping(batchId), {
        dateColumns: imported?.dateColumns,
        customTypeKinds: imported?.customTypeKinds
      })
      for (const row of store.drafts.each(batchId)) {
        const key = row.status === 'excluded' ? null : DuplicateIndex.keyOf(row)
        if (key !== null) validator.duplicates.add(key, row.row)
      }
      this.validators.set(batchId, validator)
    }
    return validator
  }

  private apply(
    batchId: string,
    rowNumbers: number[],
    edit: RowEdit
  ): { rows: ImportedRow[]; summary: ImportSummary } {
    this.requireEditable(batchId)
    const { drafts } = this.options.store
    const validator = this.validator(batchId)
    const changed = new Map<number, ImportedRow>()
    const affected = new Set<number>()
    for (const rowNumber of rowNumbers) {
      const previous = changed.get(rowNumber) ?? drafts.get(batchId, rowNumber)
      if (!previous) throw new AppError('not_found', `Row ${rowNumber} is not in this batch.`)
      const { row, affectedRows } = validator.revalidateRow(previous, edit)
      changed.set(rowNumber, row)
      for (const other of affectedRows) affected.add(other)
    }
    for (const other of affected) {
      if (changed.has(other)) continue
      const row = drafts.get(batchId, other)
      if (row) changed.set(other, validator.refreshDuplicate(row))
    }
    drafts.replace(batchId, [...changed.values()])
    return { rows: [...changed.values()].sort((a, b) => a.row - b.row), summary: this.summary(batchId) }
  }

  editCell(batchId: string, row: number, column: string, value: CellValue) {
    return this.apply(batchId, [row], { kind: 'cell', column, value })
  }

  setExcluded(batchId: string, rows: number[], excluded: boolean) {
    return this.apply(batchId, rows, excluded ? { kind: 'exclude' } : { kind: 'include' })
  }
}
