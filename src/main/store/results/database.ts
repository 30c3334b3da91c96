// The results database: one SQLite file (<dataDir>/lote.db), encrypted with the store key (SQLCipher's
// format, through SQLite3 Multiple Ciphers), opened with the durability the engines rely on, migrated to the
// newest schema, with prepared statements cached and one way to run a transaction. The repositories beside
// this file each own their tables' SQL; none of them opens or configures the file.
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../../shared/result'
import type { StoreKey } from '../store-key'
import { migrate } from './migrations'

export const RESULTS_DB_FILE = 'lote.db'
const BUSY_TIMEOUT_MS = 20_000
/** The page cache, in KiB: memory grows to it only as pages are read. */
const CACHE_KIB = 256 * 1024

/**
 * How the file is protected. `plaintext` exists only to read a store made by an older version while it is
 * encrypted, and to measure what encryption costs (bench/): Lote never writes personal data to one.
 */
export type StoreProtection = { kind: 'encrypted'; key: StoreKey } | { kind: 'plaintext' }

export interface DatabaseOptions {
  readonly?: boolean
  /** Skip the schema migrations (reading an old store as it is). */
  migrate?: boolean
}

/** Applies the cipher and key to a connection that has not read anything yet. */
export function applyProtection(connection: BetterSqlite3.Database, protection: StoreProtection): void {
  if (protection.kind === 'plaintext') return
  connection.pragma(`cipher = 'sqlcipher'`)
  connection.pragma('legacy = 4')
  // A raw key: the key is already 256 random bits, so no passphrase derivation is run on every open.
  connection.pragma(`key = "x'${protection.key.hex}'"`)
}

export class Database {
  readonly connection: BetterSqlite3.Database
  readonly schemaVersion: number
  private readonly statements = new Map<string, BetterSqlite3.Statement>()

  /** Opens (or creates) the database; `:memory:` for a throwaway one. */
  constructor(
    readonly file: string,
    protection: StoreProtection,
    options: DatabaseOptions = {}
  ) {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
      // Made 0600 before SQLite writes to it; SQLite gives its -wal and -shm files the same mode.
      if (!existsSync(file) && !options.readonly) closeSync(openSync(file, 'a', 0o600))
    }
    this.connection = new BetterSqlite3(file, { readonly: options.readonly ?? false })
    try {
      applyProtection(this.connection, protection)
      // Other processes (the desktop app, lote serve, lote run) share the file: a write waits this long for
      // their lock before it fails.
      this.connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
      // Fails here, not at the first query, when the key does not open the file.
      this.connection.prepare('SELECT count(*) FROM sqlite_master').get()
    } catch (error) {
      this.connection.close()
      if (error instanceof Error && /not a database|encrypted/i.test(error.message))
        throw new AppError(
          'store_key',
          protection.kind === 'encrypted'
            ? "The store key does not open this data folder's results. Nothing was changed. Use the key this " +
                'folder was made with (the keychain of the computer and user account that made it, LOTE_STORE_KEY ' +
                'or --store-key-file).'
            : "This data folder's results are encrypted and need their key.",
          { reason: 'wrong_key' }
        )
      throw error
    }
    if (!options.readonly) {
      this.connection.pragma('journal_mode = WAL')
      // FULL: a commit is on disk before the request that depends on it leaves, even if the power goes.
      this.connection.pragma('synchronous = FULL')
    }
    // Deleted rows are overwritten, not left readable in free pages; sorts and temporary tables stay in memory,
    // never in a plaintext temporary file.
    this.connection.pragma('secure_delete = ON')
    this.connection.pragma('temp_store = MEMORY')
    // Pages are decrypted when read from the file: a page cache large enough for a 100,000-row batch's grid
    // queries keeps them decrypted once (SQLite's default, 2 MB, would decrypt them again on every page).
    this.connection.pragma(`cache_size = -${CACHE_KIB}`)
    this.connection.pragma('foreign_keys = ON')
    this.schemaVersion = options.migrate === false || options.readonly ? 0 : migrate(this.connection)
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
