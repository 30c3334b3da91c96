// What the parts of a draft's handling (reading its file, editing its rows, the Drafts facade) share: what the
// app gives them, the grid's filters, and what an edit answers with.
import { SummaryBuilder } from '../../shared/sheets/summary'
import type { ImportSummary, ImportedRow } from '../../shared/sheets/types'
import type { CustomTypeKinds } from '../../shared/checks/inputs'
import type { Leasing } from '../batch/leasing'
import type { BatchService } from '../batch/service'
import type { EventBus } from '../events'
import type { FileRegistry } from '../files'
import type { Logger } from '../log'
import type { ReaderLauncher } from '../sheets/workers'
import type { ResultsStore } from '../store/results/results-store'
import type { Auditor } from '../store/audit-log'
import type { Spreadsheets } from './spreadsheets'

export type DraftFilter = 'all' | 'problems' | 'errors' | 'excluded'

export const FILTER_STATUSES: Record<DraftFilter, ImportedRow['status'][] | undefined> = {
  all: undefined,
  problems: ['warning', 'error'],
  errors: ['error'],
  excluded: ['excluded']
}

/** What an edit did: the rows it changed (unless there are too many to send back), how many, and the counts. */
export interface DraftEdit {
  rows: ImportedRow[]
  changed: number
  summary: ImportSummary
}

/** Lets other calls and events run before the next slice of work. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Stored rows read between two turns of the event loop when the whole draft is walked (counts, duplicates). */
export const WALK_SLICE_ROWS = 1000

/**
 * The draft's counts, walked a slice at a time so that a large draft does not hold up other calls. (One SQL
 * statement reads every row's page just the same, in one go: about as long for 200,000 rows, and all of it a
 * stall of the event loop.)
 */
export async function draftSummary(
  store: Pick<ResultsStore, 'drafts'>,
  batchId: string
): Promise<ImportSummary> {
  const builder = new SummaryBuilder()
  let walked = 0
  for (const row of store.drafts.eachOutline(batchId)) {
    // An excluded row's problems no longer need fixing: count the row, not its issues.
    builder.add(row.status === 'excluded' ? { ...row, issues: [] } : row)
    if (++walked % WALK_SLICE_ROWS === 0) await nextTurn()
  }
  return builder.result()
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
