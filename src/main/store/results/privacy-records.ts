// What the privacy rules need of the store: deleting a batch with its files, finding and erasing every trace of
// a person, purging the personal data of batches whose retention ended (leaving counts, dates and check ids),
// and the audit log's anchor. Files on disk go with their rows; `secure_delete` overwrites the rows' bytes.
import { existsSync, rmdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { PersonTrace, PurgeRecord, RetentionState } from '../../../shared/privacy'
import { DOCUMENT_INPUTS } from '../../../shared/sheets/fields'
import { now, placeholders } from './codec'
import type { Database } from './database'

interface RowRecord {
  batch_id: string
  seq: number
  row_number: number
  inputs_json: string
  cells_json: string
  country: string | null
  check_id: string | null
  name: string
  status: string
}

/** Only the digits and letters of a document number, upper case ("1.098.765-4" and "10987654" match). */
export function documentKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^0-9A-Za-z]/g, '')
    .toUpperCase()
}

/** A name without accents, case or repeated spaces. */
export function nameKey(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase()
}

const NAME_INPUTS = ['first_name', 'last_name', 'name', 'full_name', 'middle_name', 'second_last_name']

export interface PersonQuery {
  document?: string
  name?: string
  country?: string
}

export class PrivacyRecords {
  constructor(
    private readonly db: Database,
    /** <dataDir>/files: each batch's files live in a folder named after it. */
    private readonly filesDir: string
  ) {}

  // ---- Deleting ----

  /** The batch, its rows, checks, details, journal and every file kept for it, gone. */
  deleteBatch(batchId: string): { files: number; checkIds: string[] } {
    const paths = this.filePaths('batch_id = ?', [batchId])
    // The checks that go with it (those other batches reuse were handed over before).
    const checkIds = (
      this.db.sql('SELECT check_id FROM checks WHERE batch_id = ?').all(batchId) as { check_id: string }[]
    ).map((r) => r.check_id)
    this.db.sql('DELETE FROM batches WHERE id = ?').run(batchId)
    const files = this.removeFiles(paths)
    rmSync(join(this.filesDir, batchId), { recursive: true, force: true })
    return { files, checkIds }
  }

  private filePaths(where: string, params: unknown[]): string[] {
    return (
      this.db.connection.prepare(`SELECT path FROM files WHERE ${where}`).all(...params) as { path: string }[]
    ).map((r) => r.path)
  }

  // ---- Uploaded sheets ----

  /**
   * Keeps the uploaded copy of a draft's sheet when the draft goes because the same file is read again into a
   * new one (which records it in turn): the draft no longer owns it.
   */
  detachUploads(batchId: string): void {
    this.db.sql(`DELETE FROM files WHERE batch_id = ? AND kind = 'upload'`).run(batchId)
  }

  /** Removes the uploaded copy of a batch's sheet once it is not needed (the batch started and finished). */
  removeUploads(batchId: string): number {
    const paths = this.filePaths(`batch_id = ? AND kind = 'upload'`, [batchId])
    if (paths.length === 0) return 0
    this.db.sql(`DELETE FROM files WHERE batch_id = ? AND kind = 'upload'`).run(batchId)
    return this.removeFiles(paths)
  }

  /** Whether a batch still reads from an uploaded copy in this folder (the start's sweep keeps it). */
  uploadInUse(folder: string): boolean {
    return (
      this.db
        .sql(`SELECT 1 FROM files WHERE kind = 'upload' AND (path = ? OR path LIKE ? ESCAPE '\\') LIMIT 1`)
        .get(folder, `${escapeLike(folder)}/%`) !== undefined
    )
  }

  /**
   * Removes files from disk (those already gone count as removed) and the folders they leave empty. A file
   * another batch still records (one uploaded sheet read into two drafts) stays for it.
   */
  private removeFiles(paths: string[]): number {
    let removed = 0
    const stillRecorded = this.db.sql('SELECT 1 FROM files WHERE path = ? LIMIT 1')
    for (const path of paths) {
      if (stillRecorded.get(path) !== undefined) continue
      if (existsSync(path)) rmSync(path, { force: true })
      removed++
      try {
        rmdirSync(dirname(path))
      } catch {
        // Not empty, or already gone.
      }
    }
    return removed
  }

  // ---- A person ----

  /** Every row, in every batch and draft, whose document number (or name) is the person's. */
  findPerson(query: PersonQuery): PersonTrace[] {
    const document = query.document ? documentKey(query.document) : ''
    const name = query.name ? nameKey(query.name) : ''
    if (!document && !name) return []
    // The search text holds every input value; it narrows the rows before each is compared exactly.
    const needle = document || name.split(' ')[0]
    const candidates = this.db
      .sql(
        `SELECT r.batch_id, r.seq, r.row_number, r.inputs_json, r.cells_json, r.country, r.check_id, b.name, b.status
           FROM rows r JOIN batches b ON b.id = r.batch_id
          WHERE b.purged_at IS NULL AND (r.search_text LIKE ? ESCAPE '\\' OR r.cells_json LIKE ? ESCAPE '\\')
          ORDER BY b.created_at, r.seq`
      )
      .all(`%${escapeLike(needle.toLowerCase())}%`, `%${escapeLike(needle)}%`) as RowRecord[]
    const loose = document
      ? (this.db
          .sql(
            `SELECT r.batch_id, r.seq, r.row_number, r.inputs_json, r.cells_json, r.country, r.check_id, b.name, b.status
               FROM rows r JOIN batches b ON b.id = r.batch_id WHERE b.purged_at IS NULL ORDER BY b.created_at, r.seq`
          )
          .all() as RowRecord[])
      : []
    const seen = new Set<string>()
    const traces: PersonTrace[] = []
    for (const row of [...candidates, ...loose]) {
      const id = `${row.batch_id}\u0000${row.seq}`
      if (seen.has(id)) continue
      if (query.country && row.country && row.country !== query.country.toUpperCase()) continue
      const inputs = JSON.parse(row.inputs_json) as Record<string, string>
      const cells = JSON.parse(row.cells_json) as Record<string, unknown>
      const matches = document ? matchesDocument(document, inputs, cells) : matchesName(name, inputs, cells)
      if (!matches) continue
      seen.add(id)
      const checkIds = (
        this.db
          .sql('SELECT check_id FROM checks WHERE batch_id = ? AND seq = ? ORDER BY generation')
          .all(row.batch_id, row.seq) as { check_id: string }[]
      ).map((c) => c.check_id)
      const files =
        checkIds.length === 0
          ? 0
          : (
              this.db
                .sql(`SELECT count(*) AS n FROM files WHERE check_id IN (${placeholders(checkIds)})`)
                .get(...checkIds) as { n: number }
            ).n
      traces.push({
        batchId: row.batch_id,
        batchName: row.name,
        draft: row.status === 'draft',
        row: row.row_number,
        seq: row.seq,
        country: row.country,
        checkIds,
        files
      })
    }
    return traces
  }

  /**
   * Removes the rows found, with their checks, details and files, and the uploaded copies of the sheets they
   * came from (the browser host's). Returns what was removed.
   */
  erase(traces: PersonTrace[]): { rows: number; checks: number; files: number; checkIds: string[] } {
    const checkIds = traces.flatMap((t) => t.checkIds)
    const batchIds = [...new Set(traces.map((t) => t.batchId))]
    const uploads = this.filePaths(`kind = 'upload' AND batch_id IN (${placeholders(batchIds)})`, batchIds)
    const paths = [
      ...(checkIds.length === 0 ? [] : this.filePaths(`check_id IN (${placeholders(checkIds)})`, checkIds)),
      ...uploads
    ]
    let rows = 0
    let checks = 0
    this.db.transaction(() => {
      this.db.connection
        .prepare(`DELETE FROM files WHERE kind = 'upload' AND batch_id IN (${placeholders(batchIds)})`)
        .run(...batchIds)
      if (checkIds.length > 0) {
        this.db.connection
          .prepare(`DELETE FROM files WHERE check_id IN (${placeholders(checkIds)})`)
          .run(...checkIds)
        checks = this.db.connection
          .prepare(`DELETE FROM checks WHERE check_id IN (${placeholders(checkIds)})`)
          .run(...checkIds).changes
      }
      for (const trace of traces) {
        rows += this.db
          .sql('DELETE FROM rows WHERE batch_id = ? AND seq = ?')
          .run(trace.batchId, trace.seq).changes
        // The analyst's decisions on the person go too: their notes speak of them.
        this.db.sql('DELETE FROM decisions WHERE batch_id = ? AND seq = ?').run(trace.batchId, trace.seq)
        this.db
          .sql(
            `INSERT INTO events (batch_id, at, type, seq, data_json) VALUES (?, ?, 'person-erased', ?, NULL)`
          )
          .run(trace.batchId, now(), trace.seq)
      }
    })
    return { rows, checks, files: this.removeFiles(paths), checkIds }
  }

  // ---- Retention ----

  /** Finished batches, with when their personal data is due to go under a retention of `days` (null: kept). */
  retention(days: number | null): RetentionState[] {
    const batches = this.db
      .sql(
        `SELECT id, name, status, finished_at, retain_until, retention_reason, purged_at, profile_id
           FROM batches WHERE status <> 'draft' ORDER BY created_at`
      )
      .all() as Array<{
      id: string
      name: string
      status: string
      finished_at: string | null
      retain_until: string | null
      retention_reason: string | null
      purged_at: string | null
      profile_id: string | null
    }>
    return batches.map((b) => {
      const byPolicy =
        days !== null && b.finished_at
          ? new Date(Date.parse(b.finished_at) + days * 86_400_000).toISOString()
          : null
      const due =
        byPolicy && b.retain_until && b.retain_until > byPolicy ? b.retain_until : (byPolicy ?? null)
      return {
        batchId: b.id,
        name: b.name,
        status: b.status,
        profileId: b.profile_id,
        finishedAt: b.finished_at,
        purgeDueAt: b.purged_at ? null : due,
        extendedUntil: b.retain_until,
        extensionReason: b.retention_reason,
        purgedAt: b.purged_at
      }
    })
  }

  extendRetention(batchId: string, until: string, reason: string): void {
    this.db
      .sql('UPDATE batches SET retain_until = ?, retention_reason = ?, updated_at = ? WHERE id = ?')
      .run(until, reason, now(), batchId)
  }

  /**
   * Removes a batch's personal data — rows, checks, details, files — and keeps what is needed for history to
   * add up: its counts by state and risk, its dates and its check ids.
   */
  purge(batchId: string, at: Date): PurgeRecord {
    const counts = Object.fromEntries(
      (
        this.db
          .sql('SELECT state, count(*) AS n FROM rows WHERE batch_id = ? GROUP BY state')
          .all(batchId) as {
          state: string
          n: number
        }[]
      ).map((r) => [r.state, r.n])
    )
    const risks = Object.fromEntries(
      (
        this.db
          .sql('SELECT risk, count(*) AS n FROM rows WHERE batch_id = ? AND risk IS NOT NULL GROUP BY risk')
          .all(batchId) as { risk: string; n: number }[]
      ).map((r) => [r.risk, r.n])
    )
    const checkIds = (
      this.db.sql('SELECT check_id FROM checks WHERE batch_id = ? ORDER BY seq, generation').all(batchId) as {
        check_id: string
      }[]
    ).map((r) => r.check_id)
    const dates = this.db
      .sql('SELECT created_at, started_at, finished_at FROM batches WHERE id = ?')
      .get(batchId) as { created_at: string; started_at: string | null; finished_at: string | null }
    const paths = this.filePaths('batch_id = ?', [batchId])
    const record: PurgeRecord = {
      purgedAt: at.toISOString(),
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      counts,
      risks,
      checkIds,
      createdAt: dates.created_at,
      startedAt: dates.started_at,
      finishedAt: dates.finished_at,
      files: paths.length
    }
    this.db.transaction(() => {
      this.db.sql('DELETE FROM files WHERE batch_id = ?').run(batchId)
      this.db.sql('DELETE FROM checks WHERE batch_id = ?').run(batchId)
      this.db.sql('DELETE FROM rows WHERE batch_id = ?').run(batchId)
      this.db.sql('DELETE FROM decisions WHERE batch_id = ?').run(batchId)
      // The mapping names the sheet's columns, not people; the file name may name a person and goes.
      this.db
        .sql(
          'UPDATE batches SET purged_at = ?, purge_json = ?, file_name = NULL, updated_at = ? WHERE id = ?'
        )
        .run(record.purgedAt, JSON.stringify(record), now(), batchId)
    })
    this.removeFiles(paths)
    rmSync(join(this.filesDir, batchId), { recursive: true, force: true })
    return record
  }

  purgeRecord(batchId: string): PurgeRecord | null {
    const row = this.db.sql('SELECT purge_json FROM batches WHERE id = ?').get(batchId) as
      { purge_json: string | null } | undefined
    return row?.purge_json ? (JSON.parse(row.purge_json) as PurgeRecord) : null
  }

  // ---- The audit log's anchor ----

  auditAnchor(): { seq: number; hash: string } | null {
    return (
      (this.db.sql('SELECT seq, hash FROM audit_anchor WHERE id = 1').get() as
        { seq: number; hash: string } | undefined) ?? null
    )
  }

  setAuditAnchor(seq: number, hash: string): void {
    this.db
      .sql(
        'INSERT INTO audit_anchor (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash'
      )
      .run(seq, hash)
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Inputs that hold a document number (any id, and plates and licences too). */
function isDocumentInput(input: string): boolean {
  return DOCUMENT_INPUTS.has(input as never) || /_id$|plate|license/.test(input)
}

function matchesDocument(
  document: string,
  inputs: Record<string, string>,
  cells: Record<string, unknown>
): boolean {
  for (const [input, value] of Object.entries(inputs))
    if (isDocumentInput(input) && documentKey(String(value)) === document) return true
  // A column Lote did not map (a second id column, say) still holds the person's number.
  for (const value of Object.values(cells))
    if ((typeof value === 'string' || typeof value === 'number') && documentKey(String(value)) === document)
      return true
  return false
}

function matchesName(name: string, inputs: Record<string, string>, cells: Record<string, unknown>): boolean {
  const wanted = name.split(' ')
  const words = (values: unknown[]) =>
    new Set(
      nameKey(values.filter((v): v is string => typeof v === 'string').join(' '))
        .split(' ')
        .filter(Boolean)
    )
  // The name inputs when the check took them; otherwise the sheet's own cells (a check by document alone).
  const fromInputs = words(NAME_INPUTS.map((input) => inputs[input]))
  if (fromInputs.size > 0 && wanted.every((word) => fromInputs.has(word))) return true
  const fromCells = words(Object.values(cells))
  return wanted.every((word) => fromCells.has(word))
}
