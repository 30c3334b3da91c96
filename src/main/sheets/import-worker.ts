// Entry of the import's worker threads (started by runImportInWorker). The import runs in two threads so
// that reading the file and checking its rows overlap:
// - the checking thread (started by runImportInWorker) maps, normalises and validates, and posts rows,
//   progress and the result to the main thread;
// - the reading thread (started by the checking thread from this same entry, `role: 'reader'`) opens the
//   file, chooses the sheet, finds the header row and posts the data rows to the checking thread.
// Each side waits when the other is a few batches behind (back-pressure), so neither holds the whole file.
import { parentPort, workerData, type MessagePort, type Worker } from 'node:worker_threads'
import type { SpreadsheetFormat } from '../../shared/sheets/types'
import { sheetErrors } from './errors'
import {
  describeError,
  importFromSource,
  openSheetSource,
  rebuildError,
  ROWS_IN_FLIGHT,
  startWorker,
  type SheetSource,
  type WorkerError,
  type WorkerImportOptions,
  type WorkerMessage,
  type WorkerRequest
} from './import'
import type { RawRow } from './read'
import { decodeRawRows, encodeRawRows, encodeRows } from './row-transfer'

/** Rows per message from the reading thread, and messages it may send ahead of the checking thread. */
const READ_BATCH_ROWS = 1000
const READ_AHEAD = 4

type ReaderMessage =
  | {
      type: 'sheet'
      format: SpreadsheetFormat
      totalBytes: number
      sheet: string
      headerRow: number
      headers: string[]
    }
  | { type: 'rows'; batches: string[]; bytesRead: number }
  | { type: 'end' }
  | { type: 'error'; error: WorkerError }

interface WorkerInput {
  role?: 'reader'
  file: string
  options: WorkerImportOptions
}

/** Counts messages sent and not yet acknowledged, and waits while too many are. */
function flowControl(port: MessagePort, limit: number, controller: AbortController) {
  let inFlight = 0
  let wake: (() => void) | null = null
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'abort') controller.abort()
    if (message.type === 'ack') inFlight--
    wake?.()
    wake = null
  })
  return async () => {
    inFlight++
    while (inFlight >= limit && !controller.signal.aborted)
      await new Promise<void>((resolve) => (wake = resolve))
  }
}

async function read(port: MessagePort, { file, options }: WorkerInput): Promise<void> {
  const controller = new AbortController()
  const sent = flowControl(port, READ_AHEAD, controller)
  const post = (message: ReaderMessage) => port.postMessage(message)
  try {
    const source = await openSheetSource(file, { ...options, signal: controller.signal })
    try {
      const { format, totalBytes, sheet, headerRow, headers } = source
      post({ type: 'sheet', format, totalBytes, sheet, headerRow, headers })
      // Each batch is written as JSON as soon as it is read, so its row objects die young (rows kept until a
      // message is full would outlive collections of the young generation and cost far more to collect).
      let batches: string[] = []
      let pending = 0
      const flush = async () => {
        post({ type: 'rows', batches, bytesRead: source.bytesRead() })
        batches = []
        pending = 0
        await sent()
      }
      for (let next = await source.rows.next(); !next.done; next = await source.rows.next()) {
        if (controller.signal.aborted) throw sheetErrors.aborted(file)
        batches.push(encodeRawRows(next.value))
        pending += next.value.length
        if (pending >= READ_BATCH_ROWS) await flush()
      }
      if (pending > 0) await flush()
      post({ type: 'end' })
    } finally {
      await source.close()
    }
  } catch (error) {
    post({ type: 'error', error: describeError(error) })
  } finally {
    port.close()
  }
}

/** The reading thread seen from the checking thread: a SheetSource whose rows arrive as messages. */
function readInThread(input: WorkerInput): Promise<SheetSource> {
  const reader: Worker = startWorker(new URL(import.meta.url), {
    ...input,
    role: 'reader'
  } satisfies WorkerInput)
  const queue: RawRow[][] = []
  let bytesRead = 0
  let ended = false
  let failure: Error | null = null
  let wake: (() => void) | null = null
  const notify = () => {
    wake?.()
    wake = null
  }
  async function* rows(): AsyncGenerator<RawRow[]> {
    for (;;) {
      const batch = queue.shift()
      if (batch) {
        reader.postMessage({ type: 'ack' } satisfies WorkerRequest)
        yield batch
      } else if (failure) throw failure
      else if (ended) return
      else await new Promise<void>((resolve) => (wake = resolve))
    }
  }
  return new Promise<SheetSource>((resolve, reject) => {
    const fail = (error: Error) => {
      failure ??= error
      reject(error)
      notify()
    }
    reader.on('message', (message: ReaderMessage) => {
      switch (message.type) {
        case 'sheet': {
          const { type: _type, ...sheet } = message
          resolve({
            ...sheet,
            rows: rows(),
            bytesRead: () => bytesRead,
            close: async () => void (await reader.terminate())
          })
          break
        }
        case 'rows':
          queue.push(message.batches.flatMap(decodeRawRows))
          bytesRead = message.bytesRead
          break
        case 'end':
          ended = true
          break
        case 'error':
          fail(rebuildError(message.error, input.file))
          break
      }
      notify()
    })
    reader.on('error', fail)
    reader.on('exit', (code) => {
      if (!ended) fail(new Error(`The import's reading thread stopped unexpectedly (exit code ${code}).`))
    })
  })
}

async function check(port: MessagePort, input: WorkerInput): Promise<void> {
  const { file, options } = input
  const controller = new AbortController()
  const sent = flowControl(port, ROWS_IN_FLIGHT, controller)
  const post = (message: WorkerMessage) => port.postMessage(message)
  try {
    const source = await readInThread(input)
    const result = await importFromSource(file, source, {
      ...options,
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
      onRows: async (rows) => {
        post({ type: 'rows', ...encodeRows(rows) })
        await sent()
      }
    })
    post({ type: 'done', result })
  } catch (error) {
    post({ type: 'error', error: describeError(error) })
  } finally {
    port.close()
  }
}

const port = parentPort
if (!port) throw new Error('import-worker must run as a worker thread.')
const input = workerData as WorkerInput
await (input.role === 'reader' ? read(port, input) : check(port, input))
