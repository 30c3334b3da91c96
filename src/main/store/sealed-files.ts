// Files Lote keeps beside the database (check PDFs, Truora's batch reports, the files uploaded to Truora)
// are sealed with AES-256-GCM under the store key: a 5-byte mark, a 12-byte random nonce, the ciphertext and
// the 16-byte tag. A changed or truncated file fails to open instead of returning altered bytes.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../shared/result'
import { ensurePrivateDir, writePrivateFile } from './private-files'
import type { StoreKey } from './store-key'

const MARK = Buffer.from('LOTE1', 'latin1')
const NONCE_BYTES = 12
const TAG_BYTES = 16

export class FileVault {
  private readonly key: Buffer

  constructor(key: StoreKey) {
    this.key = key.buffer
  }

  seal(bytes: Buffer): Buffer {
    const nonce = randomBytes(NONCE_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce)
    cipher.setAAD(MARK)
    const body = Buffer.concat([cipher.update(bytes), cipher.final()])
    return Buffer.concat([MARK, nonce, body, cipher.getAuthTag()])
  }

  open(sealed: Buffer, name = 'a stored file'): Buffer {
    if (
      sealed.length < MARK.length + NONCE_BYTES + TAG_BYTES ||
      !sealed.subarray(0, MARK.length).equals(MARK)
    )
      throw new AppError('file_error', `${name} is not a file Lote sealed, or it is cut short.`)
    const nonce = sealed.subarray(MARK.length, MARK.length + NONCE_BYTES)
    const tag = sealed.subarray(sealed.length - TAG_BYTES)
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce)
    decipher.setAAD(MARK)
    decipher.setAuthTag(tag)
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(MARK.length + NONCE_BYTES, sealed.length - TAG_BYTES)),
        decipher.final()
      ])
    } catch {
      throw new AppError('file_error', `${name} was changed or damaged since Lote saved it.`)
    }
  }

  /** Writes `bytes` sealed to `path` (0600, complete or not at all). */
  write(path: string, bytes: Buffer): void {
    ensurePrivateDir(dirname(path))
    writePrivateFile(path, this.seal(bytes))
  }

  /**
   * Seals a stream into `path` as it arrives, in the same layout as `write`, without holding the whole file in
   * memory (an uploaded spreadsheet can be hundreds of megabytes). A stream that fails leaves a partial file the
   * caller removes.
   */
  async writeStream(path: string, body: Readable): Promise<void> {
    ensurePrivateDir(dirname(path))
    const nonce = randomBytes(NONCE_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce)
    cipher.setAAD(MARK)
    const seal = new Transform({
      construct(done) {
        this.push(Buffer.concat([MARK, nonce]))
        done()
      },
      transform(chunk: Buffer, _encoding, done) {
        done(null, cipher.update(chunk))
      },
      flush(done) {
        done(null, Buffer.concat([cipher.final(), cipher.getAuthTag()]))
      }
    })
    await pipeline(body, seal, createWriteStream(path, { mode: 0o600 }))
  }

  /**
   * Opens a sealed file into `plainPath` (0600) as a stream, for a reader that needs a file on disk. A changed
   * or damaged file fails at its end, and the caller removes what was written.
   */
  async openToFile(path: string, plainPath: string, name = 'a stored file'): Promise<void> {
    const handle = await open(path, 'r')
    let nonce: Buffer
    let tag: Buffer
    let size: number
    try {
      size = (await handle.stat()).size
      if (size < MARK.length + NONCE_BYTES + TAG_BYTES)
        throw new AppError('file_error', `${name} is not a file Lote sealed, or it is cut short.`)
      const head = Buffer.alloc(MARK.length + NONCE_BYTES)
      await handle.read(head, 0, head.length, 0)
      if (!head.subarray(0, MARK.length).equals(MARK))
        throw new AppError('file_error', `${name} is not a file Lote sealed, or it is cut short.`)
      nonce = head.subarray(MARK.length)
      tag = Buffer.alloc(TAG_BYTES)
      await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES)
    } finally {
      await handle.close()
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce)
    decipher.setAAD(MARK)
    decipher.setAuthTag(tag)
    const unseal = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        done(null, decipher.update(chunk))
      },
      flush(done) {
        try {
          done(null, decipher.final())
        } catch {
          done(new AppError('file_error', `${name} was changed or damaged since Lote saved it.`))
        }
      }
    })
    const start = MARK.length + NONCE_BYTES
    const end = size - TAG_BYTES // exclusive
    await pipeline(
      end > start ? createReadStream(path, { start, end: end - 1 }) : Readable.from([]),
      unseal,
      createWriteStream(plainPath, { mode: 0o600 })
    )
  }

  read(path: string): Buffer {
    return this.open(readFileSync(path), path)
  }

  exists(path: string): boolean {
    return existsSync(path)
  }
}
