// The results store's schema, as an ordered list of migrations from the first version on. A migration is
// never edited once released: change the schema by appending one.
import type Database from 'better-sqlite3-multiple-ciphers'
import { subjectOf } from '../../../shared/checks/subject'

export interface Migration {
  version: number
  name: string
  up: string
  /** Fills what the new columns derive from data already stored, in the migration's transaction. */
  backfill?: (db: Database.Database) => void
}

/** Rows stored before their subject was: the identifying document, as `subjectOf` reads it today. */
function backfillSubjects(db: Database.Database): void {
  const select = db.prepare(
    `SELECT batch_id, seq, type, inputs_json FROM rows WHERE (batch_id, seq) > (?, ?)
     ORDER BY batch_id, seq LIMIT 5000`
  )
  const update = db.prepare('UPDATE rows SET document_input = ?, document = ? WHERE batch_id = ? AND seq = ?')
  let after: [string, number] = ['', -1]
  for (;;) {
    const records = select.all(...after) as {
      batch_id: string
      seq: number
      type: string | null
      inputs_json: string
    }[]
    if (records.length === 0) return
    for (const r of records) {
      const subject = subjectOf(r.type, JSON.parse(r.inputs_json) as Record<string, string>)
      update.run(subject?.input ?? '', subject?.document ?? null, r.batch_id, r.seq)
    }
    const last = records[records.length - 1]
    after = [last.batch_id, last.seq]
  }
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'batches, rows, checks, details, files, events',
    up: `
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        file_name TEXT,
        sheet TEXT,
        mapping_json TEXT NOT NULL,
        country TEXT,
        type TEXT,
        engine TEXT NOT NULL,
        options_json TEXT NOT NULL,
        status TEXT NOT NULL,
        status_message TEXT,
        profile_id TEXT,
        authorized_at TEXT,
        authorized_profile_id TEXT,
        authorization_statement TEXT,
        remote_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );

      -- One row of the analyst's sheet. The columns after issues_json follow the row's current check, so
      -- the results grid filters and sorts without a join.
      CREATE TABLE rows (
        batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        cells_json TEXT NOT NULL,
        inputs_json TEXT NOT NULL,
        country TEXT,
        type TEXT,
        issues_json TEXT NOT NULL,
        import_status TEXT NOT NULL,
        state TEXT NOT NULL,
        token TEXT,
        generation INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        check_id TEXT,
        check_status TEXT,
        score REAL,
        risk TEXT,
        search_text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (batch_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX rows_state ON rows (batch_id, state, check_status);
      CREATE INDEX rows_risk ON rows (batch_id, risk, seq);
      CREATE INDEX rows_score ON rows (batch_id, score, seq);
      CREATE INDEX rows_row_number ON rows (batch_id, row_number);
      CREATE INDEX rows_check ON rows (check_id) WHERE check_id IS NOT NULL;
      CREATE UNIQUE INDEX rows_token ON rows (token) WHERE token IS NOT NULL;

      CREATE TABLE checks (
        check_id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        generation INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        score REAL,
        id_score REAL,
        name_score REAL,
        risk TEXT NOT NULL,
        raw_json TEXT NOT NULL,
        created_at TEXT,
        api_updated_at TEXT,
        first_seen_at TEXT NOT NULL,
        final_at TEXT,
        polls INTEGER NOT NULL DEFAULT 0,
        next_poll_at INTEGER,
        details_state TEXT NOT NULL DEFAULT 'none',
        pdf_state TEXT NOT NULL DEFAULT 'none',
        last_error TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX checks_row ON checks (batch_id, seq);

      -- Per dataset result of a check, for the "dataset found" filter and the export's dataset columns.
      CREATE TABLE check_datasets (
        check_id TEXT NOT NULL REFERENCES checks(check_id) ON DELETE CASCADE,
        data_set TEXT NOT NULL,
        result TEXT,
        severity TEXT,
        score REAL,
        found_by TEXT,
        PRIMARY KEY (check_id, data_set)
      ) WITHOUT ROWID;
      CREATE INDEX check_datasets_found ON check_datasets (data_set, result, check_id);

      CREATE TABLE details (
        check_id TEXT NOT NULL REFERENCES checks(check_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        detail_id TEXT,
        data_set TEXT,
        database_name TEXT,
        result TEXT,
        severity TEXT,
        raw_json TEXT NOT NULL,
        PRIMARY KEY (check_id, position)
      ) WITHOUT ROWID;

      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        check_id TEXT,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX files_batch ON files (batch_id, kind);
      CREATE INDEX files_check ON files (check_id);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        seq INTEGER,
        data_json TEXT
      );
      CREATE INDEX events_batch ON events (batch_id, id);
    `
  },
  {
    version: 2,
    name: 'whether a draft was read to the end',
    // Drafts from before this version were deleted when their read failed: those left were read to the end.
    up: `
      ALTER TABLE batches ADD COLUMN read_state TEXT NOT NULL DEFAULT 'ready';
      ALTER TABLE batches ADD COLUMN read_error_json TEXT;
    `
  },
  {
    version: 3,
    name: 'which process works on a batch',
    // One lease per batch: the process running it (or reading its file), renewed while it works.
    up: `
      CREATE TABLE batch_leases (
        batch_id TEXT PRIMARY KEY REFERENCES batches(id) ON DELETE CASCADE,
        purpose TEXT NOT NULL,
        holder_id TEXT NOT NULL,
        holder_name TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        acquired_at TEXT NOT NULL,
        renewed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `
  },
  {
    version: 4,
    name: 'risk reasons and the version of the risk rules that judged each check',
    up: `
      -- Every signal behind a check's risk level (docs/risk.md), and which rules produced it: a store opened by
      -- newer rules reads its older checks again from raw_json.
      ALTER TABLE checks ADD COLUMN risk_reasons_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE checks ADD COLUMN risk_rules INTEGER NOT NULL DEFAULT 0;
    `
  },
  {
    version: 5,
    name: 'retention, purges, consent evidence and the audit log anchor',
    up: `
      -- Retention: a batch's personal data is kept until retain_until when the analyst extended it; purged_at
      -- says when it was removed, and purge_json keeps what is left to tell (counts, dates, check ids).
      ALTER TABLE batches ADD COLUMN retain_until TEXT;
      ALTER TABLE batches ADD COLUMN retention_reason TEXT;
      ALTER TABLE batches ADD COLUMN purged_at TEXT;
      ALTER TABLE batches ADD COLUMN purge_json TEXT;
      -- The consent evidence recorded at the confirmation step (statement, law, attachments, references).
      ALTER TABLE batches ADD COLUMN consent_json TEXT;

      -- The newest entry of the audit log, so a log cut short or rewritten whole is found.
      CREATE TABLE audit_anchor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
    `
  },
  {
    version: 6,
    name: 'the analyst decision on each row, with its history',
    up: `
      -- Every decision ever taken on a row, never rewritten: changing one adds a row here. rows.decision_id
      -- points at the newest, which is current while the row still has the check it was taken on.
      CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        check_id TEXT,
        decision TEXT NOT NULL,
        reason TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
      );
      CREATE INDEX decisions_row ON decisions (batch_id, seq, id);
      ALTER TABLE rows ADD COLUMN decision_id INTEGER;
    `
  },
  {
    version: 7,
    name: 'why a batch stopped, as a code',
    // The analyst's app offers the fix for the reason (a refused key: replace it), whatever language it speaks.
    up: `
      ALTER TABLE batches ADD COLUMN status_code TEXT;
    `
  },
  {
    version: 8,
    name: 'why a row got no check, as a code',
    up: `
      ALTER TABLE rows ADD COLUMN last_error_code TEXT;
    `
  },
  {
    version: 9,
    name: 'subjects of rows, reuse and grouping, cost estimates, changes between checks',
    up: `
      -- The input that identifies the row's subject ('' when none) and its comparable document
      -- (src/shared/checks/subject.ts): how earlier checks of the same person are found.
      ALTER TABLE rows ADD COLUMN document_input TEXT;
      ALTER TABLE rows ADD COLUMN document TEXT;
      CREATE INDEX rows_document ON rows (document, country) WHERE document IS NOT NULL;
      -- A row that repeats an earlier row's document shares that row's check instead of paying for its own.
      ALTER TABLE rows ADD COLUMN follows_seq INTEGER;
      CREATE INDEX rows_follows ON rows (batch_id, follows_seq) WHERE follows_seq IS NOT NULL;
      -- What the analyst chose at the review for a row with a recent check: 'reuse' or 'check'; NULL = default.
      ALTER TABLE rows ADD COLUMN reuse_choice TEXT;
      -- Where a reused result came from (check id, batch, date), kept even if that batch is deleted.
      ALTER TABLE rows ADD COLUMN reused_json TEXT;

      -- What the analyst was told starting the batch would cost.
      ALTER TABLE batches ADD COLUMN estimate_json TEXT;

      -- Each final check against the previous check of the same subject on the same connection.
      CREATE TABLE check_changes (
        check_id TEXT PRIMARY KEY REFERENCES checks(check_id) ON DELETE CASCADE,
        previous_check_id TEXT REFERENCES checks(check_id) ON DELETE CASCADE,
        changed INTEGER NOT NULL,
        summary_json TEXT,
        computed_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX check_changes_previous ON check_changes (previous_check_id);
    `,
    backfill: backfillSubjects
  }
]

/** Brings the database to the newest version, one migration per transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`)
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null
  }
  const current = row.version ?? 0
  const newest = migrations.at(-1)?.version ?? 0
  if (current > newest)
    throw new Error(
      `The results database is from a newer version of Lote (schema ${current}; this version knows ${newest}). Update Lote.`
    )
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
  for (const migration of migrations) {
    if (migration.version <= current) continue
    // Immediate, and checked again inside: two processes opening an old file at once migrate it once.
    db.transaction(() => {
      if (applied.get(migration.version)) return
      db.exec(migration.up)
      migration.backfill?.(db)
      record.run(migration.version, migration.name, new Date().toISOString())
    }).immediate()
  }
  return newest
}
