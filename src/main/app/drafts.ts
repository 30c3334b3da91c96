// Drafts: a new batch before it starts. Opening one reads a sheet (off the main thread) into a draft batch in
// the results store, where the analyst fixes cells and excludes rows before anything is sent. Rows live in
// SQLite from the first chunk on, so nothing typed or fixed is lost if the app closes mid-way. This facade is
// what the IPC handlers, the browser host and the command line call; reading the file is draft-reading.ts,
// editing rows and the column-wide fixes draft-edits.ts.
import { basename } from 'node:path'
import type { BulkExclusion, DraftFixes, DraftRead, DraftView } from '../../shared/batch'
import { AppError } from '../../shared/result'
import type { CellValue, ColumnMapping, CsvEncoding, ImportSummary } from '../../shared/sheets/types'
import type { DateOrder } from '../../shared/sheets/dates'
import { DraftEdits } from './draft-edits'
import {
  FILTER_STATUSES,
  draftSummary,
  type DraftEdit,
  type DraftFilter,
  type DraftsOptions
} from './draft-options'
import { DraftReading, type DraftSource } from './draft-reading'

export type { DraftEdit, DraftFilter, DraftsOptions } from './draft-options'

export interface OpenDraft {
  fileId: string
  sheet: string
  headerRow?: number
  encoding?: CsvEncoding
  mapping: ColumnMapping
  name?: string
}

export class Drafts {
  private readonly reading: DraftReading
  private readonly edits: DraftEdits
  constructor(private readonly options: DraftsOptions) {
    this.reading = new DraftReading(options)
    this.edits = new DraftEdits(options, (batchId) => this.reading.isReading(batchId))
  }

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
    this.reading.remember(batch.id, source)
    // An uploaded copy of the sheet goes with the batch: deleted, purged or a person erased from it.
    if (files.isUpload(input.fileId))
      store.ledger.recordFile({ batchId: batch.id, checkId: null, kind: 'upload', path, bytes: file.size })
    this.options.rememberFile({ path, name: file.name })
    this.options.spreadsheets.rememberMapping(input.mapping)
    this.reading.start(batch.id, source, input.mapping, file.name)
    return { batchId: batch.id }
  }

  /**
   * Reads the file of a draft whose read did not reach the end again, from its first row, into the same draft
   * (the rows read before are replaced). Refused while the file is being read, here or by another process.
   */
  reread(batchId: string): void {
    const { store } = this.options
    this.requireDraftBatch(batchId)
    const source = this.reading.sourceToReread(batchId)
    this.edits.forget(batchId)
    store.drafts.clear(batchId)
    this.reading.start(batchId, source, store.batches.mapping(batchId), basename(source.path))
  }

  /** Whether this process is still reading the draft's file. */
  isReading(batchId: string): boolean {
    return this.reading.isReading(batchId)
  }

  /** Where reading the draft's file stands, without the counts of a draft read to the end. */
  readState(batchId: string): Exclude<DraftRead, { state: 'ready' }> | { state: 'ready' } {
    return this.reading.state(batchId)
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
    await this.reading.ended(batchId)
    const read = await this.read(batchId)
    if (read.state === 'ready') return read.summary
    if (read.state === 'failed') throw new AppError(read.error.code, read.error.message)
    throw new AppError('conflict', 'The file is still being read.')
  }

  /** Resolves when no edit runs on the draft (at once when none does). */
  whenEdited(batchId: string): Promise<void> {
    return this.edits.whenEdited(batchId)
  }

  /** Stops reading the file. The draft stays, marked as not read to the end, until it is discarded. */
  cancel(batchId: string): void {
    this.reading.cancel(batchId)
  }

  /**
   * Stops any read, lets a running edit end, and removes the draft with its rows and the uploaded copy of its
   * sheet, unless the analyst reads that file again into a new draft (`keepFile`).
   */
  async discard(batchId: string, options: { keepFile?: boolean } = {}): Promise<void> {
    await this.reading.stop(batchId)
    await this.edits.whenEdited(batchId)
    this.edits.forget(batchId)
    if (options.keepFile) this.options.store.privacy.detachUploads(batchId)
    await this.options.runner.delete(batchId)
  }

  /** The draft has become a batch: its validator is no longer needed. */
  started(batchId: string): void {
    this.edits.forget(batchId)
  }

  private requireDraftBatch(batchId: string) {
    const batch = this.options.runner.get(batchId)
    if (batch.status !== 'draft') throw new AppError('conflict', 'This batch has already started.')
    return batch
  }

  rows(batchId: string, filter: DraftFilter, offset: number, limit: number) {
    return this.options.store.drafts.page(batchId, { importStatuses: FILTER_STATUSES[filter], offset, limit })
  }

  /** The draft's counts, walked a slice at a time so that a large draft does not hold up other calls. */
  summary(batchId: string): Promise<ImportSummary> {
    return draftSummary(this.options.store, batchId)
  }

  editCell(batchId: string, row: number, column: string, value: CellValue): Promise<DraftEdit> {
    return this.edits.editCell(batchId, row, column, value)
  }

  setExcluded(batchId: string, rows: number[], excluded: boolean): Promise<DraftEdit> {
    return this.edits.setExcluded(batchId, rows, excluded)
  }

  /** Excludes (or includes again) every row the filter shows, e.g. all rows with errors. */
  setExcludedWhere(
    batchId: string,
    filter: Exclude<DraftFilter, 'all'>,
    excluded: boolean
  ): Promise<DraftEdit> {
    return this.edits.setExcludedWhere(batchId, filter, excluded)
  }

  /** A column-wide fix: excludes every row with errors, or every row repeating an earlier row's document. */
  excludeAll(batchId: string, which: BulkExclusion): Promise<DraftEdit> {
    return this.edits.excludeAll(batchId, which)
  }

  /** Undoes the last column-wide exclusion still in force: the rows it excluded are included again. */
  undoExclusion(batchId: string): Promise<DraftEdit> {
    return this.edits.undoExclusion(batchId)
  }

  /** A column-wide fix: reads a date column's slash dates day first or month first. */
  setDateOrder(batchId: string, header: string, order: DateOrder): Promise<DraftEdit> {
    return this.edits.setDateOrder(batchId, header, order)
  }

  /** The column-wide fixes this draft offers, with the numbers they would change. */
  async fixes(batchId: string): Promise<DraftFixes> {
    return this.edits.fixes(batchId)
  }
}
