// Encrypts a results store written by a version of Lote that kept it in plaintext. The encrypted copy is built
// beside the old file, every table's row count is compared, and only then does it replace the old file in one
// rename. A migration that fails or is killed before that rename leaves the old file as it was (and the next
// start tries again); after it, the old file's pages are overwritten before its space is given back.
// Two processes starting on the same plaintext store (the app and a `lote` command, say) must not both
// migrate it: one would remove or rename the other's half-made copy. The first takes an exclusive SQLite lock
// on a small lock database beside the store (an OS file lock, released by the system if the process dies); the
// other waits for it and then finds the store encrypted, or, past its patience, says plainly that another Lote
// is migrating.
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../../shared/result'
import { storeFileKind, type StoreKey } from '../store-key'
import { Database } from './database'

export interface StoreEncryption {
  tables: number
  rows: number
}

const TEMP_SUFFIX = '.encrypting'
const LOCK_SUFFIX = '.migrating'
/** How long a start waits for another process's migration before saying so. */
const DEFAULT_WAIT_MS = 120_000

/**
 * Holds the migration lock: an exclusive transaction on `<store>.migrating`, waiting up to `waitMs` for
 * another process to end its own. The file itself stays (removing it could let a late process lock a new file
 * while another still holds the old); it holds no data.
 */
function takeLock(lock: string, waitMs: number): { release(): void } {
  const db = new BetterSqlite3(lock, { timeout: waitMs })
  try {
    db.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    db.close()
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw new AppError(
        'conflict',
        'Another Lote is encrypting the results kept in this data folder by an earlier version. Wait until it ' +
          'has finished, then start Lote again. Nothing was changed.'
      )
    throw error
  }
  return {
    release: () => {
      db.exec('COMMIT')
      db.close()
    }
  }
}

/**
 * Encrypts the plaintext store at `file` unless another process does: takes the migration lock (waiting for
 * another migration to end), and migrates only if the store is still plaintext by then. Returns what moved, or
 * null when there was nothing left to do.
 */
export function encryptPlaintextStoreOnce(
  file: string,
  key: StoreKey,
  options: { waitMs?: number; hooks?: { beforeSwap?: () => void } } = {}
): StoreEncryption | null {
  const lock = takeLock(file + LOCK_SUFFIX, options.waitMs ?? DEFAULT_WAIT_MS)
  try {
    // The process that held the lock before may have migrated it meanwhile.
    if (storeFileKind(file) !== 'plaintext') return null
    return encryptPlaintextStore(file, key, options.hooks)
  } finally {
    lock.release()
  }
}

function rowCounts(db: Database, tables: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const table of tables)
    counts.set(
      table,
      (
        db.connection.prepare(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as {
          n: number
        }
      ).n
    )
  return counts
}

/** Overwrites a file's bytes with zeros (the file is about to be, or has just been, unlinked). */
function scrub(fd: number): void {
  const size = fstatSync(fd).size
  const zeros = Buffer.alloc(Math.min(size, 1 << 20))
  for (let at = 0; at < size; at += zeros.length)
    writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at)
  fsyncSync(fd)
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Not every platform opens folders (Windows); the rename is still atomic there.
  }
}

/**
 * Replaces the plaintext store at `file` by an encrypted copy under `key`. `beforeSwap` runs after the copy is
 * checked and before it replaces the old file (tests kill the process there).
 */
export function encryptPlaintextStore(
  file: string,
  key: StoreKey,
  hooks: { beforeSwap?: () => void } = {}
): StoreEncryption {
  const temporary = file + TEMP_SUFFIX
  rmSync(temporary, { force: true })
  rmSync(`${temporary}-journal`, { force: true })

  // Open the old store as it is, fold its write-ahead log in, and leave it closed while the copy is made.
  const legacy = new Database(file, { kind: 'plaintext' }, { migrate: false })
  legacy.connection.pragma('wal_checkpoint(TRUNCATE)')
  legacy.close()

  const target = new Database(temporary, { kind: 'encrypted', key }, { migrate: false })
  let tables: string[]
  let source: Map<string, number>
  let copied: Map<string, number>
  try {
    target.connection.pragma('journal_mode = DELETE')
    target.connection.pragma('foreign_keys = OFF')
    target.connection.prepare(`ATTACH DATABASE ? AS legacy KEY ''`).run(file)
    const objects = target.connection
      .prepare(
        `SELECT type, name, sql FROM legacy.sqlite_master
          WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid`
      )
      .all() as Array<{ type: string; name: string; sql: string }>
    tables = objects.filter((o) => o.type === 'table').map((o) => o.name)
    target.transaction(() => {
      for (const object of objects.filter((o) => o.type === 'table')) target.connection.exec(object.sql)
      for (const table of tables) {
        const quoted = `"${table.replaceAll('"', '""')}"`
        target.connection.exec(`INSERT INTO main.${quoted} SELECT * FROM legacy.${quoted}`)
      }
      const hasSequence = target.connection
        .prepare(`SELECT 1 FROM legacy.sqlite_master WHERE name = 'sqlite_sequence'`)
        .get()
      if (hasSequence) {
        target.connection.exec('DELETE FROM main.sqlite_sequence')
        target.connection.exec('INSERT INTO main.sqlite_sequence SELECT * FROM legacy.sqlite_sequence')
      }
      for (const object of objects.filter((o) => o.type !== 'table')) target.connection.exec(object.sql)
      const version = target.connection.prepare('PRAGMA legacy.user_version').get() as {
        user_version: number
      }
      target.connection.pragma(`user_version = ${Number(version.user_version) | 0}`)
    })
    source = new Map(
      tables.map((t) => [
        t,
        (
          target.connection
            .prepare(`SELECT count(*) AS n FROM legacy."${t.replaceAll('"', '""')}"`)
            .get() as {
            n: number
          }
        ).n
      ])
    )
    target.connection.exec('DETACH DATABASE legacy')
    copied = rowCounts(target, tables)
  } catch (error) {
    target.close()
    rmSync(temporary, { force: true })
    throw new AppError(
      'file_error',
      'Lote could not encrypt the results it kept from an earlier version. The old file was left as it was; ' +
        'Lote will try again on the next start.',
      { reason: error instanceof Error ? error.message : String(error) }
    )
  }
  target.close()
  for (const table of tables) {
    if (source.get(table) !== copied.get(table)) {
      rmSync(temporary, { force: true })
      throw new AppError(
        'file_error',
        `Lote could not encrypt the results it kept from an earlier version (the copy of ${table} is incomplete). ` +
          'The old file was left as it was.'
      )
    }
  }
  const fd = openSync(temporary, 'r')
  fsyncSync(fd)
  closeSync(fd)
  hooks.beforeSwap?.()

  // Held open across the rename so its pages can be overwritten once the encrypted store has taken its place.
  const old = openSync(file, 'r+')
  try {
    renameSync(temporary, file)
    fsyncDir(dirname(file))
    scrub(old)
  } finally {
    closeSync(old)
  }
  for (const leftover of [`${file}-wal`, `${file}-shm`])
    if (existsSync(leftover)) rmSync(leftover, { force: true })
  return { tables: tables.length, rows: [...copied.values()].reduce((a, b) => a + b, 0) }
}
