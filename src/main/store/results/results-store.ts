// The local results store: every batch, row, check, detail and downloaded file, in one SQLite file
// (<dataDir>/lote.db). This file only puts the parts together — the database (connection, migrations,
// transactions) and one repository per kind of thing held — so each user takes the repository it needs:
//
// - batches   batch records: what the analyst chose, the authorisation, status          (batch-records.ts)
// - drafts    the rows of a draft, as imported and fixed in the review step               (draft-rows.ts)
// - ledger    rows and checks as the engines work on them; engines see `EngineLedger`     (check-ledger.ts)
// - journal   every step of a batch's life                                                (journal.ts)
// - results   read-side queries for the grid, the charts, the drawer and the exports     (result-queries.ts)
// - leases    which process works on a batch, so only one does                           (batch-leases.ts)
import { join } from 'node:path'
import { BatchLeases } from './batch-leases'
import { BatchRecords } from './batch-records'
import { CheckLedger } from './check-ledger'
import { Database, RESULTS_DB_FILE } from './database'
import { DraftRows } from './draft-rows'
import { Journal } from './journal'
import { ResultQueries } from './result-queries'

export class ResultsStore {
  readonly db: Database
  readonly journal: Journal
  readonly batches: BatchRecords
  readonly drafts: DraftRows
  readonly ledger: CheckLedger
  readonly results: ResultQueries
  readonly leases: BatchLeases

  /** Opens (or creates) the store; `:memory:` for a throwaway one. */
  constructor(readonly file: string) {
    this.db = new Database(file)
    this.journal = new Journal(this.db)
    this.batches = new BatchRecords(this.db, this.journal)
    this.drafts = new DraftRows(this.db, this.batches, this.journal)
    this.ledger = new CheckLedger(this.db, this.batches, this.journal)
    this.results = new ResultQueries(this.db)
    this.leases = new BatchLeases(this.db)
    this.ledger.reassessRisks()
  }

  static inDataDir(dataDir: string): ResultsStore {
    return new ResultsStore(join(dataDir, RESULTS_DB_FILE))
  }

  close(): void {
    this.db.close()
  }
}

/** What the exports read: the batch's record and its results, nothing that writes. */
export type ResultsReader = Pick<ResultsStore, 'batches' | 'results'>
