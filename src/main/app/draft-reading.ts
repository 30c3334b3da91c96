// Reading a draft's file: the sheet is read off the main thread into the draft's rows in the results store, a
// chunk at a time, while the draft's lease keeps other processes from reading, starting or deleting it. Whether
// the file has been read to the end is the draft's own state — reading, ready or failed — kept in the store and
// announced as `drafts:status`, so no screen has to guess it from row counts.
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import type { DraftRead } from '../../shared/batch'
import { AppError, type AppErrorInfo } from '../../shared/result'
import type { ColumnMapping, CsvEncoding } from '../../shared/sheets/types'
import { isDefaultCheckType, type CustomTypeKinds } from '../../shared/checks/inputs'
import { SheetError } from '../sheets/errors'
import { runImportInWorker } from '../sheets/workers'
import { isStorageFault, storageFaultMessage } from '../store/storage-faults'
import { nextTurn, type DraftsOptions } from './draft-options'

/** Import progress reaches the UI at most this often. */
const PROGRESS_INTERVAL_MS = 200

const INTERRUPTED: AppErrorInfo = {
  code: 'file_error',
  message:
    'Lote stopped before this file was read to the end, so the draft may be missing rows. Read the file again, or discard this draft.'
}

/** Where a draft's rows are read from: kept with the draft, so that it can be read again. */
export interface DraftSource {
  path: string
  sheet: string
  headerRow?: number
  encoding?: CsvEncoding
}

/** A read in progress in this process. */
interface Reading {
  controller: AbortController
  rows: number
  fraction: number
  done: Promise<void>
}

export class DraftReading {
  private readonly readings = new Map<string, Reading>()
  /** Why reads ended that the store could not record (its disk was full): told until it can be. */
  private readonly unrecordedFailures = new Map<string, AppErrorInfo>()
  constructor(private readonly options: DraftsOptions) {}

  /** Where the draft's rows come from, so that a read cut short (Lote killed, the machine off) can be redone. */
  remember(batchId: string, source: DraftSource): void {
    this.options.store.journal.add(batchId, 'source', null, source)
  }

  /**
   * The source of a draft whose read did not reach the end, to read again from its first row. Refused while the
   * file is being read, here or by another process, or when the file is gone.
   */
  sourceToReread(batchId: string): DraftSource {
    const { store, leasing } = this.options
    if (this.state(batchId).state !== 'failed')
      throw new AppError('conflict', 'This draft was read to the end: there is nothing to read again.')
    leasing.refuseIfHeldElsewhere(batchId)
    const source = store.journal.latest(batchId, 'source')?.data as DraftSource | undefined
    if (!source)
      throw new AppError(
        'file_error',
        'Lote does not know where this draft was read from. Discard it and open the file again.'
      )
    if (!existsSync(source.path))
      throw new AppError(
        'file_error',
        `The file ${basename(source.path)} is no longer where this draft was read from. Discard the draft and open the file again.`
      )
    return source
  }

  /**
   * Reads the draft's file into it off the main thread, holding the draft's lease while it does so that another
   * process neither reads it again nor starts or deletes it meanwhile, and marks where the read ended.
   */
  start(batchId: string, source: DraftSource, mapping: ColumnMapping, fileName: string): void {
    const { store, log, leasing } = this.options
    leasing.take(batchId, 'read')
    store.batches.setRead(batchId, 'reading')
    this.unrecordedFailures.delete(batchId)
    const reading: Reading = {
      controller: new AbortController(),
      rows: 0,
      fraction: 0,
      done: Promise.resolve()
    }
    this.readings.set(batchId, reading)
    // Another process took the draft over (this one froze past the lease's limit): stop writing rows into it.
    leasing.keepRenewed(batchId, () => reading.controller.abort())
    this.announce(batchId, { state: 'reading', rows: 0, fraction: 0 })
    const usesCustomTypes =
      mapping.targets.includes('type') || !isDefaultCheckType(mapping.defaults.type ?? 'person')
    const kinds: Promise<CustomTypeKinds> =
      usesCustomTypes && this.options.customTypeKinds
        ? this.options.customTypeKinds().catch((error: unknown) => {
            log.warn('Could not read the custom types of the account; their rows are not blocked', error)
            return {}
          })
        : Promise.resolve({})
    let customTypeKinds: CustomTypeKinds = {}
    reading.done = kinds
      .then((found) => {
        customTypeKinds = found
        return this.options.files.readable(source.path, (path) =>
          runImportInWorker(
            path,
            {
              sheet: source.sheet,
              headerRow: source.headerRow,
              encoding: source.encoding,
              mapping,
              customTypeKinds,
              signal: reading.controller.signal,
              progressIntervalMs: PROGRESS_INTERVAL_MS,
              onProgress: (progress) => {
                reading.rows = progress.rows
                reading.fraction = progress.fraction
                this.announce(batchId, { state: 'reading', rows: progress.rows, fraction: progress.fraction })
              },
              // Each chunk is stored, then the event loop turns before the next is taken: chunks arriving back
              // to back would otherwise be handled in one go, and timers and other requests wait seconds.
              onRows: async (rows) => {
                store.drafts.add(batchId, rows)
                await nextTurn()
              }
            },
            { workerUrl: this.options.importWorkerUrl, launch: this.options.readerLauncher }
          )
        )
      })
      .then(
        (result) => {
          store.journal.add(batchId, 'imported', null, {
            headerRow: result.headerRow,
            dateColumns: result.dateColumns,
            customTypeKinds,
            summary: result.summary
          })
          store.batches.setRead(batchId, 'ready')
          this.options.audit.record('file.imported', {
            batchId,
            fileName: store.batches.get(batchId).fileName,
            rows: result.summary.rows
          })
          this.readings.delete(batchId)
          leasing.release(batchId)
          this.announce(batchId, { state: 'ready', summary: result.summary })
        },
        (error: unknown) => {
          // The draft stays, marked failed, with what was read: the analyst reads it again or discards it.
          const info: AppErrorInfo =
            error instanceof SheetError && error.code === 'aborted'
              ? { code: 'cancelled', message: error.message }
              : error instanceof SheetError || error instanceof AppError
                ? { code: 'file_error', message: error.message }
                : isStorageFault(error)
                  ? { code: 'storage', message: storageFaultMessage(error) }
                  : {
                      code: 'file_error',
                      message:
                        'The file could not be read to the end. Nothing was sent; check the file and try again.'
                    }
          if (!(error instanceof SheetError)) log.error(`Import of ${fileName} failed`, error)
          try {
            if (store.batches.has(batchId)) store.batches.setRead(batchId, 'failed', info)
          } catch (write) {
            // A full disk, say: the draft stays marked as being read, which other processes take for
            // interrupted; this one still says why.
            this.unrecordedFailures.set(batchId, info)
            log.warn(`Could not record why the read of draft ${batchId} stopped`, write)
          }
          this.readings.delete(batchId)
          leasing.release(batchId)
          this.announce(batchId, { state: 'failed', error: info })
        }
      )
      .catch((error: unknown) => {
        // Recording the end of the read failed (the disk, say): nothing may be left unheard.
        this.readings.delete(batchId)
        leasing.release(batchId)
        log.error(`Could not record the end of the read of draft ${batchId}`, error)
        this.announce(batchId, { state: 'failed', error: INTERRUPTED })
      })
  }

  private announce(batchId: string, read: DraftRead): void {
    this.options.events.emit('drafts:status', { batchId, read })
  }

  /** Whether this process is still reading the draft's file. */
  isReading(batchId: string): boolean {
    return this.readings.has(batchId)
  }

  /** Where reading the draft's file stands, without the counts of a draft read to the end. */
  state(batchId: string): Exclude<DraftRead, { state: 'ready' }> | { state: 'ready' } {
    const reading = this.readings.get(batchId)
    if (reading) return { state: 'reading', rows: reading.rows, fraction: reading.fraction }
    const stored = this.options.store.batches.read(batchId)
    switch (stored.state) {
      case 'ready':
        return { state: 'ready' }
      case 'failed':
        return { state: 'failed', error: stored.error ?? INTERRUPTED }
      case 'reading': {
        // Marked reading, but nothing here reads it: another process still does, or the one that did stopped
        // before the end.
        const holder = this.options.leasing.heldElsewhere(batchId)
        if (holder) return { state: 'reading', rows: this.options.store.drafts.count(batchId), fraction: 0 }
        return { state: 'failed', error: this.unrecordedFailures.get(batchId) ?? INTERRUPTED }
      }
    }
  }

  /** Resolves when this process's read of the draft has ended (at once when it reads none). */
  async ended(batchId: string): Promise<void> {
    await this.readings.get(batchId)?.done
  }

  /** Stops reading the file. The draft stays, marked as not read to the end, until it is discarded. */
  cancel(batchId: string): void {
    this.readings.get(batchId)?.controller.abort()
  }

  /** Stops any read and waits for it to end; forgets why an earlier read stopped. */
  async stop(batchId: string): Promise<void> {
    this.cancel(batchId)
    await this.ended(batchId)
    this.unrecordedFailures.delete(batchId)
  }
}
