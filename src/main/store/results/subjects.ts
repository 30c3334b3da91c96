// Checks by subject: the one place that looks rows and checks up by the document that identifies a person,
// company or vehicle (src/shared/checks/subject.ts). Earlier checks worth reusing, rows of a file that repeat a
// document, a person's history and the previous check to compare with are all read here, and so is everything
// stored about one document — for whoever has to show, export or erase it.
import type { RiskLevel } from '../../../shared/batch'
import type { ReusedOrigin } from '../../../shared/results'
import type { SubjectCheckView } from '../../../shared/reuse'
import type { Database } from './database'
import type { Journal } from './journal'
import { checkedAt, now, placeholders } from './codec'

/** The identifying input and comparable document of a row, with its country and check type. */
export interface SubjectKey {
  country: string
  type: string
  input: string
  document: string
}

/** A check as the subject's history lists it, with which connection made it and what identified its subject. */
export interface SubjectCheck extends SubjectCheckView {
  profileId: string | null
  input: string
  document: string
}

/** A draft row waiting to be sent, with its subject and what the analyst chose for it at the review. */
export interface PendingSubjectRow {
  seq: number
  row: number
  country: string
  type: string
  /** Null when the row has no identifying document (it is checked on its own). */
  key: SubjectKey | null
  choice: 'reuse' | 'check' | null
  inputs: Record<string, string>
}

/** What starting a draft does with its rows: results to reuse, rows that share another row's check. */
export interface SubjectPlan {
  reuse: { seq: number; origin: ReusedOrigin }[]
  follow: { seq: number; leaderSeq: number }[]
}

interface CheckRecord {
  check_id: string
  batch_id: string
  batch_name: string
  profile_id: string | null
  row_number: number
  country: string
  type: string
  document_input: string
  document: string
  status: string
  score: number | null
  risk: RiskLevel
  created_at: string | null
  first_seen_at: string
}

const CHECK_COLUMNS = `c.check_id, c.batch_id, b.name AS batch_name, b.profile_id, p.row_number, p.country, p.type,
  p.document_input, p.document, c.status, c.score, c.risk, c.created_at, c.first_seen_at`

export function subjectKeyText(key: SubjectKey): string {
  return `${key.country}|${key.type}|${key.input}|${key.document}`
}

export class SubjectChecks {
  constructor(
    private readonly db: Database,
    private readonly journal: Journal
  ) {}

  private toCheck(records: CheckRecord[]): SubjectCheck[] {
    const found = new Map<string, string[]>()
    for (let i = 0; i < records.length; i += 500) {
      const ids = records.slice(i, i + 500).map((r) => r.check_id)
      const rows = this.db
        .sql(
          `SELECT check_id, data_set FROM check_datasets WHERE result = 'found' AND check_id IN (${placeholders(ids)})
           ORDER BY data_set`
        )
        .all(...ids) as { check_id: string; data_set: string }[]
      for (const r of rows) found.set(r.check_id, [...(found.get(r.check_id) ?? []), r.data_set])
    }
    return records.map((r) => ({
      checkId: r.check_id,
      batchId: r.batch_id,
      batchName: r.batch_name,
      profileId: r.profile_id,
      row: r.row_number,
      country: r.country,
      type: r.type,
      input: r.document_input,
      document: r.document,
      status: r.status,
      score: r.score,
      risk: r.risk,
      checkedAt: checkedAt(r),
      found: found.get(r.check_id) ?? []
    }))
  }

  /** The subject of the row that owns a check. */
  subjectOfCheck(checkId: string): (SubjectKey & { profileId: string | null }) | null {
    const record = this.db
      .sql(
        `SELECT p.country, p.type, p.document_input, p.document, b.profile_id FROM checks c
         JOIN rows p ON p.batch_id = c.batch_id AND p.seq = c.seq JOIN batches b ON b.id = c.batch_id
         WHERE c.check_id = ?`
      )
      .get(checkId) as
      | {
          country: string | null
          type: string | null
          document_input: string | null
          document: string | null
          profile_id: string | null
        }
      | undefined
    if (!record?.document || !record.country || !record.type || !record.document_input) return null
    return {
      country: record.country,
      type: record.type,
      input: record.document_input,
      document: record.document,
      profileId: record.profile_id
    }
  }

  /**
   * Every check of a document, newest first: of one country (or any), any check type, any connection. The
   * input names which identifying input it was (a cédula and a foreigner's ID may share digits); any when absent.
   */
  checksOf(query: { document: string; country?: string; input?: string }): SubjectCheck[] {
    const where = ['p.document = ?']
    const params: string[] = [query.document]
    if (query.country) {
      where.push('p.country = ?')
      params.push(query.country)
    }
    if (query.input) {
      where.push('p.document_input = ?')
      params.push(query.input)
    }
    const records = this.db
      .sql(
        `SELECT ${CHECK_COLUMNS} FROM rows p
         JOIN checks c ON c.batch_id = p.batch_id AND c.seq = p.seq
         JOIN batches b ON b.id = c.batch_id
         WHERE ${where.join(' AND ')}`
      )
      .all(...params) as CheckRecord[]
    return this.toCheck(records).sort(
      (a, b) => b.checkedAt.localeCompare(a.checkedAt) || b.checkId.localeCompare(a.checkId)
    )
  }

  /**
   * The checks to compare these checks with, by check id: for each, the newest completed check of the same
   * subject and check type made on the same connection before it. A check without one is its subject's first.
   */
  previousChecks(checkIds: string[]): Map<string, SubjectCheck> {
    if (checkIds.length === 0) return new Map()
    const records = this.db
      .sql(
        `SELECT own.check_id AS of_check, own.created_at AS of_created_at, own.first_seen_at AS of_first_seen_at,
           ${CHECK_COLUMNS}
         FROM checks own
         JOIN rows r ON r.batch_id = own.batch_id AND r.seq = own.seq
         JOIN batches rb ON rb.id = r.batch_id
         JOIN rows p ON p.document = r.document AND p.country = r.country AND p.type = r.type
           AND p.document_input = r.document_input
         JOIN checks c ON c.batch_id = p.batch_id AND c.seq = p.seq
         JOIN batches b ON b.id = c.batch_id
         WHERE own.check_id IN (${placeholders(checkIds)}) AND r.document IS NOT NULL
           AND c.status = 'completed' AND c.check_id <> own.check_id AND b.profile_id IS rb.profile_id`
      )
      .all(...checkIds) as (CheckRecord & {
      of_check: string
      of_created_at: string | null
      of_first_seen_at: string
    })[]
    const newest = new Map<string, CheckRecord>()
    for (const record of records) {
      const at = checkedAt(record)
      if (at >= checkedAt({ created_at: record.of_created_at, first_seen_at: record.of_first_seen_at }))
        continue
      const current = newest.get(record.of_check)
      if (!current || at > checkedAt(current)) newest.set(record.of_check, record)
    }
    const checks = this.toCheck([...newest.values()])
    return new Map([...newest.keys()].map((checkId, index) => [checkId, checks[index]]))
  }

  // ---- Drafts: rows to send, and the earlier checks that could spare them ----

  /** The draft's rows that would be sent, in sheet order, with their subjects and the analyst's choices. */
  pendingRows(batchId: string): PendingSubjectRow[] {
    const records = this.db
      .sql(
        `SELECT seq, row_number, country, type, document_input, document, reuse_choice, inputs_json FROM rows
         WHERE batch_id = ? AND state = 'pending' ORDER BY seq`
      )
      .all(batchId) as {
      seq: number
      row_number: number
      country: string | null
      type: string | null
      document_input: string | null
      document: string | null
      reuse_choice: 'reuse' | 'check' | null
      inputs_json: string
    }[]
    return records.map((r) => ({
      seq: r.seq,
      row: r.row_number,
      country: r.country ?? '',
      type: r.type ?? '',
      key:
        r.document && r.country && r.type && r.document_input
          ? { country: r.country, type: r.type, input: r.document_input, document: r.document }
          : null,
      choice: r.reuse_choice,
      inputs: JSON.parse(r.inputs_json) as Record<string, string>
    }))
  }

  /**
   * For each pending row of a draft, the newest completed check of its subject and check type made on this
   * connection by another batch since `since` (ISO). Checks that did not complete are never offered.
   */
  recentChecksFor(batchId: string, profileId: string, since: string): Map<number, SubjectCheck> {
    const records = this.db
      .sql(
        `SELECT r.seq AS draft_seq, ${CHECK_COLUMNS} FROM rows r
         JOIN rows p ON p.document = r.document AND p.country = r.country AND p.type = r.type
           AND p.document_input = r.document_input AND p.batch_id <> r.batch_id
         JOIN checks c ON c.batch_id = p.batch_id AND c.seq = p.seq
         JOIN batches b ON b.id = c.batch_id
         WHERE r.batch_id = ? AND r.state = 'pending' AND r.document IS NOT NULL
           AND c.status = 'completed' AND b.profile_id = ?`
      )
      .all(batchId, profileId) as (CheckRecord & { draft_seq: number })[]
    const newest = new Map<number, CheckRecord & { draft_seq: number }>()
    for (const record of records) {
      const at = checkedAt(record)
      if (at < since) continue
      const current = newest.get(record.draft_seq)
      if (!current || at > checkedAt(current)) newest.set(record.draft_seq, record)
    }
    const checks = this.toCheck([...newest.values()])
    return new Map([...newest.keys()].map((seq, index) => [seq, checks[index]]))
  }

  /** Records the analyst's choice for these draft rows (and every pending row sharing their subjects). */
  setChoice(batchId: string, seqs: number[] | 'all', choice: 'reuse' | 'check' | null): void {
    this.db.transaction(() => {
      const at = now()
      if (seqs === 'all') {
        this.db
          .sql(`UPDATE rows SET reuse_choice = ?, updated_at = ? WHERE batch_id = ? AND state = 'pending'`)
          .run(choice, at, batchId)
        return
      }
      const spread = this.db.sql(
        `UPDATE rows SET reuse_choice = ?, updated_at = ?
         WHERE batch_id = ? AND state = 'pending' AND (seq = ? OR (document IS NOT NULL AND EXISTS (
           SELECT 1 FROM rows o WHERE o.batch_id = rows.batch_id AND o.seq = ? AND o.document = rows.document
             AND o.country = rows.country AND o.type = rows.type AND o.document_input = rows.document_input)))`
      )
      for (const seq of seqs) spread.run(choice, at, batchId, seq, seq)
    })
  }

  /**
   * Applies a draft's plan as it starts: reused rows are done at once with the earlier check as their result
   * (only a check still stored and completed), and rows repeating a document wait for the first row's check.
   * The caller reads the plan and applies it in one transaction, so nothing changes in between.
   */
  applyPlan(batchId: string, plan: SubjectPlan): { reused: number; grouped: number } {
    return this.db.transaction(() => {
      const at = now()
      // A start that failed earlier may have grouped rows already: the plan given replaces it.
      this.db
        .sql(
          `UPDATE rows SET follows_seq = NULL WHERE batch_id = ? AND state = 'pending' AND follows_seq IS NOT NULL`
        )
        .run(batchId)
      let reused = 0
      const reuse = this.db.sql(
        `UPDATE rows SET state = 'done', check_id = c.check_id, check_status = c.status, score = c.score,
           risk = c.risk, reused_json = ?, last_error = NULL, updated_at = ?
         FROM (SELECT check_id, status, score, risk FROM checks WHERE check_id = ? AND status = 'completed') AS c
         WHERE rows.batch_id = ? AND rows.seq = ? AND rows.state = 'pending'`
      )
      for (const { seq, origin } of plan.reuse)
        reused += reuse.run(JSON.stringify(origin), at, origin.checkId, batchId, seq).changes
      const follow = this.db.sql(
        `UPDATE rows SET follows_seq = ?, updated_at = ? WHERE batch_id = ? AND seq = ? AND state = 'pending'`
      )
      let grouped = 0
      for (const { seq, leaderSeq } of plan.follow) grouped += follow.run(leaderSeq, at, batchId, seq).changes
      this.journal.add(batchId, 'reuse', null, { reused, grouped })
      return { reused, grouped }
    })
  }
}
