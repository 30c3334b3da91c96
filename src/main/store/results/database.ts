// The results database: one SQLite file (<dataDir>/lote.db), opened with the durability the engines rely on,
// migrated to the newest schema, with prepared statements cached and one way to run a transaction. The
// repositories beside this file each own their tables' SQL; none of them opens or configures the file.
import BetterSqlite3 from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrate } from './migrations'

export const RESULTS_DB_FILE = 'lote.db'
const BUSY_TIMEOUT_MS = 20_000

export class Database {
  readonly connection: BetterSqlite3.Database
  readonly schemaVersion: number
  private readonly statements = new Map<string, BetterSqlite3.Statement>()

  /** Opens (or creates) the database; `:memory:` for a throwaway one. */
  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.connection = new BetterSqlite3(file)
    // Other processes (the desktop app, lote serve, lote run) share the file: a write waits this long for
    // their lock before it fails.
    this.connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    this.connection.pragma('journal_mode = WAL')
    // FULL: a commit is on disk before the request that depends on it leaves, even if the power goes.
    this.connection.pragma('synchronous = FULL')
    this.connection.pragma('foreign_keys = ON')
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

  /**
   * Runs `work` in one transaction (nested calls join the outer one) and returns what it returns. The
   * transaction is immediate: it takes the write lock when it begins, waiting under the busy timeout for
   * another process's, so what it reads is still true when it writes. (A deferred transaction that reads and
   * then writes fails at once with "database is locked" when another process wrote in between.)
   */
  transaction<T>(work: () => T): T {
    return this.connection.transaction(work).immediate()
  }

  get open(): boolean {
    return this.connection.open
  }

  close(): void {
    if (this.connection.open) this.connection.close()
  }
}
