// The vocabulary of results: one row of the results grid, the questions the grid asks, and one check as the
// drawer shows it. Read from the results store by the backend and shown by the renderer alike.
import type { RiskLevel, RiskReason, RowFailureCode, RowState } from './batch'
import type { ChangeSummary } from './checks/changes'
import type { CellValue, RowIssue, RowStatus } from './sheets/types'
import type { DecisionFilter, DecisionView } from './decisions'

/** Where a reused result came from: a completed check of the same subject made earlier by another batch. */
export interface ReusedOrigin {
  checkId: string
  batchId: string
  batchName: string
  /** When that check was made. */
  checkedAt: string
}

/**
 * Why a row's result is not a check of its own: an earlier check reused (no request made), or the check of an
 * earlier row of the same file with the same document (one check for both).
 */
export type RowOrigin = ({ kind: 'reused' } & ReusedOrigin) | { kind: 'grouped'; row: number }

/**
 * How a row's check compares with the previous check of the same subject on the same connection: `first` when
 * there was none. Null for rows whose check is not completed, or whose result was reused.
 */
export type RowChange = { kind: 'first' } | ({ kind: 'compared' } & ChangeSummary)

/** One dataset's answer in a check, as the grid and the exports show it. */
export interface DatasetView {
  result: string | null
  severity: string | null
  score: number | null
  foundBy: 'id' | 'name' | null
}

/** One row of the results grid: the analyst's row with its current check. */
export interface ResultRow {
  seq: number
  /** 1-based sheet row. */
  row: number
  cells: Record<string, CellValue>
  inputs: Record<string, string>
  country: string | null
  type: string | null
  issues: RowIssue[]
  importStatus: RowStatus
  state: RowState
  attempts: number
  lastError: string | null
  /** Why the row got no check, as a code the app translates; null for rows failed before codes existed. */
  lastErrorCode: RowFailureCode | null
  checkId: string | null
  checkStatus: string | null
  score: number | null
  idScore: number | null
  nameScore: number | null
  risk: RiskLevel | null
  /** The signals behind `risk` (docs/risk.md); empty when the row has no check. */
  riskReasons: RiskReason[]
  /** The analyst's current decision on the row (on its current check), or null while undecided. */
  decision: DecisionView | null
  datasets: Record<string, DatasetView>
  /** When the row's check was made (Truora's creation date), for reused results the earlier check's date. */
  checkedAt: string | null
  origin: RowOrigin | null
  change: RowChange | null
}

export const ROW_SORT_KEYS = ['row', 'score', 'risk', 'state', 'status', 'name', 'decision'] as const
export type RowSortKey = (typeof ROW_SORT_KEYS)[number]

export interface RowQuery {
  states?: RowState[]
  /** How the import judged the row (ok, warning, error, excluded): the draft review filters on it. */
  importStatuses?: RowStatus[]
  /** Truora status of the row's check (`completed`, `error`, `delayed`, …). */
  checkStatuses?: string[]
  risks?: RiskLevel[]
  scoreMin?: number
  scoreMax?: number
  /** Only rows whose check found something in this dataset (e.g. criminal_record). */
  datasetFound?: string
  /** Matches names and document numbers, ignoring case and accents. */
  text?: string
  /** The analyst's current decision, or `undecided`. */
  decisions?: DecisionFilter[]
  /** Only rows whose check differs from the previous check of the same subject. */
  changedOnly?: boolean
  sort?: { by: RowSortKey; direction?: 'asc' | 'desc' }
  offset?: number
  /** Default 100, at most 1000. */
  limit?: number
}

export interface RowPage {
  rows: ResultRow[]
  /** Rows matching the filters. */
  total: number
  offset: number
}

/** One detail of a check as the results drawer shows it: a database's answer and its tables. */
export interface DetailView {
  id: string | null
  dataSet: string | null
  databaseName: string | null
  result: string | null
  severity: string | null
  tables: { title: string; rows: { label: string; value: string }[][] }[]
}

/** How one of Truora's databases answered for a check. */
export interface DatabaseStatusView {
  name: string
  dataSet: string | null
  status: string
  /** Inputs this database refused, when it says so. */
  invalidInputs: string[]
}

/** One check as the results drawer shows it: its scores, datasets and databases, never Truora's raw JSON. */
export interface CheckView {
  checkId: string
  batchId: string
  /** The row's place in the batch (its key), and its 1-based sheet row. */
  seq: number
  row: number
  /** Whom the check is about, for display: the name sent, else the sheet's name columns, else Truora's. */
  person: { name: string; document: string; inputs: Record<string, string> }
  status: string
  score: number | null
  idScore: number | null
  nameScore: number | null
  risk: RiskLevel
  /** The signals behind `risk`, most serious first (docs/risk.md). */
  riskReasons: RiskReason[]
  createdAt: string | null
  updatedAt: string | null
  finalAt: string | null
  lastError: string | null
  datasets: Record<string, DatasetView>
  databases: DatabaseStatusView[]
  /** Whether details were stored when the batch ran (they can then be shown offline). */
  detailsStored: boolean
  /** Whether Truora's PDF of the check was downloaded when the batch ran. */
  pdfStored: boolean
}
