// Files the analyst gives Lote (dropped, picked or uploaded through the browser host) and files Lote makes
// for them (exports). The renderer refers to them by id; only the main process knows their paths.
import { randomUUID } from 'node:crypto'
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { AppError } from '../shared/result'
import { pathInside, safeFileName } from './file-names'
import { copyFileAtomically } from './export/file-writer'

export interface FileRef {
  fileId: string
  name: string
  size: number
}

interface Entry extends FileRef {
  path: string
}

/** Larger uploads are refused before they fill the disk; the import has its own, lower limits. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024
const UPLOAD_RETENTION_MS = 7 * 24 * 3600 * 1000

export class FileRegistry {
  private readonly entries = new Map<string, Entry>()
  readonly uploadDir: string
  readonly exportDir: string

  constructor(dataDir: string) {
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
    const entry: Entry = { fileId: randomUUID(), name: basename(path), size: statSync(path).size, path }
    this.entries.set(entry.fileId, entry)
    return { fileId: entry.fileId, name: entry.name, size: entry.size }
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

  /** A new path for a file Lote is about to write for download; the name is made safe (it may come from a server). */
  exportPath(name: string): string {
    const dir = join(this.exportDir, randomUUID())
    mkdirSync(dir, { recursive: true })
    return pathInside(dir, name, 'export')
  }

  /** Saves a copy where the analyst chose; a copy cut short leaves whatever file was there untouched. */
  copyTo(fileId: string, target: string): void {
    copyFileAtomically(this.path(fileId), target)
  }

  path(fileId: string): string {
    const entry = this.entries.get(fileId)
    if (!entry) throw new AppError('not_found', 'That file is no longer open in Lote. Drop it again.')
    return entry.path
  }

  get(fileId: string): FileRef {
    const entry = this.entries.get(fileId)
    if (!entry) throw new AppError('not_found', 'That file is no longer open in Lote. Drop it again.')
    return { fileId: entry.fileId, name: entry.name, size: entry.size }
  }
}
