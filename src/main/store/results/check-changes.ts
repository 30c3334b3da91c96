// Change records: each completed check compared with the previous check of the same subject, kept so the
// results grid can filter "changed only" in SQL. A record goes with either of its checks (the schema's
// cascades), and is then made again against whatever check is previous by then.
import type { ChangeSummary } from '../../../shared/checks/changes'
import type { Database } from './database'
import { now } from './codec'

export class CheckChanges {
  constructor(private readonly db: Database) {}

  /** Completed checks of a batch's rows (its own checks, not reused ones) that have not been compared yet. */
  uncompared(batchId: string): string[] {
    return (
      this.db
        .sql(
          `SELECT DISTINCT r.check_id FROM rows r LEFT JOIN check_changes x ON x.check_id = r.check_id
           WHERE r.batch_id = ? AND r.state = 'done' AND r.check_status = 'completed' AND r.reused_json IS NULL
             AND x.check_id IS NULL`
        )
        .all(batchId) as { check_id: string }[]
    ).map((r) => r.check_id)
  }

  /** How many of a batch's rows have a completed check (an upper bound of what it has to compare). */
  completedRows(batchId: string): number {
    return (
      this.db
        .sql(
          `SELECT COUNT(*) AS n FROM rows WHERE batch_id = ? AND state = 'done' AND check_status = 'completed'`
        )
        .get(batchId) as { n: number }
    ).n
  }

  /** How many comparisons are kept, in all batches: fewer when a check (and its comparisons) went. */
  count(): number {
    return (this.db.sql('SELECT COUNT(*) AS n FROM check_changes').get() as { n: number }).n
  }

  /** Keeps comparisons, many at once (one transaction: one write to disk). */
  record(entries: { checkId: string; previous: string | null; summary: ChangeSummary | null }[]): void {
    if (entries.length === 0) return
    const insert = this.db.sql(
      `INSERT OR REPLACE INTO check_changes (check_id, previous_check_id, changed, summary_json, computed_at)
       VALUES (?, ?, ?, ?, ?)`
    )
    const at = now()
    this.db.transaction(() => {
      for (const entry of entries)
        insert.run(
          entry.checkId,
          entry.previous,
          entry.summary?.changed ? 1 : 0,
          entry.summary ? JSON.stringify(entry.summary) : null,
          at
        )
    })
  }
}
