// Drafts: a new batch before it starts. Opening one reads a sheet (off the main thread) into a draft batch in
// the results store, where the analyst fixes cells and excludes rows before anything is sent. Rows live in
// SQLite from the first chunk on, so nothing typed or fixed is lost if the app closes mid-way. Whether the
// file has been read to the end is the draft's own state — reading, ready or failed — kept in the store and
// announced as `drafts:status`, so no screen has to guess it from row counts.
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import type { BulkExclusion, DraftFixes, DraftRead, DraftView } from '../../shared/batch'
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
import type { DateOrder } from '../../shared/sheets/dates'
import type { Leasing } from '../batch/leasing'
import type { BatchService } from '../batch/service'
import type { EventBus } from '../events'
import type { FileRegistry } from '../files'
import type { Logger } from '../log'
import { SheetError } from '../sheets/errors'
import { runImportInWorker, type ReaderLauncher } from '../sheets/workers'
import {
  DATE_INPUTS,
  isDefaultCheckType,
  isInputName,
  type CustomTypeKinds
} from '../../shared/checks/inputs'
import type { ResultsStore } from '../store/results/results-store'
import { isStorageFault, storageFaultMessage } from '../store/storage-faults'
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

/**
 * Rows an edit reads, checks and writes between two turns of the event loop: at most 250, fewer in a wide
 * sheet (about 25,000 cells a slice). A bulk edit of a large draft (excluding 100,000 rows) runs as many such
 * slices, each its own transaction, so that every other call the app or another window makes meanwhile waits
 * a few tens of milliseconds at most, never the whole edit.
 */
const EDIT_SLICE_ROWS = 250
const EDIT_SLICE_CELLS = 25_000
/** Stored rows read between two turns of the event loop when the whole draft is walked (summary, duplicates). */
const WALK_SLICE_ROWS = 1000
/** An edit answers with the rows it changed only up to this many (a page of the grid); beyond, only counts. */
const RETURNED_ROWS = 1000

/** Journal entries of the column-wide fixes: date orders the analyst chose, exclusions and their undoing. */
const DATE_ORDERS = 'date-orders'
const BULK_EXCLUDED = 'bulk-excluded'
const BULK_UNDONE = 'bulk-undone'

/** Lets other calls and events run before the next slice of work. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** What an edit did: the rows it changed (unless there are too many to send back), how many, and the counts. */
export interface DraftEdit {
  rows: ImportedRow[]
  changed: number
  summary: ImportSummary
}

/** A column-wide exclusion as the journal keeps it, so that it can be undone (also after a restart). */
interface BulkExclusionEntry {
  which: BulkExclusion
  rows: number[]
}

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

/** Where a draft's rows are read from: kept with the draft, so that it can be read again. */
interface DraftSource {
  path: string
  sheet: string
  headerRow?: number
  encoding?: CsvEncoding
}

/** A read in progress in this process. */
interface Reading {
  controller: AbortController
  rows: number
  fraction: number
  done: Promise<void>
}

export interface DraftsOptions {
  store: Pick<ResultsStore, 'batches' | 'drafts' | 'journal' | 'ledger' | 'privacy'>
  runner: BatchService
  /** This process's leases: a draft is leased while its file is read into it. */
  leasing: Leasing
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
  private readonly validators = new Map<string, Promise<RowValidator>>()
  /** Why reads ended that the store could not record (its disk was full): told until it can be. */
  private readonly unrecordedFailures = new Map<string, AppErrorInfo>()
  /** The edit running on each draft; the next one waits for it, and so do starting and discarding. */
  private readonly edits = new Map<string, Promise<unknown>>()
  constructor(private readonly options: DraftsOptions) {}

  /** Creates a draft batch and reads the sheet into it in the background; returns its id at once. */
  open(input: OpenDraft): { batchId: string } {
    const { runner, files, store } = this.options
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
    const source: DraftSource = {
      path,
      sheet: input.sheet,
      headerRow: input.headerRow,
      encoding: input.encoding
    }
    // Where the rows come from, so that a read cut short (Lote killed, the machine off) can be done again.
    store.journal.add(batch.id, 'source', null, source)
    // An uploaded copy of the sheet goes with the batch: deleted, purged or a person erased from it.
    if (files.isUpload(input.fileId))
      store.ledger.recordFile({ batchId: batch.id, checkId: null, kind: 'upload', path, bytes: file.size })
    this.options.rememberFile({ path, name: file.name })
    this.options.spreadsheets.rememberMapping(input.mapping)
    this.startReading(batch.id, source, input.mapping, file.name)
    return { batchId: batch.id }
  }

  /**
   * Reads the file of a draft whose read did not reach the end again, from its first row, into the same draft
   * (the rows read before are replaced). Refused while the file is being read, here or by another process.
   */
  reread(batchId: string): void {
    const { store, leasing } = this.options
    this.requireDraftBatch(batchId)
    if (this.readState(batchId).state !== 'failed')
      throw new AppError('conflict', 'This draft was read to the end: there is nothing to read again.')
    leasing.refuseIfHeldElsewhere(batchId)
    const source = store.journal.latest(batchId, 'source')?.data as DraftSource | undefined
    if (!source)
      throw new AppError(
        'file_error',
        'Lote does not know where this draft was read from. Discard it and open the file again.'
      )
    const name = basename(source.path)
    if (!existsSync(source.path))
      throw new AppError(
        'file_error',
        `The file ${name} is no longer where this draft was read from. Discard the draft and open the file again.`
      )
    this.validators.delete(batchId)
    store.drafts.clear(batchId)
    this.startReading(batchId, source, store.batches.mapping(batchId), name)
  }

  /**
   * Reads the draft's file into it off the main thread, holding the draft's lease while it does so that another
   * process neither reads it again nor starts or deletes it meanwhile, and marks where the read ended.
   */
  private startReading(batchId: string, source: DraftSource, mapping: ColumnMapping, fileName: string): void {
    const { store, log, leasing } = this.options
    leasing.take(batchId, 'read')
    store.batches.setRead(batchId, 'reading')
    this.unrecordedFailures.delete(batchId)
    const reading: Reading = {
      controller: new AbortController(),
      rows: 0,
      fraction: 0,
      done: Promise.resolve()
    }
    this.readings.set(batchId, reading)
    // Another process took the draft over (this one froze past the lease's limit): stop writing rows into it.
    leasing.keepRenewed(batchId, () => reading.controller.abort())
    this.announce(batchId, { state: 'reading', rows: 0, fraction: 0 })
    const usesCustomTypes =
      mapping.targets.includes('type') || !isDefaultCheckType(mapping.defaults.type ?? 'person')
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
        return this.options.files.readable(source.path, (path) =>
          runImportInWorker(
            path,
            {
              sheet: source.sheet,
              headerRow: source.headerRow,
              encoding: source.encoding,
              mapping,
              customTypeKinds,
              signal: reading.controller.signal,
              progressIntervalMs: PROGRESS_INTERVAL_MS,
              onProgress: (progress) => {
                reading.rows = progress.rows
                reading.fraction = progress.fraction
                this.announce(batchId, { state: 'reading', rows: progress.rows, fraction: progress.fraction })
              },
              // Each chunk is stored, then the event loop turns before the next is taken: chunks arriving back
              // to back would otherwise be handled in one go, and timers and other requests wait seconds.
              onRows: async (rows) => {
                store.drafts.add(batchId, rows)
                await nextTurn()
              }
            },
            { workerUrl: this.options.importWorkerUrl, launch: this.options.readerLauncher }
          )
        )
      })
      .then(
        (result) => {
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
          this.readings.delete(batchId)
          leasing.release(batchId)
          this.announce(batchId, { state: 'ready', summary: result.summary })
        },
        (error: unknown) => {
          // The draft stays, marked failed, with what was read: the analyst reads it again or discards it.
          const info: AppErrorInfo =
            error instanceof SheetError && error.code === 'aborted'
              ? { code: 'cancelled', message: error.message }
              : error instanceof SheetError || error instanceof AppError
                ? { code: 'file_error', message: error.message }
                : isStorageFault(error)
                  ? { code: 'storage', message: storageFaultMessage(error) }
                  : {
                      code: 'file_error',
                      message:
                        'The file could not be read to the end. Nothing was sent; check the file and try again.'
                    }
          if (!(error instanceof SheetError)) log.error(`Import of ${fileName} failed`, error)
          try {
            if (store.batches.has(batchId)) store.batches.setRead(batchId, 'failed', info)
          } catch (write) {
            // A full disk, say: the draft stays marked as being read, which other processes take for
            // interrupted; this one still says why.
            this.unrecordedFailures.set(batchId, info)
            log.warn(`Could not record why the read of draft ${batchId} stopped`, write)
          }
          this.readings.delete(batchId)
          leasing.release(batchId)
          this.announce(batchId, { state: 'failed', error: info })
        }
      )
      .catch((error: unknown) => {
        // Recording the end of the read failed (the disk, say): nothing may be left unheard.
        this.readings.delete(batchId)
        leasing.release(batchId)
        log.error(`Could not record the end of the read of draft ${batchId}`, error)
        this.announce(batchId, { state: 'failed', error: INTERRUPTED })
      })
  }

  private announce(batchId: string, read: DraftRead): void {
    this.options.events.emit('drafts:status', { batchId, read })
  }

  /** Whether this process is still reading the draft's file. */
  isReading(batchId: string): boolean {
    return this.readings.has(batchId)
  }

  /** Where reading the draft's file stands, without the counts of a draft read to the end. */
  readState(batchId: string): Exclude<DraftRead, { state: 'ready' }> | { state: 'ready' } {
    const reading = this.readings.get(batchId)
    if (reading) return { state: 'reading', rows: reading.rows, fraction: reading.fraction }
    const stored = this.options.store.batches.read(batchId)
    switch (stored.state) {
      case 'ready':
        return { state: 'ready' }
      case 'failed':
        return { state: 'failed', error: stored.error ?? INTERRUPTED }
      case 'reading': {
        // Marked reading, but nothing here reads it: another process still does, or the one that did stopped
        // before the end.
        const holder = this.options.leasing.heldElsewhere(batchId)
        if (holder) return { state: 'reading', rows: this.options.store.drafts.count(batchId), fraction: 0 }
        return { state: 'failed', error: this.unrecordedFailures.get(batchId) ?? INTERRUPTED }
      }
    }
  }

  /** Where reading the draft's file stands, with the counts once it is read. */
  async read(batchId: string): Promise<DraftRead> {
    const read = this.readState(batchId)
    return read.state === 'ready' ? { state: 'ready', summary: await this.summary(batchId) } : read
  }

  /** A draft as the review step needs it: what it was read with, and where reading stands. */
  async status(batchId: string): Promise<DraftView> {
    const batch = this.requireDraftBatch(batchId)
    return {
      batchId,
      name: batch.name,
      fileName: batch.fileName,
      sheet: batch.sheet,
      mapping: this.options.store.batches.mapping(batchId),
      read: await this.read(batchId)
    }
  }

  /** Resolves with the summary once the file is read to the end; rejects when the read failed. */
  async whenRead(batchId: string): Promise<ImportSummary> {
    await this.readings.get(batchId)?.done
    const read = await this.read(batchId)
    if (read.state === 'ready') return read.summary
    if (read.state === 'failed') throw new AppError(read.error.code, read.error.message)
    throw new AppError('conflict', 'The file is still being read.')
  }

  /** Resolves when no edit runs on the draft (at once when none does). */
  async whenEdited(batchId: string): Promise<void> {
    await this.edits.get(batchId)?.catch(() => undefined)
  }

  /** Stops reading the file. The draft stays, marked as not read to the end, until it is discarded. */
  cancel(batchId: string): void {
    this.readings.get(batchId)?.controller.abort()
  }

  /**
   * Stops any read, lets a running edit end, and removes the draft with its rows and the uploaded copy of its
   * sheet, unless the analyst reads that file again into a new draft (`keepFile`).
   */
  async discard(batchId: string, options: { keepFile?: boolean } = {}): Promise<void> {
    const reading = this.readings.get(batchId)
    if (reading) {
      reading.controller.abort()
      await reading.done
    }
    await this.whenEdited(batchId)
    this.unrecordedFailures.delete(batchId)
    this.validators.delete(batchId)
    if (options.keepFile) this.options.store.privacy.detachUploads(batchId)
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
    if (this.options.store.batches.record(batchId).status !== 'draft')
      throw new AppError('conflict', 'This batch has started: its rows can no longer be changed.')
  }

  rows(batchId: string, filter: DraftFilter, offset: number, limit: number) {
    return this.options.store.drafts.page(batchId, { importStatuses: FILTER_STATUSES[filter], offset, limit })
  }

  /** The draft's counts, walked a slice at a time so that a large draft does not hold up other calls. */
  async summary(batchId: string): Promise<ImportSummary> {
    const builder = new SummaryBuilder()
    let walked = 0
    for (const row of this.options.store.drafts.eachOutline(batchId)) {
      // An excluded row's problems no longer need fixing: count the row, not its issues.
      builder.add(row.status === 'excluded' ? { ...row, issues: [] } : row)
      if (++walked % WALK_SLICE_ROWS === 0) await nextTurn()
    }
    return builder.result()
  }

  /** The validator of a draft, rebuilt from the stored rows after a restart. */
  private validator(batchId: string): Promise<RowValidator> {
    let validator = this.validators.get(batchId)
    if (!validator) {
      validator = this.buildValidator(batchId)
      this.validators.set(batchId, validator)
      validator.catch(() => this.validators.delete(batchId))
    }
    return validator
  }

  /** How each date column is read: as the import settled it, then as the analyst chose at the review. */
  private dateColumns(batchId: string): Record<number, DateColumnDecision> {
    const { journal } = this.options.store
    const imported = journal.latest(batchId, 'imported')?.data as
      { dateColumns?: Record<number, DateColumnDecision> } | undefined
    const chosen = (journal.latest(batchId, DATE_ORDERS)?.data ?? {}) as Record<number, DateOrder>
    const decisions: Record<number, DateColumnDecision> = { ...imported?.dateColumns }
    for (const [column, order] of Object.entries(chosen))
      decisions[Number(column)] = { order, ambiguous: false, settledBy: 'analyst' }
    return decisions
  }

  private async buildValidator(batchId: string): Promise<RowValidator> {
    const { store } = this.options
    const imported = store.journal.latest(batchId, 'imported')?.data as
      { dateColumns?: Record<number, DateColumnDecision>; customTypeKinds?: CustomTypeKinds } | undefined
    const validator = new RowValidator(store.batches.mapping(batchId), {
      dateColumns: this.dateColumns(batchId),
      customTypeKinds: imported?.customTypeKinds
    })
    let walked = 0
    for (const row of store.drafts.eachOutline(batchId)) {
      const key = row.status === 'excluded' ? null : DuplicateIndex.keyOf(row)
      if (key !== null) validator.duplicates.add(key, row.row)
      if (++walked % WALK_SLICE_ROWS === 0) await nextTurn()
    }
    return validator
  }

  /** Runs edits of one draft one after another. */
  private queueEdit<T>(batchId: string, edit: () => Promise<T>): Promise<T> {
    const previous = this.edits.get(batchId) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(edit)
    this.edits.set(batchId, next)
    const forget = () => {
      if (this.edits.get(batchId) === next) this.edits.delete(batchId)
    }
    next.then(forget, forget)
    return next
  }

  private apply(batchId: string, rowNumbers: number[], edit: RowEdit): Promise<DraftEdit> {
    this.requireEditable(batchId)
    return this.queueEdit(batchId, () => this.applyInSlices(batchId, [...new Set(rowNumbers)], edit))
  }

  /**
   * Checks and writes the edited rows a slice at a time (see EDIT_SLICE_ROWS), then the rows whose duplicate
   * warning the edit changed. Each slice is written in one transaction, so a failure part way (a full disk,
   * the draft started elsewhere) leaves every row either as it was or as edited, and says how far it got.
   */
  private async applyInSlices(batchId: string, rowNumbers: number[], edit: RowEdit): Promise<DraftEdit> {
    const { drafts, batches } = this.options.store
    const validator = await this.validator(batchId)
    const columns = Math.max(1, batches.mapping(batchId).headers.length)
    const sliceRows = Math.max(10, Math.min(EDIT_SLICE_ROWS, Math.floor(EDIT_SLICE_CELLS / columns)))
    const edited = new Set(rowNumbers)
    const affected = new Set<number>()
    const returned: ImportedRow[] = []
    let changed = 0
    const write = (rows: ImportedRow[]) => {
      this.requireEditable(batchId)
      drafts.replace(batchId, rows)
      changed += rows.length
      if (returned.length < RETURNED_ROWS) returned.push(...rows.slice(0, RETURNED_ROWS - returned.length))
    }
    try {
      for (let from = 0; from < rowNumbers.length; from += sliceRows) {
        const slice = rowNumbers.slice(from, from + sliceRows)
        const stored = drafts.getMany(batchId, slice)
        const missing = slice.find((rowNumber) => !stored.has(rowNumber))
        if (missing !== undefined) throw new AppError('not_found', `Row ${missing} is not in this batch.`)
        write(
          slice.map((rowNumber) => {
            const { row, affectedRows } = validator.revalidateRow(stored.get(rowNumber)!, edit)
            for (const other of affectedRows) if (!edited.has(other)) affected.add(other)
            return row
          })
        )
        await nextTurn()
      }
      const others = [...affected]
      for (let from = 0; from < others.length; from += sliceRows) {
        const stored = drafts.getMany(batchId, others.slice(from, from + sliceRows))
        write([...stored.values()].map((row) => validator.refreshDuplicate(row)))
        await nextTurn()
      }
    } catch (error) {
      // The validator's duplicates no longer match what is stored: rebuilt on the next edit.
      this.validators.delete(batchId)
      if (changed === 0 || !(error instanceof Error)) throw error
      const code = error instanceof AppError ? error.code : isStorageFault(error) ? 'storage' : 'internal'
      this.options.log.error(`An edit of draft ${batchId} stopped after ${changed} rows`, error)
      const why =
        error instanceof AppError
          ? error.message
          : isStorageFault(error)
            ? storageFaultMessage(error)
            : 'the change could not be saved.'
      throw new AppError(
        code,
        `Only ${changed} of the ${rowNumbers.length} rows were changed before the edit stopped. ${why}`
      )
    }
    return {
      rows: returned.sort((a, b) => a.row - b.row),
      changed,
      summary: await this.summary(batchId)
    }
  }

  editCell(batchId: string, row: number, column: string, value: CellValue) {
    return this.apply(batchId, [row], { kind: 'cell', column, value })
  }

  setExcluded(batchId: string, rows: number[], excluded: boolean) {
    return this.apply(batchId, rows, excluded ? { kind: 'exclude' } : { kind: 'include' })
  }

  /** Excludes (or includes again) every row the filter shows, e.g. all rows with errors. */
  setExcludedWhere(batchId: string, filter: Exclude<DraftFilter, 'all'>, excluded: boolean) {
    this.requireEditable(batchId)
    const rows = this.options.store.drafts.rowNumbers(batchId, FILTER_STATUSES[filter] ?? [])
    return this.apply(batchId, rows, excluded ? { kind: 'exclude' } : { kind: 'include' })
  }

  /**
   * A column-wide fix: excludes every row with errors, or every row repeating the document of an earlier row
   * (the first stays). Kept in the journal, so that it can be undone — those rows, no others, come back.
   */
  async excludeAll(batchId: string, which: BulkExclusion): Promise<DraftEdit> {
    this.requireEditable(batchId)
    const rows =
      which === 'errors'
        ? this.options.store.drafts.rowNumbers(batchId, ['error'])
        : this.options.store.drafts.repeatedRowNumbers(batchId)
    if (rows.length === 0) return { rows: [], changed: 0, summary: await this.summary(batchId) }
    const edit = await this.apply(batchId, rows, { kind: 'exclude' })
    this.options.store.journal.add(batchId, BULK_EXCLUDED, null, { which, rows } satisfies BulkExclusionEntry)
    return edit
  }

  /** Undoes the last column-wide exclusion still in force: the rows it excluded are included again. */
  async undoExclusion(batchId: string): Promise<DraftEdit> {
    this.requireEditable(batchId)
    const last = this.lastExclusion(batchId)
    if (!last) throw new AppError('conflict', 'There is no exclusion to undo.')
    const stillExcluded = new Set(this.options.store.drafts.rowNumbers(batchId, ['excluded']))
    const rows = last.entry.rows.filter((row) => stillExcluded.has(row))
    const edit = rows.length > 0 ? await this.apply(batchId, rows, { kind: 'include' }) : undefined
    this.options.store.journal.add(batchId, BULK_UNDONE, null, { id: last.id })
    return edit ?? { rows: [], changed: 0, summary: await this.summary(batchId) }
  }

  /**
   * A column-wide fix: reads a date column's slash dates day first or month first, and checks every row
   * again with it (so what is sent follows). Choosing the other order again undoes it.
   */
  async setDateOrder(batchId: string, header: string, order: DateOrder): Promise<DraftEdit> {
    this.requireEditable(batchId)
    const { store } = this.options
    const mapping = store.batches.mapping(batchId)
    const column = mapping.headers.indexOf(header)
    if (column === -1 || !isDateTarget(mapping.targets[column]))
      throw new AppError('invalid_input', `"${header}" is not a date column of this draft.`)
    return this.queueEdit(batchId, async () => {
      const chosen = (store.journal.latest(batchId, DATE_ORDERS)?.data ?? {}) as Record<number, DateOrder>
      store.journal.add(batchId, DATE_ORDERS, null, { ...chosen, [column]: order })
      // The validator reads the columns' orders when it is built: the next one reads this order.
      this.validators.delete(batchId)
      const rows = store.drafts.rowNumbers(batchId)
      return this.applyInSlices(batchId, rows, { kind: 'recheck' })
    })
  }

  /** The column-wide fixes this draft offers, with the numbers they would change. */
  async fixes(batchId: string): Promise<DraftFixes> {
    const { store } = this.options
    const mapping = store.batches.mapping(batchId)
    const decisions = this.dateColumns(batchId)
    const dates = mapping.targets.flatMap((target, column) =>
      isDateTarget(target)
        ? [
            {
              header: mapping.headers[column],
              order: decisions[column]?.order ?? 'dmy',
              settledBy: decisions[column]?.settledBy ?? null,
              ambiguous: decisions[column]?.ambiguous ?? false
            }
          ]
        : []
    )
    const last = this.lastExclusion(batchId)
    return {
      dates,
      duplicates: store.drafts.countRepeated(batchId),
      errors: store.drafts.rowNumbers(batchId, ['error']).length,
      undo: last ? { which: last.entry.which, rows: last.entry.rows.length } : null
    }
  }

  /** The newest column-wide exclusion not undone yet. */
  private lastExclusion(batchId: string): { id: number; entry: BulkExclusionEntry } | null {
    const { journal } = this.options.store
    const undone = new Set(journal.ofType(batchId, BULK_UNDONE).map((e) => (e.data as { id: number }).id))
    const entries = journal.ofType(batchId, BULK_EXCLUDED).filter((e) => !undone.has(e.id))
    const last = entries.at(-1)
    return last ? { id: last.id, entry: last.data as BulkExclusionEntry } : null
  }
}

function isDateTarget(target: ColumnMapping['targets'][number] | undefined): boolean {
  return target !== null && target !== undefined && isInputName(target) && DATE_INPUTS.has(target)
}
