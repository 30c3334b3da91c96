// The results database: one SQLite file (<dataDir>/lote.db), opened with the durability the engines rely on,
// migrated to the newest schema, with prepared statements cached and one way to run a transaction. The
// repositories beside this file each own their tables' SQL; none of them opens or configures the file.
import BetterSqlite3 from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrate } from './migrations'

export const RESULTS_DB_FILE = 'lote.db'

export class Database {
  readonly connection: BetterSqlite3.Database
  readonly schemaVersion: number
  private readonly statements = new Map<string, BetterSqlite3.Statement>()

  /** Opens (or creates) the database; `:memory:` for a throwaway one. */
  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.connection = new BetterSqlite3(file)
    this.connection.pragma('journal_mode = WAL')
    // FULL: a commit is on disk before the request that depends on it leaves, even if the power goes.
    this.connection.pragma('synchronous = FULL')
    this.connection.pragma('foreign_keys = ON')
    this.connection.pragma('busy_timeout = 5000')
    this.schemaVersion = migrate(this.connection)
  }

  /** Prepared once per text: the engines run the same few statements hundreds of thousands of times. */
  sql(text: string): BetterSqlite3.Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.connection.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  /** Runs `work` in one transaction (nested calls join the outer one) and returns what it returns. */
  transaction<T>(work: () => T): T {
    return this.connection.transaction(work)()
  }

  get open(): boolean {
    return this.connection.open
  }

  close(): void {
    if (this.connection.open) this.connection.close()
  }
}
