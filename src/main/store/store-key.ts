// The key that encrypts everything Lote keeps about people: the results database and the files beside it.
// It is 32 random bytes made on first start and kept in the OS keychain (or Electron's safeStorage where no
// keychain answers). Machines without either take it from LOTE_STORE_KEY or a key file readable by its owner
// only. There is no plaintext fallback: without a key, Lote says why and stops.
//
// The keychain entry is named after a random id kept in the data folder (`store-id`), not after the folder's
// path: moving the folder keeps it readable; copying it to another account or computer does not.
import { randomBytes, randomUUID } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/result'
import { ensurePrivateDir, writePrivateFile } from './private-files'
import type { SecretStore } from './secrets'
import { RESULTS_DB_FILE } from './results/database'

export const STORE_KEY_ENV = 'LOTE_STORE_KEY'
const STORE_ID_FILE = 'store-id'
const KEY_PATTERN = /^[0-9a-f]{64}$/i
const SQLITE_HEADER = 'SQLite format 3\0'

/** A 256-bit key. Its text never reaches a log: `toString` hides it. */
export class StoreKey {
  private constructor(private readonly bytes: Buffer) {}

  static generate(): StoreKey {
    return new StoreKey(randomBytes(32))
  }

  /** 64 hexadecimal characters (`openssl rand -hex 32`). */
  static fromHex(text: string, source: string): StoreKey {
    const trimmed = text.trim()
    if (!KEY_PATTERN.test(trimmed))
      throw new AppError(
        'store_key',
        `The store key in ${source} is not 64 hexadecimal characters. Make one with: openssl rand -hex 32`
      )
    return new StoreKey(Buffer.from(trimmed, 'hex'))
  }

  get hex(): string {
    return this.bytes.toString('hex')
  }

  /** The raw key, for the file cipher. */
  get buffer(): Buffer {
    return Buffer.from(this.bytes)
  }

  toString(): string {
    return '[store key]'
  }

  toJSON(): string {
    return '[store key]'
  }
}

export interface StoreKeySources {
  dataDir: string
  env?: NodeJS.ProcessEnv
  /** `--store-key-file`: a file holding the key, readable by its owner only. */
  keyFile?: string
  /** The OS keychain. */
  keychain?: SecretStore
  /** Electron's safeStorage, used where the keychain does not answer (desktop only). */
  safeStorage?: SecretStore
}

export type StoreKeySource = 'environment' | 'key-file' | 'keychain' | 'safeStorage'

export interface ResolvedStoreKey {
  key: StoreKey
  source: StoreKeySource
  /** True when this start made the key (a new data folder, or one whose plaintext store is to be encrypted). */
  created: boolean
}

/** What the results database file in a folder is, read from its first bytes. */
export function storeFileKind(file: string): 'missing' | 'plaintext' | 'encrypted' {
  if (!existsSync(file) || statSync(file).size === 0) return 'missing'
  const header = Buffer.alloc(16)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, header, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  return header.toString('latin1') === SQLITE_HEADER ? 'plaintext' : 'encrypted'
}

/** Reads a key file, refusing one that other users could read or change. */
export function readKeyFile(path: string): StoreKey {
  if (!existsSync(path)) throw new AppError('store_key', `The store key file ${path} does not exist.`)
  const stat = statSync(path)
  if (!stat.isFile()) throw new AppError('store_key', `The store key file ${path} is not a file.`)
  if (process.platform !== 'win32') {
    if ((stat.mode & 0o077) !== 0)
      throw new AppError(
        'store_key',
        `The store key file ${path} can be read by other users. Make it readable by its owner only: chmod 600 ${path}`
      )
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid())
      throw new AppError('store_key', `The store key file ${path} belongs to another user.`)
  }
  return StoreKey.fromHex(readFileSync(path, 'utf8'), path)
}

function keychainAccount(dataDir: string): string {
  const file = join(dataDir, STORE_ID_FILE)
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim()
    if (id) return `store-key:${id}`
  }
  ensurePrivateDir(dataDir)
  const id = randomUUID()
  writePrivateFile(file, `${id}\n`)
  return `store-key:${id}`
}

const MISSING_KEY_MESSAGE =
  "Lote's data in this folder is encrypted, and its key is not in this computer's keychain. This happens when " +
  'the folder was copied from another computer or user account, or the keychain entry was deleted. Nothing ' +
  'was changed. Start Lote where the data was made, or give the key with LOTE_STORE_KEY or --store-key-file.'

const NO_KEYCHAIN_MESSAGE =
  'Lote encrypts the personal data it keeps, and needs a place for the key: the system keychain could not be ' +
  'reached. Unlock or install a keyring (gnome-keyring or KWallet on Linux), or, on a server, give a key with ' +
  'LOTE_STORE_KEY or --store-key-file (make one with: openssl rand -hex 32).'

/**
 * Finds the store key of a data folder: LOTE_STORE_KEY, then the key file, then the keychain entry (made on
 * first start). A folder whose store is encrypted but whose key cannot be found is refused, never emptied.
 */
export async function resolveStoreKey(sources: StoreKeySources): Promise<ResolvedStoreKey> {
  const env = sources.env ?? process.env
  const fromEnv = env[STORE_KEY_ENV]
  if (fromEnv) return { key: StoreKey.fromHex(fromEnv, STORE_KEY_ENV), source: 'environment', created: false }
  if (sources.keyFile) return { key: readKeyFile(sources.keyFile), source: 'key-file', created: false }

  const candidates: Array<{ store: SecretStore; source: StoreKeySource }> = []
  if (sources.keychain) candidates.push({ store: sources.keychain, source: 'keychain' })
  if (sources.safeStorage) candidates.push({ store: sources.safeStorage, source: 'safeStorage' })
  const account = keychainAccount(sources.dataDir)
  let writable: { store: SecretStore; source: StoreKeySource } | undefined
  const reasons: string[] = []
  for (const candidate of candidates) {
    try {
      await candidate.store.probe()
      const stored = await candidate.store.get(account)
      if (stored)
        return { key: StoreKey.fromHex(stored, candidate.source), source: candidate.source, created: false }
      writable ??= candidate
    } catch (error) {
      if (error instanceof AppError && error.code === 'store_key') throw error
      reasons.push(error instanceof Error ? error.message : String(error))
    }
  }
  if (storeFileKind(join(sources.dataDir, RESULTS_DB_FILE)) === 'encrypted')
    throw new AppError('store_key', writable ? MISSING_KEY_MESSAGE : NO_KEYCHAIN_MESSAGE, {
      reason: 'missing_key'
    })
  if (!writable)
    throw new AppError('store_key', NO_KEYCHAIN_MESSAGE, { reason: 'no_keychain', causes: reasons })
  const key = StoreKey.generate()
  await writable.store.set(account, key.hex)
  // Read back: a keychain that accepts and forgets would leave data no one can open.
  if ((await writable.store.get(account)) !== key.hex)
    throw new AppError('store_key', NO_KEYCHAIN_MESSAGE, { reason: 'keychain_forgot' })
  return { key, source: writable.source, created: true }
}
