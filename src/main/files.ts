// Files the analyst gives Lote (dropped, picked or uploaded through the browser host) and files Lote makes
// for them (exports). The renderer refers to them by id; only the main process knows their paths. Files Lote
// made wait in its folder sealed with the store key until the analyst saves or downloads them; only that copy,
// which the analyst chose to make, is plain. Uploads are sealed as they arrive; a reader that needs the sheet on
// disk gets a plain copy (0600) for as long as it reads, removed when it ends (and at the next start if Lote was
// killed meanwhile).
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { AppError } from '../shared/result'
import { pathInside, safeFileName } from './file-names'
import { copyFileAtomically, writeAtomically } from './export/file-writer'
import type { FileVault } from './store/sealed-files'
import { ensurePrivateDir } from './store/private-files'

export interface FileRef {
  fileId: string
  name: string
  size: number
}

interface Entry extends FileRef {
  path: string
  /**
   * `given`: the analyst's own file, read where it is. `made`: a file Lote made, kept sealed until saved.
   * `upload`: a copy uploaded through the browser host, kept sealed. `size` is always the plain size.
   */
  origin: 'given' | 'made' | 'upload'
  /** The batch whose data the file holds: deleting or purging the batch removes it. */
  batchId?: string
}

/** Larger uploads are refused before they fill the disk; the import has its own, lower limits. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024
const UPLOAD_RETENTION_MS = 7 * 24 * 3600 * 1000
/** A plain copy left by a read that never ended (Lote killed): no read takes this long. */
const READING_COPY_MS = 24 * 3600 * 1000

export class FileRegistry {
  private readonly entries = new Map<string, Entry>()
  readonly uploadDir: string
  readonly exportDir: string
  /** Plain copies of sealed uploads while a reader reads them. */
  private readonly readingDir: string

  constructor(
    dataDir: string,
    private readonly vault: FileVault
  ) {
    this.uploadDir = join(dataDir, 'uploads')
    this.exportDir = join(dataDir, 'exports')
    this.readingDir = join(dataDir, 'reading')
  }

  /**
   * Removes uploads and exports left from earlier sessions once they are a week old, except uploads a draft
   * still reads from (`inUse`), and plain copies a killed read left behind.
   */
  sweep(now = Date.now(), inUse: (uploadFolder: string) => boolean = () => false): void {
    const sweepDir = (dir: string, maxAge: number, keep: (path: string) => boolean = () => false) => {
      if (!existsSync(dir)) return
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (now - statSync(path).mtimeMs > maxAge && !keep(path))
          rmSync(path, { recursive: true, force: true })
      }
    }
    sweepDir(this.uploadDir, UPLOAD_RETENTION_MS, inUse)
    sweepDir(this.exportDir, UPLOAD_RETENTION_MS)
    sweepDir(this.readingDir, READING_COPY_MS)
  }

  registerPath(path: string): FileRef {
    const entry: Entry = { ...givenFile(path), origin: 'given' }
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
    const entry: Entry = { fileId: randomUUID(), name: basename(path), size, path, origin: 'made', batchId }
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
    return entry.origin === 'given' ? readFileSync(entry.path) : this.vault.read(entry.path)
  }

  /**
   * Stores an upload from the browser host under its own folder, keeping the analyst's file name, sealed with
   * the store key as it arrives.
   */
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
      await this.vault.writeStream(path, body)
    } catch (error) {
      rmSync(dir, { recursive: true, force: true })
      if (error instanceof AppError) throw error
      throw new AppError('file_error', `The upload of ${safeName} was interrupted. Try again.`)
    }
    const entry: Entry = { fileId: randomUUID(), name: basename(path), size, path, origin: 'upload' }
    this.entries.set(entry.fileId, entry)
    return { fileId: entry.fileId, name: entry.name, size: entry.size }
  }

  /** Whether the file is a copy uploaded through the browser host (kept in Lote's folder, not the analyst's). */
  isUpload(fileId: string): boolean {
    return this.entry(fileId).origin === 'upload'
  }

  /** Whether a path is an upload's sealed copy (a draft's source, say, after a restart). */
  private isUploadPath(path: string): boolean {
    return dirname(dirname(path)) === this.uploadDir
  }

  /**
   * Runs a reader on a file by path: the analyst's own file where it is, a sealed upload as a plain copy made
   * for this read alone (readable by the user only) and removed as soon as the reader is done.
   */
  async readable<T>(path: string, read: (plainPath: string) => Promise<T>): Promise<T> {
    if (!this.isUploadPath(path)) return read(path)
    if (!existsSync(path))
      throw new AppError(
        'file_error',
        `The uploaded copy of ${basename(path)} is no longer kept. Upload the file again.`
      )
    const dir = join(this.readingDir, randomUUID())
    ensurePrivateDir(dir)
    try {
      const plain = join(dir, basename(path))
      await this.vault.openToFile(path, plain, basename(path))
      return await read(plain)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  /**
   * Forgets a file once Lote has taken what it needs from it; an upload (a sealed copy in Lote's folder) is
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
    if (entry.origin === 'given') return copyFileAtomically(entry.path, target)
    const bytes = this.vault.read(entry.path)
    await writeAtomically(target, async (temporary) => writeFileSync(temporary, bytes))
  }

  /**
   * Where a file the analyst gave Lote is kept: their own file, or an upload's sealed copy. Readers open it
   * through `readable`; files Lote made are read with `read`.
   */
  path(fileId: string): string {
    const entry = this.entry(fileId)
    if (entry.origin === 'made') throw new AppError('internal', 'A sealed file was asked for by path.')
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

/** A file the analyst gave by path, with a new id; refused when nothing is there to read. */
function givenFile(path: string): FileRef & { path: string } {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new AppError(
      'file_error',
      `The file ${basename(path)} could not be found. It may have been moved or deleted.`
    )
  return { fileId: randomUUID(), name: basename(path), size: statSync(path).size, path }
}

/**
 * What reading a spreadsheet needs of the files: where a given file is kept, how a reader opens it there (see
 * FileRegistry.readable), and the name it is shown by.
 */
export interface GivenFiles {
  path(fileId: string): string
  readable<T>(path: string, read: (plainPath: string) => Promise<T>): Promise<T>
  get(fileId: string): FileRef
}

/**
 * Files given by path to a command that keeps no data folder (`lote inspect`): read where they are, never
 * copied, uploaded or sealed.
 */
export class FilesOnDisk implements GivenFiles {
  private readonly entries = new Map<string, FileRef & { path: string }>()

  registerPath(path: string): FileRef {
    const { path: _path, ...ref } = givenFile(path)
    this.entries.set(ref.fileId, { ...ref, path })
    return ref
  }

  path(fileId: string): string {
    return this.entry(fileId).path
  }

  /** A file given by path is read where it is. */
  readable<T>(path: string, read: (plainPath: string) => Promise<T>): Promise<T> {
    return read(path)
  }

  get(fileId: string): FileRef {
    const { path: _path, ...ref } = this.entry(fileId)
    return ref
  }

  private entry(fileId: string): FileRef & { path: string } {
    const entry = this.entries.get(fileId)
    if (!entry) throw new AppError('not_found', 'That file is no longer open in Lote. Drop it again.')
    return entry
  }
}
