// The local results store: every batch, row, check, detail and downloaded file, in one SQLite file
// (<dataDir>/lote.db) encrypted with the store key, and the files kept beside it sealed with the same key.
// This file only puts the parts together — the database (connection, migrations, transactions) and one
// repository per kind of thing held — so each user takes the repository it needs:
//
// - batches   batch records: what the analyst chose, the authorisation, status          (batch-records.ts)
// - drafts    the rows of a draft, as imported and fixed in the review step               (draft-rows.ts)
// - ledger    rows and checks as the engines work on them; engines see `EngineLedger`     (check-ledger.ts)
// - journal   every step of a batch's life                                                (journal.ts)
// - results   read-side queries for the grid, the charts, the drawer and the exports     (result-queries.ts)
// - leases    which process works on a batch, so only one does                           (batch-leases.ts)
// - privacy   deleting batches with their files, erasing a person, retention, audit anchor (privacy-records.ts)
// - decisions the analyst's decision on each row, and every earlier one                   (decision-log.ts)
// - vault     the files kept beside the database (check PDFs, batch reports), sealed     (../sealed-files.ts)
// - subjects  rows and checks by the document that identifies a person, company, vehicle  (subjects.ts)
// - changes   each completed check compared with the previous one of its subject          (check-changes.ts)
import { dirname, join } from 'node:path'
import { DecisionLog } from './decision-log'
import { PrivacyRecords } from './privacy-records'
import { FileVault } from '../sealed-files'
import { StoreKey, storeFileKind } from '../store-key'
import { BatchLeases } from './batch-leases'
import { BatchRecords } from './batch-records'
import { CheckChanges } from './check-changes'
import { CheckLedger } from './check-ledger'
import { Database, RESULTS_DB_FILE, type StoreProtection } from './database'
import { encryptPlaintextStoreOnce, type StoreEncryption } from './encrypt-store'
import { DraftRows } from './draft-rows'
import { Journal } from './journal'
import { ResultQueries } from './result-queries'
import { SubjectChecks } from './subjects'

export class ResultsStore {
  readonly db: Database
  readonly journal: Journal
  readonly batches: BatchRecords
  readonly drafts: DraftRows
  readonly ledger: CheckLedger
  readonly results: ResultQueries
  readonly leases: BatchLeases
  readonly vault: FileVault
  readonly privacy: PrivacyRecords
  readonly decisions: DecisionLog
  readonly subjects: SubjectChecks
  readonly changes: CheckChanges

  /** Opens (or creates) the store encrypted with `key`; `:memory:` for a throwaway one. */
  constructor(
    readonly file: string,
    key: StoreKey | StoreProtection
  ) {
    const protection: StoreProtection = key instanceof StoreKey ? { kind: 'encrypted', key } : key
    this.db = new Database(file, protection)
    this.vault = new FileVault(protection.kind === 'encrypted' ? protection.key : StoreKey.generate())
    this.journal = new Journal(this.db)
    this.batches = new BatchRecords(this.db, this.journal)
    this.drafts = new DraftRows(this.db, this.batches, this.journal)
    this.ledger = new CheckLedger(this.db, this.batches, this.journal, this.vault)
    this.results = new ResultQueries(this.db)
    this.leases = new BatchLeases(this.db)
    this.privacy = new PrivacyRecords(this.db, join(dirname(file), 'files'))
    this.decisions = new DecisionLog(this.db)
    this.ledger.reassessRisks()
    this.subjects = new SubjectChecks(this.db, this.journal)
    this.changes = new CheckChanges(this.db)
  }

  /**
   * Opens a data folder's store. One left in plaintext by an earlier version is encrypted first
   * (`onEncrypted` hears how many rows moved).
   */
  static inDataDir(
    dataDir: string,
    key: StoreKey,
    onEncrypted?: (result: StoreEncryption) => void
  ): ResultsStore {
    const file = join(dataDir, RESULTS_DB_FILE)
    if (storeFileKind(file) === 'plaintext') {
      // Another process starting on the same folder may be migrating it too: one does, the other waits.
      const moved = encryptPlaintextStoreOnce(file, key)
      if (moved) onEncrypted?.(moved)
    }
    return new ResultsStore(file, key)
  }

  close(): void {
    this.db.close()
  }
}

/** What the exports read: the batch's record and its results, nothing that writes. */
export type ResultsReader = Pick<ResultsStore, 'batches' | 'results' | 'vault' | 'decisions'>
