// What the Truora client hands to the rest of Lote. Field names are camelCase; `raw` keeps what the API
// sent, so nothing is lost when Truora adds fields we do not model (docs/truora-api.md, decision 2).

/** Known check statuses; others may appear and are kept as sent. */
export type CheckStatus = 'not_started' | 'in_progress' | 'delayed' | 'completed' | 'error' | (string & {})

export {
  classifyCheckStatus,
  isFinalCheckStatus,
  WAITING_CHECK_STATUSES,
  type CheckStatusClass
} from '../../shared/checks/statuses'

export type JsonObject = Record<string, unknown>

export interface ScoreDetail {
  result: string | null
  score: number | null
  severity: string | null
}

/** One entry of `scores`: the result of one dataset (criminal_record, …). */
export interface DatasetScore extends ScoreDetail {
  dataSet: string
  byId: ScoreDetail | null
  byName: ScoreDetail | null
}

/** One entry of `statuses`: how one database answered. Not-yet-started ones may lack an id. */
export interface DatabaseStatus {
  databaseId: string | null
  databaseName: string
  dataSet: string | null
  status: string
  invalidInputs: string[]
}

export interface NameFound {
  firstName: string | null
  lastName: string | null
  count: number | null
}

export interface CheckSummary {
  identityStatus: string | null
  namesFound: NameFound[]
  raw: JsonObject
}

export interface Check {
  id: string
  country: string
  type: string
  status: CheckStatus
  /** Global score 0..1 (1 = low risk); -1 while not started; null when absent. */
  score: number | null
  idScore: number | null
  /** `name_score`, or the older `homonym_score`. */
  nameScore: number | null
  scores: DatasetScore[]
  statuses: DatabaseStatus[]
  summary: CheckSummary | null
  creationDate: string | null
  updateDate: string | null
  customInput: string | null
  reportId: string | null
  previousCheck: string | null
  /** Who is billed for the check, as Truora names it. */
  billingHub: string | null
  /** `details` and `self` of the `{check, details, self}` answer: where Truora keeps them. */
  detailsPath: string | null
  selfPath: string | null
  /** Inputs the API echoed back (national_id, first_name, …). */
  inputs: Record<string, string>
  raw: JsonObject
}

export interface DetailCell {
  label: string
  value: string
}

export interface DetailTable {
  title: string
  rows: { cells: DetailCell[] }[]
}

export interface CheckDetail {
  id: string
  checkId: string | null
  dataSet: string | null
  databaseId: string | null
  databaseName: string | null
  result: string | null
  severity: string | null
  route: string | null
  tables: DetailTable[]
  raw: JsonObject
}

/** The human-readable digest of `/summarize`. */
export interface Summarization {
  checkId: string | null
  status: string | null
  text: string
  raw: JsonObject
}

export interface Attachment {
  id: string | null
  checkId: string | null
  fileName: string | null
  contentType: string | null
  /** Null when Truora's answer holds no link Lote recognises (reported as an unknown shape). */
  url: string | null
  databaseName: string | null
  dataSet: string | null
  raw: JsonObject
}

export type HourlyStatus =
  | 'operational'
  | 'degraded_performance'
  | 'partial_outage'
  | 'major_outage'
  | 'under_maintenance'
  | 'deprecated'
  | 'undetermined'
  | (string & {})

export interface HealthEntry {
  databaseId: string | null
  databaseName: string
  dataSets: string[]
  /** One entry per hour of the requested local day, index 0 = 00:00. */
  hourlyStatus: HourlyStatus[]
}

export interface DatasetWeight {
  dataSet: string
  weight: number
}

export interface CustomType {
  country: string
  type: string
  weights: DatasetWeight[]
}

export interface Settings {
  maxDuration: string | null
  namesMatchingType: string | null
  retries: boolean | null
  raw: JsonObject
}

export interface ContinuousCheck {
  id: string
  check: Check | null
  frequency: string | null
  status: string | null
  scoreStatus: string | null
  /** Runs so far: `counter` in the examples, `count` in the reference's prose. */
  counter: number | null
  endDate: string | null
  nextRunDate: string | null
  creationDate: string | null
  updateDate: string | null
  raw: JsonObject
}

export interface ContinuousCheckChange {
  date: string | null
  event: string | null
  raw: JsonObject
}

export interface BatchColumn {
  input: string
  /** 0 = column A. */
  index: number
}

export interface BatchCreated {
  id: string
  columns: BatchColumn[]
  fileUploadLink: string
  /** When the upload link stops working, when the API says. */
  linkExpiresAt: string | null
  raw: JsonObject
}

/** Batch status strings are not documented; the raw string is kept (decision 4). */
export type BatchStatus = 'not_started' | 'in_progress' | 'completed' | 'stopped' | 'failed' | (string & {})

const FINAL_BATCH_STATUSES: ReadonlySet<string> = new Set([
  'completed',
  'finished',
  'done',
  'stopped',
  'failed',
  'error',
  'canceled'
])

export function isFinalBatchStatus(status: string): boolean {
  return FINAL_BATCH_STATUSES.has(status)
}

export interface Batch {
  id: string
  status: BatchStatus
  reportId: string | null
  /** Rows in the uploaded file. */
  size: number | null
  createdChecks: number | null
  invalidChecks: number | null
  completedChecks: number | null
  failureReason: string | null
  creationDate: string | null
  raw: JsonObject
}

export type BatchReportFormat = 'xlsx' | 'csv'

export type BatchReport =
  { kind: 'pending' } | { kind: 'file'; bytes: Buffer; contentType: string } | { kind: 'link'; url: string }

export interface Page<T> {
  items: T[]
  /** Path or key of the next page; empty when this was the last one. */
  next: string
}

/**
 * A body (or part of one) that Lote could not read as any shape it knows. `shape` is the structure only —
 * key names and value types, never values — so it can be logged without personal data.
 */
export interface UnknownShape {
  /** What was being read, e.g. "attachment", "database health". */
  what: string
  /** `METHOD /path` of the request, when known. */
  request?: string
  shape: string
}

export type UnknownShapeListener = (report: UnknownShape) => void
