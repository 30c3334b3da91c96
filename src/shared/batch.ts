// The vocabulary of batches, shared by the engines, the results store, the exports, the CLI and (through the
// IPC layer) the UI. Pure types and constants: nothing here touches Node, so the renderer may import it too.
import type { CostEstimate, FinalCost } from './costs'
import type { AppErrorInfo } from './result'
import type { ColumnMapping, ImportSummary } from './sheets/types'
import type { DateColumnDecision, DateOrder } from './sheets/dates'

export const ENGINES = ['direct', 'truora-batch'] as const
export type EngineKind = (typeof ENGINES)[number]

/**
 * - draft: created, never started.  running: a job works on it (or should, after a restart).
 * - paused: the analyst paused it; nothing is sent until resumed.  cancelling: no new checks are created,
 *   the ones already created are still collected.  completed / cancelled / failed: finished.
 */
export const BATCH_STATUSES = [
  'draft',
  'running',
  'paused',
  'cancelling',
  'completed',
  'cancelled',
  'failed'
] as const
export type BatchStatus = (typeof BATCH_STATUSES)[number]

/**
 * Why a row got no check, as a code the app translates (`monitor.rowFailures.<code>`), with Truora's or Lote's
 * own sentence kept beside it: `input-refused` — Truora refused the row's data; `same-check` — Truora returned
 * another row's check (same inputs); `create-failed` — no check could be created after every attempt;
 * `not-created` — a Truora batch made no check for the row.
 */
export const ROW_FAILURE_CODES = ['input-refused', 'same-check', 'create-failed', 'not-created'] as const
export type RowFailureCode = (typeof ROW_FAILURE_CODES)[number]

/**
 * Why a batch ended as it did, where the app has more to say: `key_refused` — Truora refused the connection's
 * API key; the batch is paused until a key that works is in place, then resumes from where it stopped.
 * `all-failed` — it ran to its end but no row got a usable result, so it is `failed`, not `completed`.
 */
export const BATCH_STATUS_CODES = ['key_refused', 'all-failed'] as const
export type BatchStatusCode = (typeof BATCH_STATUS_CODES)[number]

/** Statuses a restart picks up again by itself. */
export const UNFINISHED_STATUSES: readonly BatchStatus[] = ['running', 'cancelling']

/**
 * Where one row of a batch stands.
 * - skipped: the import found errors (or the analyst excluded it); never sent.
 * - pending: waiting for its check to be created.
 * - creating: its create request may have been sent; the row token was recorded first.
 * - running: its check exists and is not final yet (or its details are not stored yet).
 * - done: its check is final and stored with its details. Final is any status Truora does not document as
 *   waiting: `completed`, `error`, or one Lote does not know (kept raw; it needs the analyst's attention).
 * - failed: no check could be created (Truora refused the inputs, or gave up after retries).
 * - cancelled: the batch was cancelled before this row's check was created.
 * - given-up: its check was still waiting (`delayed`, …) when the batch's give-up limit ran out; Lote stopped
 *   asking. The check exists on Truora's side and may still finish there.
 * - lost: the check Lote created is not found any more on the other side (Truora, or a Sandbox that started
 *   afresh, answers 404 for it): there is no result to wait for. Never a verdict; a re-run makes a new check.
 */
export const ROW_STATES = [
  'skipped',
  'pending',
  'creating',
  'running',
  'done',
  'failed',
  'cancelled',
  'given-up',
  'lost'
] as const
export type RowState = (typeof ROW_STATES)[number]

/**
 * Readable risk of a check (docs/risk.md): high risk, needs review, low risk, not scored (the check ended
 * without a usable verdict), pending (the check has not finished). Only a `completed` check can be low.
 */
export const RISK_LEVELS = ['high', 'medium', 'low', 'unknown', 'pending'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

/** Why a check has its risk level: one entry per signal found (docs/risk.md lists them all). */
export const RISK_REASON_CODES = [
  'identity-not-found',
  'identity-dead',
  'company-not-found',
  'vehicle-not-found',
  'severe-record',
  'severe-namesake',
  'dataset-severe',
  'score-high',
  'record-found',
  'namesake',
  'wrong-inputs',
  'databases-not-consulted',
  'datasets-not-scored',
  'score-review',
  'name-score',
  'check-error',
  'check-status-unrecognised',
  'no-score',
  'check-not-finished'
] as const
export type RiskReasonCode = (typeof RISK_REASON_CODES)[number]

export interface RiskReason {
  code: RiskReasonCode
  /** The level this signal alone calls for. */
  level: Exclude<RiskLevel, 'low'>
  /** The dataset concerned (criminal_record, …). */
  dataSet?: string
  /** The dataset's severity, in Truora's vocabulary (src/shared/checks/severity.ts). */
  severity?: string
  /** The score concerned and which one it is. */
  score?: number
  scoreKind?: 'score' | 'id' | 'name'
  /** The check's status, for status signals. */
  status?: string
  /** Inputs, databases or datasets the signal names. */
  items?: string[]
}

export type DetailsPolicy = 'all' | 'attention' | 'none'

export interface BatchOptions {
  /** Requests in flight at once (direct engine). */
  concurrency: number
  /** Starting request rate per second for the account's shared limiter. */
  requestsPerSecond: number
  /** Ceiling the limiter may climb back to after slowing down. */
  maxRequestsPerSecond: number
  /**
   * Which final checks get their details fetched: all; only those that need attention (something found,
   * not scored, or in error; the default, since a low-risk check's scores and statuses already say it all);
   * or none.
   */
  details: DetailsPolicy
  /** Also request and download the Truora PDF of every final check. */
  pdfs: boolean
  /** Set when the analyst cancelled: no more creates. `collect` false also stops polling. */
  cancel?: { at: string; collect: boolean }
  /** For a batch run against a Sandbox at a fixed address (lote --sandbox-url), so resume finds it again. */
  endpoint?: string
  /**
   * First attempt of each create sends force_creation=true: every row gets its own new check. When false,
   * Truora may hand back a recent check with the same inputs instead of charging a new one.
   */
  forceCreation: boolean
  /** Re-run every check on this schedule until the end date (Truora continuous checks). */
  continuous?: { frequency: string; endDate: string }
  /**
   * How long a check (or a Truora batch) may stay waiting before Lote stops asking and marks it given up,
   * so a batch always ends. Truora says a `delayed` check can take up to 3 days.
   */
  giveUpAfterMs: number
  /**
   * Rows whose subject had a completed check on this connection within this many days get that result instead
   * of a new check (0: never). Unset: the connection's reuse window.
   */
  reuseDays?: number
  /** The finished batch whose people this draft checks again: it always makes new checks. */
  recheckOf?: string
}

export const DEFAULT_GIVE_UP_AFTER_MS = 48 * 3_600_000

export const DEFAULT_BATCH_OPTIONS: BatchOptions = {
  concurrency: 8,
  requestsPerSecond: 10,
  maxRequestsPerSecond: 20,
  details: 'attention',
  pdfs: false,
  forceCreation: true,
  giveUpAfterMs: DEFAULT_GIVE_UP_AFTER_MS
}

/**
 * How the Truora-batch engine found a row's check, tried in this order (docs/truora-api.md decision 19):
 * listing the checks of the batch's `report_id`, the check ids in the batch's report file, or listing the
 * account's checks and matching them by Lote's row token or by the inputs.
 */
export const FIND_MEANS = ['report-id', 'report-file', 'listing'] as const
export type FindMeans = (typeof FIND_MEANS)[number]

export interface Authorization {
  /** ISO time the analyst confirmed that every person checked authorised it (user_authorized=true). */
  confirmedAt: string
  profileId: string
  statement: string
  /** What shows the authorisation, when the analyst gave it (older batches have none). */
  evidence?: ConsentEvidence | null
}

/** A signed consent file attached at the confirmation step, kept sealed with the batch. */
export interface ConsentFile {
  name: string
  bytes: number
  /** SHA-256 of the file as attached, so the copy an auditor is shown can be matched to it. */
  sha256: string
}

/** The evidence of authorisation recorded with the analyst's confirmation. */
export interface ConsentEvidence {
  /** The data protection law the statement names. */
  law: string | null
  files: ConsentFile[]
  /** The analyst's references: the request that collected the consents, the consent form's version. */
  requestId: string | null
  formVersion: string | null
}

export const AUTHORIZATION_STATEMENT =
  'I confirm that every person or company in this batch authorised this background check, as the law and Truora require (user_authorized=true).'

/** Where a Truora-batch engine run stands, persisted after every step so a restart continues from it. */
export interface RemoteBatchState {
  step:
    | 'creating'
    | 'created'
    | 'uploaded'
    | 'starting'
    | 'started'
    | 'finished'
    | 'report-requested'
    | 'report-downloaded'
    | 'collected'
  batchId?: string
  reportId?: string
  /** Input names in file column order. */
  columns?: string[]
  uploadLink?: string
  linkExpiresAt?: string
  /** The raw batch status string as Truora last reported it. */
  status?: string
  failureReason?: string
  stopRequested?: boolean
  /** When Truora made the batch (ISO): checks listed as its own cannot be older. */
  createdAt?: string
  /** Where Truora's report was saved, once downloaded. */
  reportPath?: string
  /** When the batch started on Truora's side (ISO), for the give-up limit. */
  startedAt?: string
  /** Lote stopped waiting for Truora's batch to finish (the give-up limit ran out). */
  gaveUpWaiting?: boolean
  /** How many rows' checks each means found. */
  found?: Partial<Record<FindMeans, number>>
}

export type RowCounts = Record<RowState, number>

/** Row states that are an outcome: nothing more is asked of Truora for the row (a re-run may start it again). */
export const OUTCOME_STATES = [
  'done',
  'failed',
  'cancelled',
  'given-up',
  'lost'
] as const satisfies readonly RowState[]

/** How many rows have an outcome. */
export function rowsWithOutcome(counts: RowCounts): number {
  return OUTCOME_STATES.reduce((sum, state) => sum + counts[state], 0)
}

/** Finer counts for progress: running rows split by the status Truora gives their check. */
export interface ProgressCounts extends RowCounts {
  /** Rows whose check is `delayed`. */
  delayed: number
  /** Final rows by check status. */
  completed: number
  error: number
  /** Final rows whose status Lote does not know (neither completed nor error). */
  unknownFinal: number
}

export interface BatchSummary {
  id: string
  name: string
  fileName: string | null
  sheet: string | null
  country: string | null
  type: string | null
  engine: EngineKind
  status: BatchStatus
  statusMessage: string | null
  /** Why it stopped, when the app has a fix to offer for it. */
  statusCode: BatchStatusCode | null
  profileId: string | null
  options: BatchOptions
  authorization: Authorization | null
  remote: RemoteBatchState | null
  createdAt: string
  updatedAt: string
  startedAt: string | null
  finishedAt: string | null
  total: number
  counts: ProgressCounts
  /**
   * Another process working on the batch right now (another desktop app, `lote serve`, `lote run`), named for
   * the analyst; this one only watches it. Absent when unknown (read straight from the store).
   */
  workedOnBy?: string | null
  /** What starting it was estimated to do and cost (null for batches started without one). */
  estimate: CostEstimate | null
  /** Checks this batch created, by check type and country (re-runs included; reused results are not). */
  made: { country: string; type: string; checks: number }[]
  /** Rows answered with an earlier check's result, and rows sharing another row's check. */
  reuse: { reused: number; grouped: number }
}

export interface NewBatch {
  name?: string
  fileName?: string | null
  sheet?: string | null
  mapping: ColumnMapping
  /** Batch-wide country and type; a row's own (mixed batches) wins. */
  country?: string | null
  type?: string | null
  engine?: EngineKind
  profileId?: string | null
  options?: Partial<BatchOptions>
}

/**
 * What a batch's engine is doing, as a code: the renderer shows it in the analyst's language
 * (`monitor.phases.<code>`), the lote command and the log in English (ENGINE_PHASE_TEXT).
 */
export const ENGINE_PHASES = [
  'starting',
  'creating-checks',
  'waiting-for-results',
  'preparing-file',
  'creating-truora-batch',
  'uploading-file',
  'starting-truora-batch',
  'waiting-for-truora-batch',
  'requesting-report',
  'downloading-report',
  'collecting-results'
] as const
export type EnginePhase = (typeof ENGINE_PHASES)[number]

export const ENGINE_PHASE_TEXT: Record<EnginePhase, string> = {
  starting: 'starting',
  'creating-checks': 'creating checks',
  'waiting-for-results': 'waiting for results',
  'preparing-file': 'preparing the file',
  'creating-truora-batch': 'creating the batch on Truora',
  'uploading-file': 'uploading the file',
  'starting-truora-batch': 'starting the batch on Truora',
  'waiting-for-truora-batch': "waiting for Truora's batch",
  'requesting-report': 'asking Truora for the report',
  'downloading-report': "downloading Truora's report",
  'collecting-results': 'collecting results'
}

/** What a job's warning is about; the app says each in the analyst's words and what Lote does about it. */
export const BATCH_WARNING_CODES = [
  'health',
  'rate-limited',
  'retrying',
  'unknown-shape',
  'given-up',
  'lost',
  'storage',
  'connection',
  'recovered',
  'worker'
] as const
export type BatchWarningCode = (typeof BATCH_WARNING_CODES)[number]

/** One event of a batch job. The stream ends with `finished`. */
export type BatchEvent =
  | { type: 'started'; batchId: string; engine: EngineKind; total: number; at: string }
  | {
      type: 'progress'
      batchId: string
      counts: ProgressCounts
      /** Valid rows (all but skipped). */
      total: number
      /** Rows with an outcome (done, failed, cancelled, given up, lost). */
      finished: number
      /** Rows finished per minute over the last minute or so. */
      rowsPerMinute: number
      /** Requests per second to Truora over the same window. */
      requestsPerSecond: number
      /** Seconds to go at the current pace; null until there is a pace. */
      etaSeconds: number | null
      /**
       * When Lote gives up, at the latest, on the checks Truora holds back (`delayed`): the latest of their
       * deadlines, each the give-up limit after the check began waiting (ISO); null when none is delayed.
       */
      delayedGiveUpAt: string | null
      /** What the engine is doing. */
      phase: EnginePhase
      at: string
    }
  | {
      type: 'warning'
      batchId: string
      /**
       * storage: the disk is full (or the database cannot be written) and the job waits for it;
       * connection: the place a resumed batch's checks are does not answer, and the job waits for it;
       * worker: another process took the batch over.
       */
      code: BatchWarningCode
      message: string
      at: string
    }
  | { type: 'row-failed'; batchId: string; row: number; message: string; at: string }
  | {
      type: 'finished'
      batchId: string
      status: BatchStatus
      counts: ProgressCounts
      message: string | null
      at: string
    }

export type BatchEventListener = (event: BatchEvent) => void

/**
 * A batch as the renderer sees it: its summary without what only the engines need — the Truora batch's upload
 * link and raw statuses (only its step shows), the address of a Sandbox given on the command line — and with
 * the file's name, never where it sits on disk.
 */
export type BatchView = Omit<BatchSummary, 'remote' | 'options'> & {
  options: Omit<BatchOptions, 'endpoint'>
  remoteStep: RemoteBatchState['step'] | null
  /** For a Truora batch: how many checks each means found them by. */
  found: RemoteBatchState['found'] | null
  /** For a draft in the batch list: how far its file was read ('failed': not to the end, so it cannot start). */
  draftRead?: DraftRead['state']
  /** What the batch really created so far, priced as its estimate priced it. */
  cost: FinalCost
}

/** How far reading a draft's file has got. A draft can start only once it is `ready`. */
export type DraftRead =
  | { state: 'reading'; rows: number; fraction: number }
  | { state: 'ready'; summary: ImportSummary }
  | { state: 'failed'; error: AppErrorInfo }

/** A draft as the review step needs it: what it was read with, and where reading stands. */
/** Rows a column-wide fix excludes at once: every row with errors, or every row repeating an earlier document. */
export type BulkExclusion = 'errors' | 'duplicates'

/** The column-wide fixes a draft offers at the review, and the last exclusion that can be undone. */
export interface DraftFixes {
  /** Each mapped date column: how its slash dates are read, and what settled it. */
  dates: {
    header: string
    order: DateOrder
    settledBy: DateColumnDecision['settledBy'] | null
    ambiguous: boolean
  }[]
  /** Rows (not excluded) that repeat the document of an earlier row. */
  duplicates: number
  /** Rows with errors. */
  errors: number
  /** The last column-wide exclusion still in force, to undo. */
  undo: { which: BulkExclusion; rows: number } | null
}

export interface DraftView {
  batchId: string
  name: string
  fileName: string | null
  sheet: string | null
  mapping: ColumnMapping
  read: DraftRead
}
