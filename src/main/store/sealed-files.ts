// Files Lote keeps beside the database (check PDFs, Truora's batch reports, the files uploaded to Truora)
// are sealed with AES-256-GCM under the store key: a 5-byte mark, a 12-byte random nonce, the ciphertext and
// the 16-byte tag. A changed or truncated file fails to open instead of returning altered bytes.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
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

  read(path: string): Buffer {
    return this.open(readFileSync(path), path)
  }

  exists(path: string): boolean {
    return existsSync(path)
  }
}
