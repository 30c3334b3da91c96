// Password-protected zip files in the WinZip AES format (AE-2, AES-256), written with node:crypto and zlib: the
// format 7-Zip, WinZip, macOS's Archive Utility (via Keka or The Unarchiver), Windows 11's Explorer and most
// zip tools open with the password. Each file is deflated, then encrypted with AES-256 in counter mode under a
// key derived from the password (PBKDF2-HMAC-SHA1, 1,000 rounds, a random 16-byte salt per file) and
// authenticated with HMAC-SHA1, as the format specifies. The older "ZipCrypto" scheme is never used: it is
// broken. Files up to 4 GB (no Zip64).
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import * as zip from './zip-records'

const KEY_BYTES = 32
const SALT_BYTES = 16
const AUTH_BYTES = 10
const ROUNDS = 1000
const AES_EXTRA = 0x9901
const METHOD_AES = 99
const METHOD_DEFLATE = 8
const VERSION_NEEDED = 51
const FLAG_ENCRYPTED = 0x0001
const MAX_BYTES = 0xffffffff

export interface ZipEntry {
  name: string
  data: Buffer
  modified?: Date
}

/** A password an analyst can be expected to keep: long enough to resist guessing. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Use a password of at least 8 characters.'
  if (password.length > 256) return 'Use a password of at most 256 characters.'
  return null
}

/** AES-256 in WinZip's counter mode: a 16-byte little-endian counter starting at 1. */
function aesCtr(key: Buffer, data: Buffer): Buffer {
  const blocks = Math.ceil(data.length / 16)
  const counters = Buffer.alloc(blocks * 16)
  for (let i = 0; i < blocks; i++) {
    const n = i + 1
    counters.writeUInt32LE(n >>> 0, i * 16)
    counters.writeUInt32LE(Math.floor(n / 0x100000000), i * 16 + 4)
  }
  const cipher = createCipheriv('aes-256-ecb', key, null)
  cipher.setAutoPadding(false)
  const stream = Buffer.concat([cipher.update(counters), cipher.final()])
  const out = Buffer.alloc(data.length)
  for (let i = 0; i < data.length; i++) out[i] = data[i] ^ stream[i]
  return out
}

function aesExtraField(): Buffer {
  const extra = Buffer.alloc(11)
  extra.writeUInt16LE(AES_EXTRA, 0)
  extra.writeUInt16LE(7, 2)
  extra.writeUInt16LE(2, 4) // AE-2: no CRC, the HMAC authenticates the data
  extra.write('AE', 6, 'latin1')
  extra.writeUInt8(3, 8) // AES-256
  extra.writeUInt16LE(METHOD_DEFLATE, 9)
  return extra
}

/** The encrypted body of one entry: salt, password verifier, ciphertext, authentication code. */
function encrypt(data: Buffer, password: string): Buffer {
  const salt = randomBytes(SALT_BYTES)
  const derived = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, ROUNDS, 2 * KEY_BYTES + 2, 'sha1')
  const aesKey = derived.subarray(0, KEY_BYTES)
  const macKey = derived.subarray(KEY_BYTES, 2 * KEY_BYTES)
  const verifier = derived.subarray(2 * KEY_BYTES)
  const ciphertext = aesCtr(aesKey, deflateRawSync(data))
  const auth = createHmac('sha1', macKey).update(ciphertext).digest().subarray(0, AUTH_BYTES)
  return Buffer.concat([salt, verifier, ciphertext, auth])
}

/** A zip holding `entries`, each encrypted with `password`. */
export function protectedZip(entries: ZipEntry[], password: string): Buffer {
  const problem = passwordProblem(password)
  if (problem) throw new Error(problem)
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    if (entry.data.length > MAX_BYTES) throw new Error(`${entry.name} is too large for a protected zip.`)
    const name = Buffer.from(entry.name, 'utf8')
    const body = encrypt(entry.data, password)
    const extra = aesExtraField()
    const { time, date } = zip.dosDateTime(entry.modified ?? new Date())

    const record: zip.ZipFileRecord = {
      versionNeeded: VERSION_NEEDED,
      madeBy: (3 << 8) | VERSION_NEEDED, // Unix
      flags: FLAG_ENCRYPTED | zip.FLAG_UTF8,
      method: METHOD_AES,
      time,
      date,
      crc: 0, // none in AE-2
      compressedSize: body.length,
      size: entry.data.length,
      name,
      extraLength: extra.length,
      externalAttributes: (0o100600 << 16) >>> 0 // a regular file, readable by its owner only
    }
    const local = zip.localHeader(record)
    locals.push(local, name, extra, body)
    centrals.push(zip.centralEntry(record, offset), name, extra)
    offset += local.length + name.length + extra.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = zip.directoryEnd(entries.length, directory.length, offset)
  return Buffer.concat([...locals, directory, end])
}
