// Editing a draft's rows before it starts: a cell fixed, rows excluded or included again, and the column-wide
// fixes (every row with errors or repeating a document excluded, undone; a date column read day or month
// first). Every edit of a draft runs after the one before it, checks the rows again with the draft's validator
// and writes them a slice at a time, so that a large edit never holds up the app's other calls.
import type { BulkExclusion, DraftFixes } from '../../shared/batch'
import { AppError } from '../../shared/result'
import type { CellValue, ColumnMapping, ImportedRow } from '../../shared/sheets/types'
import {
  DuplicateIndex,
  RowValidator,
  type DateColumnDecision,
  type RowEdit
} from '../../shared/sheets/validate'
import type { DateOrder } from '../../shared/sheets/dates'
import { DATE_INPUTS, isInputName, type CustomTypeKinds } from '../../shared/checks/inputs'
import { isStorageFault, storageFaultMessage } from '../store/storage-faults'
import {
  FILTER_STATUSES,
  WALK_SLICE_ROWS,
  draftSummary,
  nextTurn,
  type DraftEdit,
  type DraftFilter,
  type DraftsOptions
} from './draft-options'

/**
 * Rows an edit reads, checks and writes between two turns of the event loop: at most 250, fewer in a wide
 * sheet (about 25,000 cells a slice). A bulk edit of a large draft (excluding 100,000 rows) runs as many such
 * slices, each its own transaction, so that every other call the app or another window makes meanwhile waits
 * a few tens of milliseconds at most, never the whole edit.
 */
const EDIT_SLICE_ROWS = 250
const EDIT_SLICE_CELLS = 25_000
/** An edit answers with the rows it changed only up to this many (a page of the grid); beyond, only counts. */
const RETURNED_ROWS = 1000

/** Journal entries of the column-wide fixes: date orders the analyst chose, exclusions and their undoing. */
const DATE_ORDERS = 'date-orders'
const BULK_EXCLUDED = 'bulk-excluded'
const BULK_UNDONE = 'bulk-undone'

/** A column-wide exclusion as the journal keeps it, so that it can be undone (also after a restart). */
interface BulkExclusionEntry {
  which: BulkExclusion
  rows: number[]
}

export class DraftEdits {
  private readonly validators = new Map<string, Promise<RowValidator>>()
  /** The edit running on each draft; the next one waits for it, and so do starting and discarding. */
  private readonly edits = new Map<string, Promise<unknown>>()
  constructor(
    private readonly options: DraftsOptions,
    /** Whether this process is still reading the draft's file (its rows cannot be edited yet). */
    private readonly isReading: (batchId: string) => boolean
  ) {}

  /** The draft's rows are read again, or it has started or gone: its validator is no longer of use. */
  forget(batchId: string): void {
    this.validators.delete(batchId)
  }

  /** Resolves when no edit runs on the draft (at once when none does). */
  async whenEdited(batchId: string): Promise<void> {
    await this.edits.get(batchId)?.catch(() => undefined)
  }

  private summary(batchId: string) {
    return draftSummary(this.options.store, batchId)
  }

  private requireEditable(batchId: string): void {
    if (this.isReading(batchId))
      throw new AppError(
        'conflict',
        'The file is still being read. Wait for it to finish before editing rows.'
      )
    if (this.options.store.batches.record(batchId).status !== 'draft')
      throw new AppError('conflict', 'This batch has started: its rows can no longer be changed.')
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

  editCell(batchId: string, row: number, column: string, value: CellValue): Promise<DraftEdit> {
    return this.apply(batchId, [row], { kind: 'cell', column, value })
  }

  setExcluded(batchId: string, rows: number[], excluded: boolean): Promise<DraftEdit> {
    return this.apply(batchId, rows, excluded ? { kind: 'exclude' } : { kind: 'include' })
  }

  /** Excludes (or includes again) every row the filter shows, e.g. all rows with errors. */
  setExcludedWhere(
    batchId: string,
    filter: Exclude<DraftFilter, 'all'>,
    excluded: boolean
  ): Promise<DraftEdit> {
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
  fixes(batchId: string): DraftFixes {
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
