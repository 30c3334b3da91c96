// The check ledger: where the engines write every step of a row's life — before the request that depends on
// it leaves, so a crash at any instant loses nothing and repeats nothing — and read back the work left. A row
// goes pending → creating (its token recorded) → running (its check id recorded) → done, or failed or
// cancelled; its check's readings, details and files are kept beside it. A row that repeats an earlier row's
// document (`follows_seq`) is never the engines' work: it waits, pending, for that row's check and then shares
// its every step — running, done, failed or cancelled — so one check is paid for the document.
import type { RiskLevel, RemoteBatchState, RowFailureCode, RowState } from '../../../shared/batch'
import { assessRisk, datasetOutcomes, keptScores, RISK_RULES_VERSION } from '../../../shared/checks/risk'
import { parseCheck } from '../../truora/parse'
import { isFinalCheckStatus, type Check, type CheckDetail } from '../../truora/types'
import type { BatchRecords } from './batch-records'
import type { Database } from './database'
import type { Journal } from './journal'
import { now, placeholders } from './codec'
import type { FileVault } from '../sealed-files'

/** Rows sharing a row's check are found through their own index (the planner would walk the batch). */
const BY_LEADER = 'rows INDEXED BY rows_follows'

/** What an engine needs of a row to work on it. */
export interface WorkRow {
  seq: number
  row: number
  inputs: Record<string, string>
  country: string
  type: string
  state: RowState
  token: string | null
  generation: number
  attempts: number
  checkId: string | null
}

/** A check an engine still has to follow. */
export interface OpenCheck {
  checkId: string
  seq: number
  row: number
  status: string
  polls: number
  /** Epoch ms of the next planned poll, null when it should be polled right away. */
  nextPollAt: number | null
  /** Epoch ms when Lote learned of it. */
  firstSeenAt: number
  detailsState: 'none' | 'stored' | 'skipped'
  pdfState: 'none' | 'requested' | 'stored' | 'failed'
}

/** Files kept for a batch; `upload` is the browser host's copy of the analyst's spreadsheet (in uploads/). */
export type FileKind = 'check-pdf' | 'attachment' | 'batch-report' | 'batch-upload' | 'consent' | 'upload'

/** A file Lote downloaded or wrote for a batch, kept under the data folder. */
export interface StoredFile {
  id: number
  batchId: string
  checkId: string | null
  kind: FileKind
  path: string
  bytes: number
  createdAt: string
}

/**
 * Scores and risk of a reading of a check. A check that is not completed keeps no score at all (Truora's are
 * placeholders until then), so no list, sort, chart or export can show one.
 */
interface Verdict {
  score: number | null
  idScore: number | null
  nameScore: number | null
  level: RiskLevel
  reasonsJson: string
}

function verdictOf(check: Check): Verdict {
  const { level, reasons } = assessRisk(check)
  return { ...keptScores(check), level, reasonsJson: JSON.stringify(reasons) }
}

/** The verdict's columns of `checks`, in the order `score, id_score, name_score, risk, risk_reasons_json, risk_rules`. */
function verdictColumns(verdict: Verdict): (string | number | null)[] {
  return [
    verdict.score,
    verdict.idScore,
    verdict.nameScore,
    verdict.level,
    verdict.reasonsJson,
    RISK_RULES_VERSION
  ]
}

/**
 * The part of the ledger the engines work through: their rows, their checks, their files, the state of a
 * Truora batch, and notes in the journal. Nothing else of the store is theirs to touch.
 */
export type EngineLedger = Pick<
  CheckLedger,
  | 'workRows'
  | 'openChecks'
  | 'completionTimes'
  | 'checkState'
  | 'rowOfCheck'
  | 'markCreating'
  | 'noteCreateTrouble'
  | 'markFailed'
  | 'markCancelled'
  | 'cancelPending'
  | 'recordCreated'
  | 'recordCheck'
  | 'notePollTrouble'
  | 'recordDetails'
  | 'skipDetails'
  | 'setPdfState'
  | 'markDone'
  | 'givenUp'
  | 'markLost'
  | 'recordFile'
  | 'saveFile'
  | 'readFile'
  | 'setRemote'
  | 'journal'
>

export class CheckLedger {
  constructor(
    private readonly db: Database,
    private readonly batches: BatchRecords,
    private readonly entries: Journal,
    private readonly vault: FileVault
  ) {}

  // ---- Rows, as the engines work on them ----

  /** The rows an engine works on (never those sharing another row's check), in sheet order. */
  workRows(batchId: string, states: readonly RowState[], limit = -1): WorkRow[] {
    const records = this.db
      .sql(
        `SELECT seq, row_number AS row, inputs_json, country, type, state, token, generation, attempts,
           check_id AS checkId
         FROM rows WHERE batch_id = ? AND state IN (${placeholders(states)}) AND follows_seq IS NULL
         ORDER BY seq LIMIT ?`
      )
      .all(batchId, ...states, limit) as (Omit<WorkRow, 'inputs'> & { inputs_json: string })[]
    return records.map(({ inputs_json, ...row }) => ({
      ...row,
      inputs: JSON.parse(inputs_json) as Record<string, string>
    }))
  }

  /** Recorded before the create request leaves: from here on a restart looks for this token's check first. */
  markCreating(batchId: string, seq: number, token: string): void {
    this.db
      .sql(
        `UPDATE rows SET state = 'creating', token = ?, attempts = attempts + 1, updated_at = ? WHERE batch_id = ? AND seq = ?`
      )
      .run(token, now(), batchId, seq)
  }

  /** Puts a row whose create failed in a way that may be retried back in line (it stays `creating`). */
  noteCreateTrouble(batchId: string, seq: number, message: string): void {
    this.db
      .sql('UPDATE rows SET last_error = ?, updated_at = ? WHERE batch_id = ? AND seq = ?')
      .run(message, now(), batchId, seq)
  }

  /** A row that will get no check: why, as a code the app translates and as a sentence. Rows sharing its check fail with it. */
  markFailed(batchId: string, seq: number, message: string, code: RowFailureCode): void {
    this.db.transaction(() => {
      const at = now()
      this.db
        .sql(
          `UPDATE rows SET state = 'failed', last_error = ?, last_error_code = ?, updated_at = ? WHERE batch_id = ? AND seq = ?`
        )
        .run(message, code, at, batchId, seq)
      const row = this.db
        .sql('SELECT row_number FROM rows WHERE batch_id = ? AND seq = ?')
        .get(batchId, seq) as { row_number: number } | undefined
      this.db
        .sql(
          `UPDATE ${BY_LEADER} SET state = 'failed', last_error = ?, last_error_code = ?, updated_at = ?
           WHERE batch_id = ? AND follows_seq = ? AND state = 'pending'`
        )
        .run(
          `Shares the check of row ${row?.row_number ?? seq + 1}, which got none: ${message}`,
          code,
          at,
          batchId,
          seq
        )
      this.entries.add(batchId, 'row-failed', seq, { message, code })
    })
  }

  /**
   * A row whose create was cut short by a cancel. It keeps its token and attempts, so a re-run asks with
   * force_creation=false and gets back a check an earlier attempt may have made.
   */
  markCancelled(batchId: string, seq: number): void {
    this.db.transaction(() => {
      const at = now()
      this.db
        .sql(
          `UPDATE rows SET state = 'cancelled', updated_at = ? WHERE batch_id = ? AND seq = ? AND state IN ('pending', 'creating')`
        )
        .run(at, batchId, seq)
      this.db
        .sql(
          `UPDATE ${BY_LEADER} SET state = 'cancelled', updated_at = ?
           WHERE batch_id = ? AND follows_seq = ? AND state = 'pending'`
        )
        .run(at, batchId, seq)
    })
  }

  /** Pending rows of a cancelled batch will never get a check. */
  cancelPending(batchId: string): number {
    return this.db
      .sql(`UPDATE rows SET state = 'cancelled', updated_at = ? WHERE batch_id = ? AND state = 'pending'`)
      .run(now(), batchId).changes
  }

  /**
   * Puts rows that failed to get a check, whose check ended in `error`, was lost on Truora's side or was given up
   * while still waiting, back in line. A row whose check errored, was lost or given up gets a new token (a new
   * check is wanted: a given-up check that has finished since was taken back first, `reopenGivenUp`); one that
   * never got a check keeps its token, because a lost create may still have made one and must be found again
   * rather than repeated.
   */
  resetForRerun(batchId: string): number {
    const at = now()
    return this.db.transaction(() => {
      const errored = this.db
        .sql(
          `UPDATE rows SET state = 'pending', generation = generation + 1, token = NULL, attempts = 0, check_id = NULL,
             check_status = NULL, score = NULL, risk = NULL, last_error = NULL, last_error_code = NULL, updated_at = ?
           WHERE batch_id = ? AND ((state = 'done' AND check_status = 'error') OR state IN ('lost', 'given-up'))`
        )
        .run(at, batchId).changes
      const failed = this.db
        .sql(
          `UPDATE rows SET state = CASE WHEN token IS NULL THEN 'pending' ELSE 'creating' END, last_error = NULL, last_error_code = NULL, updated_at = ?
           WHERE batch_id = ? AND state = 'failed'`
        )
        .run(at, batchId).changes
      const cancelled = this.db
        .sql(
          `UPDATE rows SET state = CASE WHEN token IS NULL THEN 'pending' ELSE 'creating' END, updated_at = ?
           WHERE batch_id = ? AND state = 'cancelled'`
        )
        .run(at, batchId).changes
      this.entries.add(batchId, 'rerun', null, { errored, failed, cancelled })
      return errored + failed + cancelled
    })
  }

  /** The row a check belongs to, by the token Lote put in custom_input. */
  rowByToken(
    token: string
  ): { batchId: string; seq: number; state: RowState; checkId: string | null } | null {
    const record = this.db
      .sql('SELECT batch_id, seq, state, check_id FROM rows WHERE token = ?')
      .get(token) as { batch_id: string; seq: number; state: RowState; check_id: string | null } | undefined
    return record
      ? { batchId: record.batch_id, seq: record.seq, state: record.state, checkId: record.check_id }
      : null
  }

  /** Whether every valid row of the batch has a final outcome (done, failed or cancelled). */
  isFinished(batchId: string): boolean {
    const open = this.db
      .sql(
        `SELECT COUNT(*) AS n FROM rows WHERE batch_id = ? AND state IN ('pending', 'creating', 'running')`
      )
      .get(batchId) as { n: number }
    return open.n === 0
  }

  // ---- Checks ----

  /** The create answered: the check id is stored before anything else is asked about it. */
  recordCreated(batchId: string, seq: number, check: Check, nextPollAt: number | null): void {
    this.db.transaction(() => {
      const generation = (
        this.db.sql('SELECT generation FROM rows WHERE batch_id = ? AND seq = ?').get(batchId, seq) as {
          generation: number
        }
      ).generation
      const at = now()
      this.db
        .sql(
          `INSERT INTO checks (check_id, batch_id, seq, generation, status, risk, raw_json, created_at, api_updated_at,
             first_seen_at, next_poll_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'pending', '{}', ?, ?, ?, ?, ?)
           ON CONFLICT (check_id) DO UPDATE SET batch_id = excluded.batch_id, seq = excluded.seq`
        )
        .run(
          check.id,
          batchId,
          seq,
          generation,
          check.status,
          check.creationDate,
          check.updateDate,
          at,
          nextPollAt,
          at
        )
      this.db
        .sql(
          `UPDATE rows SET state = 'running', check_id = ?, last_error = NULL, last_error_code = NULL, updated_at = ? WHERE batch_id = ? AND seq = ?`
        )
        .run(check.id, at, batchId, seq)
      // Rows repeating this row's document share its check from here on (its readings reach them by check id).
      this.db
        .sql(
          `UPDATE ${BY_LEADER} SET state = 'running', check_id = ?, last_error = NULL, updated_at = ?
           WHERE batch_id = ? AND follows_seq = ? AND state = 'pending'`
        )
        .run(check.id, at, batchId, seq)
      this.writeCheck(check, nextPollAt)
    })
  }

  /** A fresh reading of a check; `nextPollAt` null once it is final. */
  recordCheck(check: Check, nextPollAt: number | null): void {
    this.db.transaction(() => this.writeCheck(check, nextPollAt, true))
  }

  private writeCheck(check: Check, nextPollAt: number | null, polled = false): void {
    // Every final status (an unknown one too) dates the check's end, so poll timing learns from all of them.
    const final = isFinalCheckStatus(check.status)
    const at = now()
    const verdict = verdictOf(check)
    this.db
      .sql(
        `UPDATE checks SET status = ?, score = ?, id_score = ?, name_score = ?, risk = ?, risk_reasons_json = ?,
           risk_rules = ?, raw_json = ?, api_updated_at = ?,
           final_at = CASE WHEN ? THEN COALESCE(final_at, ?) ELSE NULL END,
           polls = polls + ?, next_poll_at = ?, last_error = NULL, updated_at = ?
         WHERE check_id = ?`
      )
      .run(
        check.status,
        ...verdictColumns(verdict),
        JSON.stringify(check.raw),
        check.updateDate,
        final ? 1 : 0,
        at,
        polled ? 1 : 0,
        nextPollAt,
        at,
        check.id
      )
    this.writeDatasetsAndRow(check, verdict)
  }

  private writeDatasetsAndRow(check: Check, verdict: Verdict): void {
    const replace = this.db.sql(
      `INSERT OR REPLACE INTO check_datasets (check_id, data_set, result, severity, score, found_by) VALUES (?, ?, ?, ?, ?, ?)`
    )
    for (const d of datasetOutcomes(check))
      replace.run(check.id, d.dataSet, d.result, d.severity, d.score, d.foundBy)
    this.db
      .sql(`UPDATE rows SET check_status = ?, score = ?, risk = ?, updated_at = ? WHERE check_id = ?`)
      .run(check.status, verdict.score, verdict.level, now(), check.id)
  }

  /**
   * Checks judged by older risk rules are read again from the JSON Truora sent, so a verdict stored before a
   * rule was fixed never outlives the fix. Runs when the store opens.
   */
  reassessRisks(): void {
    const stale = this.db.sql(
      'SELECT check_id, raw_json FROM checks WHERE risk_rules < ? ORDER BY check_id LIMIT 500'
    )
    const settle = this.db.sql('UPDATE checks SET risk_rules = ? WHERE check_id = ?')
    const rejudge = this.db.sql(
      `UPDATE checks SET score = ?, id_score = ?, name_score = ?, risk = ?, risk_reasons_json = ?, risk_rules = ?
         WHERE check_id = ?`
    )
    for (;;) {
      const records = stale.all(RISK_RULES_VERSION) as { check_id: string; raw_json: string }[]
      if (records.length === 0) return
      this.db.transaction(() => {
        for (const record of records) {
          let check: Check | null = null
          try {
            check = parseCheck(JSON.parse(record.raw_json))
          } catch {
            // Never read from Truora yet (created, not polled): its first reading will judge it.
          }
          if (check && check.id === record.check_id) {
            const verdict = verdictOf(check)
            rejudge.run(...verdictColumns(verdict), check.id)
            this.writeDatasetsAndRow(check, verdict)
          } else settle.run(RISK_RULES_VERSION, record.check_id)
        }
      })
    }
  }

  notePollTrouble(checkId: string, message: string, nextPollAt: number): void {
    this.db
      .sql(
        'UPDATE checks SET last_error = ?, next_poll_at = ?, polls = polls + 1, updated_at = ? WHERE check_id = ?'
      )
      .run(message, nextPollAt, now(), checkId)
  }

  /** Checks of a batch not yet fully collected (not final, or final without details stored or skipped). */
  openChecks(batchId: string): OpenCheck[] {
    const records = this.db
      .sql(
        `SELECT c.check_id, c.seq, r.row_number, c.status, c.polls, c.next_poll_at, c.first_seen_at, c.details_state, c.pdf_state
         FROM rows r JOIN checks c ON c.check_id = r.check_id
         WHERE r.batch_id = ? AND r.state = 'running' ORDER BY r.seq`
      )
      .all(batchId) as {
      check_id: string
      seq: number
      row_number: number
      status: string
      polls: number
      next_poll_at: number | null
      first_seen_at: string
      details_state: OpenCheck['detailsState']
      pdf_state: OpenCheck['pdfState']
    }[]
    return records.map((r) => ({
      checkId: r.check_id,
      seq: r.seq,
      row: r.row_number,
      status: r.status,
      polls: r.polls,
      nextPollAt: r.next_poll_at,
      firstSeenAt: Date.parse(r.first_seen_at),
      detailsState: r.details_state,
      pdfState: r.pdf_state
    }))
  }

  /** Every detail page of a final check, replacing any earlier copy. */
  recordDetails(checkId: string, details: CheckDetail[]): void {
    this.db.transaction(() => {
      this.db.sql('DELETE FROM details WHERE check_id = ?').run(checkId)
      const insert = this.db.sql(
        `INSERT INTO details (check_id, position, detail_id, data_set, database_name, result, severity, raw_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      )
      details.forEach((d, position) =>
        insert.run(
          checkId,
          position,
          d.id,
          d.dataSet,
          d.databaseName,
          d.result,
          d.severity,
          JSON.stringify(d.raw)
        )
      )
      this.db
        .sql(`UPDATE checks SET details_state = 'stored', updated_at = ? WHERE check_id = ?`)
        .run(now(), checkId)
    })
  }

  skipDetails(checkId: string): void {
    this.db
      .sql(`UPDATE checks SET details_state = 'skipped', updated_at = ? WHERE check_id = ?`)
      .run(now(), checkId)
  }

  setPdfState(checkId: string, state: OpenCheck['pdfState']): void {
    this.db
      .sql('UPDATE checks SET pdf_state = ?, updated_at = ? WHERE check_id = ?')
      .run(state, now(), checkId)
  }

  /** The row's check is final and everything wanted of it is stored. */
  markDone(checkId: string): void {
    this.db
      .sql(`UPDATE rows SET state = 'done', updated_at = ? WHERE check_id = ? AND state = 'running'`)
      .run(now(), checkId)
  }

  /**
   * The row's check was still waiting when the give-up limit ran out: the row gets an outcome (given up,
   * with why) so the batch can end; the check keeps its last reading.
   */
  givenUp(checkId: string, message: string): void {
    this.db.transaction(() => {
      const row = this.db
        .sql(
          `UPDATE rows SET state = 'given-up', last_error = ?, updated_at = ? WHERE check_id = ? AND state = 'running'
             RETURNING batch_id, seq`
        )
        .get(message, now(), checkId) as { batch_id: string; seq: number } | undefined
      this.db
        .sql('UPDATE checks SET next_poll_at = NULL, updated_at = ? WHERE check_id = ?')
        .run(now(), checkId)
      if (row) this.entries.add(row.batch_id, 'given-up', row.seq, { checkId, message })
    })
  }

  /**
   * The other side no longer finds the row's check (404): there is nothing to wait for. The row (and the rows
   * sharing its check) become `lost`, with no score and a risk that is never low; the check stops being polled.
   */
  markLost(checkId: string, message: string): void {
    this.db.transaction(() => {
      const at = now()
      const rows = this.db
        .sql(
          `UPDATE rows SET state = 'lost', score = NULL, risk = 'unknown', last_error = ?, last_error_code = NULL,
             updated_at = ? WHERE check_id = ? AND state = 'running' RETURNING batch_id, seq`
        )
        .all(message, at, checkId) as { batch_id: string; seq: number }[]
      this.db
        .sql(
          `UPDATE checks SET next_poll_at = NULL, score = NULL, id_score = NULL, name_score = NULL, risk = 'unknown',
             last_error = ?, updated_at = ? WHERE check_id = ?`
        )
        .run(message, at, checkId)
      for (const row of rows) this.entries.add(row.batch_id, 'check-lost', row.seq, { checkId })
    })
  }

  /** Checks of the batch's rows Lote gave up waiting for, to look at once more before a re-run. */
  givenUpChecks(batchId: string): { checkId: string; seq: number }[] {
    return this.db
      .sql(
        `SELECT check_id AS checkId, seq FROM rows
         WHERE batch_id = ? AND state = 'given-up' AND check_id IS NOT NULL AND follows_seq IS NULL ORDER BY seq`
      )
      .all(batchId) as { checkId: string; seq: number }[]
  }

  /**
   * A given-up check that turned out final when looked at again: its reading is stored and its rows go back to
   * `running`, so the engine stores its details and ends them like any other final check (no new check).
   */
  reopenGivenUp(check: Check): void {
    this.db.transaction(() => {
      this.writeCheck(check, null, true)
      const rows = this.db
        .sql(
          `UPDATE rows SET state = 'running', last_error = NULL, updated_at = ? WHERE check_id = ? AND state = 'given-up'
             RETURNING batch_id, seq`
        )
        .all(now(), check.id) as { batch_id: string; seq: number }[]
      for (const row of rows)
        this.entries.add(row.batch_id, 'looked-again', row.seq, { checkId: check.id, status: check.status })
    })
  }

  /**
   * Since when the batch's most recently waiting `delayed` check has been waiting (epoch ms): Truora's creation
   * date when earlier than when Lote first saw it, as the give-up limit counts it. Null when none is delayed.
   */
  delayedSince(batchId: string): number | null {
    const records = this.db
      .sql(
        `SELECT c.created_at, c.first_seen_at FROM rows r JOIN checks c ON c.check_id = r.check_id
         WHERE r.batch_id = ? AND r.state = 'running' AND r.follows_seq IS NULL AND c.status = 'delayed'`
      )
      .all(batchId) as { created_at: string | null; first_seen_at: string }[]
    let latest: number | null = null
    for (const record of records) {
      const seen = Date.parse(record.first_seen_at)
      const created = record.created_at ? Date.parse(record.created_at) : NaN
      const since = Number.isFinite(created) && created < seen ? created : seen
      if (Number.isFinite(since)) latest = latest === null ? since : Math.max(latest, since)
    }
    return latest
  }

  /** Status and risk of a stored check, without its details. */
  checkState(checkId: string): { status: string; risk: RiskLevel } | null {
    const record = this.db.sql('SELECT status, risk FROM checks WHERE check_id = ?').get(checkId) as
      { status: string; risk: RiskLevel } | undefined
    return record ?? null
  }

  /** The row a check belongs to, in any batch. */
  rowOfCheck(checkId: string): { batchId: string; seq: number; row: number } | null {
    const found = this.db
      .sql(
        `SELECT c.batch_id AS batchId, c.seq AS seq, r.row_number AS row FROM checks c
         JOIN rows r ON r.batch_id = c.batch_id AND r.seq = c.seq WHERE c.check_id = ?`
      )
      .get(checkId) as { batchId: string; seq: number; row: number } | undefined
    return found ?? null
  }

  /** How long the batch's finished checks took on Truora's side (ms), newest first, to plan polls after a restart. */
  completionTimes(batchId: string, limit = 200): number[] {
    const records = this.db
      .sql(
        `SELECT created_at, api_updated_at FROM checks WHERE batch_id = ? AND final_at IS NOT NULL
         ORDER BY final_at DESC LIMIT ?`
      )
      .all(batchId, limit) as { created_at: string | null; api_updated_at: string | null }[]
    return records
      .map((r) => Date.parse(r.api_updated_at ?? '') - Date.parse(r.created_at ?? ''))
      .filter((ms) => Number.isFinite(ms) && ms >= 0)
  }

  /** The check was deleted on Truora: drop it here too, and say so on its row. */
  forgetCheck(checkId: string): void {
    this.db.transaction(() => {
      const owner = this.db.sql('SELECT batch_id, seq FROM checks WHERE check_id = ?').get(checkId) as
        { batch_id: string; seq: number } | undefined
      this.db
        .sql(
          `UPDATE rows SET check_id = NULL, check_status = NULL, score = NULL, risk = NULL, state = 'failed',
             last_error = 'The check was deleted on Truora.', updated_at = ? WHERE check_id = ?`
        )
        .run(now(), checkId)
      this.db.sql('DELETE FROM checks WHERE check_id = ?').run(checkId)
      if (owner) this.entries.add(owner.batch_id, 'check-deleted', owner.seq, { checkId })
    })
  }

  // ---- Files, the remote batch, notes ----

  recordFile(file: Omit<StoredFile, 'id' | 'createdAt'>): StoredFile {
    const createdAt = now()
    const result = this.db
      .sql('INSERT INTO files (batch_id, check_id, kind, path, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(file.batchId, file.checkId, file.kind, file.path, file.bytes, createdAt)
    return { ...file, id: Number(result.lastInsertRowid), createdAt }
  }

  /** Writes a file Truora sent (a check PDF, a batch report) sealed with the store key, and records it. */
  saveFile(file: Omit<StoredFile, 'id' | 'createdAt' | 'bytes'>, bytes: Buffer): StoredFile {
    this.vault.write(file.path, bytes)
    return this.recordFile({ ...file, bytes: bytes.length })
  }

  /** A file saved with `saveFile`, opened. */
  readFile(path: string): Buffer {
    return this.vault.read(path)
  }

  /** Where a Truora batch stands, after every step, so a restart continues from it. */
  setRemote(batchId: string, remote: RemoteBatchState): void {
    this.batches.setRemote(batchId, remote)
  }

  /** A line in the batch's journal (a recovered check, a PDF that never came…). */
  journal(batchId: string, type: string, seq: number | null = null, data: unknown = null): void {
    this.entries.add(batchId, type, seq, data)
  }
}
