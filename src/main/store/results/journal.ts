// The journal: every step of a batch's life in the order it happened (created, imported, authorised, status
// changes, rows edited, checks recovered or deleted…), for audits, for resuming, and for what a draft was read
// with.
import type { Database } from './database'
import { now } from './codec'

export interface JournalEntry {
  id: number
  at: string
  type: string
  seq: number | null
  data: unknown
}

interface EntryRecord {
  id: number
  at: string
  type: string
  seq: number | null
  data_json: string | null
}

function toEntry(r: EntryRecord): JournalEntry {
  return { id: r.id, at: r.at, type: r.type, seq: r.seq, data: r.data_json ? JSON.parse(r.data_json) : null }
}

export class Journal {
  constructor(private readonly db: Database) {}

  add(batchId: string, type: string, seq: number | null = null, data: unknown = null): void {
    this.db
      .sql('INSERT INTO events (batch_id, at, type, seq, data_json) VALUES (?, ?, ?, ?, ?)')
      .run(batchId, now(), type, seq, data === null ? null : JSON.stringify(data))
  }

  /** The latest `limit` entries of a batch, oldest first. */
  list(batchId: string, limit = 1000): JournalEntry[] {
    const records = this.db
      .sql('SELECT id, at, type, seq, data_json FROM events WHERE batch_id = ? ORDER BY id DESC LIMIT ?')
      .all(batchId, limit) as EntryRecord[]
    return records.reverse().map(toEntry)
  }

  /** Every entry of one type, oldest first. */
  ofType(batchId: string, type: string): JournalEntry[] {
    const records = this.db
      .sql('SELECT id, at, type, seq, data_json FROM events WHERE batch_id = ? AND type = ? ORDER BY id')
      .all(batchId, type) as EntryRecord[]
    return records.map(toEntry)
  }

  /** The newest entry of one type, or null. */
  latest(batchId: string, type: string): JournalEntry | null {
    const record = this.db
      .sql(
        'SELECT id, at, type, seq, data_json FROM events WHERE batch_id = ? AND type = ? ORDER BY id DESC LIMIT 1'
      )
      .get(batchId, type) as EntryRecord | undefined
    return record ? toEntry(record) : null
  }
}
