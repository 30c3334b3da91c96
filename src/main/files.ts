// Files the analyst gives Lote (dropped, picked or uploaded through the browser host) and files Lote makes
// for them (exports). The renderer refers to them by id; only the main process knows their paths. Files Lote
// made wait in its folder sealed with the store key until the analyst saves or downloads them; only that copy,
// which the analyst chose to make, is plain.
import { randomUUID } from 'node:crypto'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { AppError } from '../shared/result'
import { pathInside, safeFileName } from './file-names'
import { copyFileAtomically, writeAtomically } from './export/file-writer'
import type { FileVault } from './store/sealed-files'

export interface FileRef {
  fileId: string
  name: string
  size: number
}

interface Entry extends FileRef {
  path: string
  /** A file Lote made, kept sealed; `size` is the plain size. */
  sealed: boolean
  /** The batch whose data the file holds: deleting or purging the batch removes it. */
  batchId?: string
}

/** Larger uploads are refused before they fill the disk; the import has its own, lower limits. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024
const UPLOAD_RETENTION_MS = 7 * 24 * 3600 * 1000

export class FileRegistry {
  private readonly entries = new Map<string, Entry>()
  readonly uploadDir: string
  readonly exportDir: string

  constructor(
    dataDir: string,
    private readonly vault: FileVault
  ) {
    this.uploadDir = join(dataDir, 'uploads')
    this.exportDir = join(dataDir, 'exports')
  }

  /** Removes uploads and exports left from earlier sessions, once they are a week old. */
  sweep(now = Date.now()): void {
    for (const dir of [this.uploadDir, this.exportDir]) {
      if (!existsSync(dir)) continue
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (now - statSync(path).mtimeMs > UPLOAD_RETENTION_MS) rmSync(path, { recursive: true, force: true })
      }
    }
  }

  registerPath(path: string): FileRef {
    if (!existsSync(path) || !statSync(path).isFile())
      throw new AppError(
        'file_error',
        `The file ${basename(path)} could not be found. It may have been moved or deleted.`
      )
    const entry: Entry = {
      fileId: randomUUID(),
      name: basename(path),
      size: statSync(path).size,
      path,
      sealed: false
    }
    this.entries.set(entry.fileId, entry)
    return { fileId: entry.fileId, name: entry.name, size: entry.size }
  }

  /** Offers the analyst a file Lote made (an export, a PDF): it is kept sealed until they save or download it. */
  offer(name: string, bytes: Buffer, batchId?: string): FileRef {
    const path = this.exportPath(name)
    this.vault.write(path, bytes)
    return this.rememberSealed(path, bytes.length, batchId)
  }

  /**
   * Offers a file Lote just wrote at `exportPath(name)` (writers that stream to a path): it is read, sealed in
   * place and offered like `offer`.
   */
  offerWritten(path: string, batchId?: string): FileRef {
    const bytes = readFileSync(path)
    this.vault.write(path, bytes)
    return this.rememberSealed(path, bytes.length, batchId)
  }

  private rememberSealed(path: string, size: number, batchId: string | undefined): FileRef {
    const entry: Entry = { fileId: randomUUID(), name: basename(path), size, path, sealed: true, batchId }
    this.entries.set(entry.fileId, entry)
    return { fileId: entry.fileId, name: entry.name, size: entry.size }
  }

  /** Removes the files Lote made from a batch's data (a deleted or purged batch); returns how many. */
  forgetBatch(batchId: string): number {
    let removed = 0
    for (const [fileId, entry] of this.entries) {
      if (entry.batchId !== batchId) continue
      rmSync(dirname(entry.path), { recursive: true, force: true })
      this.entries.delete(fileId)
      removed++
    }
    return removed
  }

  /** The file's bytes, opened when Lote sealed it. */
  read(fileId: string): Buffer {
    const entry = this.entry(fileId)
    return entry.sealed ? this.vault.read(entry.path) : readFileSync(entry.path)
  }

  /** Whether Lote sealed the file (and so it must be read with `read`, not by path). */
  isSealed(fileId: string): boolean {
    return this.entry(fileId).sealed
  }

  /** Stores an upload from the browser host under its own folder, keeping the analyst's file name. */
  async receive(name: string, body: Readable, declaredSize?: number): Promise<FileRef> {
    const safeName = safeFileName(basename(name), 'upload')
    if (declaredSize !== undefined && declaredSize > MAX_UPLOAD_BYTES)
      throw new AppError('file_error', `${safeName} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`)
    const dir = join(this.uploadDir, randomUUID())
    mkdirSync(dir, { recursive: true })
    const path = pathInside(dir, safeName)
    let size = 0
    body.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_UPLOAD_BYTES)
        body.destroy(new AppError('file_error', `${safeName} is too large to upload.`))
    })
    try {
      await pipeline(body, createWriteStream(path))
    } catch (error) {
      rmSync(dir, { recursive: true, force: true })
      if (error instanceof AppError) throw error
      throw new AppError('file_error', `The upload of ${safeName} was interrupted. Try again.`)
    }
    return this.registerPath(path)
  }

  /** Whether the file is a copy uploaded through the browser host (kept in Lote's folder, not the analyst's). */
  isUpload(fileId: string): boolean {
    const entry = this.entry(fileId)
    return !entry.sealed && dirname(dirname(entry.path)) === this.uploadDir
  }

  /**
   * Forgets a file once Lote has taken what it needs from it; an upload (a copy in Lote's folder, in plain) is
   * removed. A file the analyst gave by path is theirs and stays.
   */
  release(fileId: string): void {
    const entry = this.entries.get(fileId)
    if (!entry) return
    const upload = this.isUpload(fileId)
    this.entries.delete(fileId)
    if (upload) rmSync(dirname(entry.path), { recursive: true, force: true })
  }

  /** A new path for a file Lote is about to write for download; the name is made safe (it may come from a server). */
  exportPath(name: string): string {
    const dir = join(this.exportDir, randomUUID())
    mkdirSync(dir, { recursive: true })
    return pathInside(dir, name, 'export')
  }

  /** Saves a copy where the analyst chose; a copy cut short leaves whatever file was there untouched. */
  async copyTo(fileId: string, target: string): Promise<void> {
    const entry = this.entry(fileId)
    if (!entry.sealed) return copyFileAtomically(entry.path, target)
    const bytes = this.vault.read(entry.path)
    await writeAtomically(target, async (temporary) => writeFileSync(temporary, bytes))
  }

  /** The path of a file the analyst gave Lote (to read it); files Lote made are read with `read`. */
  path(fileId: string): string {
    const entry = this.entry(fileId)
    if (entry.sealed) throw new AppError('internal', 'A sealed file was asked for by path.')
    return entry.path
  }

  private entry(fileId: string): Entry {
    const entry = this.entries.get(fileId)
    if (!entry) throw new AppError('not_found', 'That file is no longer open in Lote. Drop it again.')
    return entry
  }

  get(fileId: string): FileRef {
    const entry = this.entries.get(fileId)
    if (!entry) throw new AppError('not_found', 'That file is no longer open in Lote. Drop it again.')
    return { fileId: entry.fileId, name: entry.name, size: entry.size }
  }
}
