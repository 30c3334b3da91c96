// The analyst's decisions on rows (src/shared/decisions.ts): every decision is a new entry, never rewritten, so
// the drawer can show what was decided before; the row points at its newest one. A decision is current only
// while its row still has the check it was taken on.
import type { DecisionFilter, DecisionInput, DecisionView } from '../../../shared/decisions'
import { DECISION_FILTERS } from '../../../shared/decisions'
import type { Database } from './database'

/**
 * Joins a row (`r`) to its current decision (`dd`), for the queries that show, filter or sort by it. The
 * decision's check must still be the row's: a re-run check has not been decided on.
 */
export const CURRENT_DECISION_JOIN =
  'LEFT JOIN decisions dd ON dd.id = r.decision_id AND dd.check_id IS r.check_id'

/** The columns of `dd` that `decisionOf` reads. */
export const DECISION_COLUMNS =
  'dd.id AS decision_id, dd.decision, dd.reason AS decision_reason, dd.note AS decision_note, dd.decided_by, dd.decided_at, dd.check_id AS decision_check_id'

export interface DecisionRecord {
  decision_id: number | null
  decision: string | null
  decision_reason: string | null
  decision_note: string | null
  decided_by: string | null
  decided_at: string | null
  decision_check_id: string | null
}

export function decisionOf(r: DecisionRecord): DecisionView | null {
  if (r.decision_id === null || r.decision === null) return null
  return {
    id: r.decision_id,
    decision: r.decision as DecisionView['decision'],
    reason: (r.decision_reason ?? 'other') as DecisionView['reason'],
    note: r.decision_note ?? '',
    decidedBy: r.decided_by ?? '',
    decidedAt: r.decided_at ?? '',
    checkId: r.decision_check_id
  }
}

export class DecisionLog {
  constructor(private readonly db: Database) {}

  /** Records one decision on each row, on the check each row has now; all or none. */
  record(
    batchId: string,
    seqs: readonly number[],
    input: DecisionInput,
    decidedBy: string,
    at: Date = new Date()
  ): number {
    const insert = this.db.sql(
      `INSERT INTO decisions (batch_id, seq, check_id, decision, reason, note, decided_by, decided_at)
       SELECT batch_id, seq, check_id, ?, ?, ?, ?, ? FROM rows WHERE batch_id = ? AND seq = ?`
    )
    const point = this.db.sql('UPDATE rows SET decision_id = ? WHERE batch_id = ? AND seq = ?')
    const note = (input.note ?? '').trim()
    const when = at.toISOString()
    return this.db.transaction(() => {
      let recorded = 0
      for (const seq of seqs) {
        const result = insert.run(input.decision, input.reason, note, decidedBy, when, batchId, seq)
        if (result.changes === 0) continue
        point.run(result.lastInsertRowid, batchId, seq)
        recorded++
      }
      return recorded
    })
  }

  /** Every decision taken on a row, newest first. */
  history(batchId: string, seq: number): DecisionView[] {
    const records = this.db
      .sql(
        `SELECT ${DECISION_COLUMNS} FROM decisions dd WHERE dd.batch_id = ? AND dd.seq = ? ORDER BY dd.id DESC`
      )
      .all(batchId, seq) as DecisionRecord[]
    return records.map(decisionOf).filter((d): d is DecisionView => d !== null)
  }

  /** Rows sent to Truora by current decision, and how many have none yet. */
  counts(batchId: string): Record<DecisionFilter, number> {
    const counts = Object.fromEntries(DECISION_FILTERS.map((d) => [d, 0])) as Record<DecisionFilter, number>
    // From the decisions' side: a batch of 100,000 rows with a few decisions reads those few and an index count,
    // not a decision lookup for every row.
    const sent = (
      this.db
        .sql(`SELECT COUNT(*) AS n FROM rows WHERE batch_id = ? AND state != 'skipped'`)
        .get(batchId) as {
        n: number
      }
    ).n
    const records = this.db
      .sql(
        // CROSS JOIN keeps this order (SQLite does not reorder it): the planner would walk the rows otherwise.
        `SELECT dd.decision, COUNT(*) AS n FROM decisions dd
           CROSS JOIN rows r ON r.batch_id = dd.batch_id AND r.seq = dd.seq AND r.decision_id = dd.id
         WHERE dd.batch_id = ? AND dd.check_id IS r.check_id AND r.state != 'skipped' GROUP BY dd.decision`
      )
      .all(batchId) as { decision: DecisionFilter; n: number }[]
    let decided = 0
    for (const r of records)
      if (r.decision in counts) {
        counts[r.decision] += r.n
        decided += r.n
      }
    counts.undecided = sent - decided
    return counts
  }
}
