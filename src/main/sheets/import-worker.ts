// Entry of what reads and checks spreadsheets off the main thread (started from workers.ts), by role:
// - 'inspect' (a reading process): lists a file's sheets for the Sheet step (runInspectInWorker);
// - 'reader' (a reading process): opens the file, chooses the sheet, finds the header row and posts the data
//   rows, which the main thread hands on to the checking thread, so that reading and checking overlap;
// - 'check' (a worker thread): maps, normalises and validates, and posts rows, progress and the result to the
//   main thread.
// runImportInWorker starts both. Each side waits when the other is a few batches behind (back-pressure), so
// neither holds the whole file. Reading runs in a process with a capped heap (see workers.ts for why).
import { parentPort, workerData } from 'node:worker_threads'
import { sheetErrors } from './errors'
import { importFromSource, openSheetSource, type SheetSource } from './import'
import { inspectSpreadsheet, type RawRow } from './read'
import { decodeRawRows, encodeRawRows, encodeRows } from './row-transfer'
import {
  describeError,
  READER_ARGUMENT,
  rebuildError,
  ROWS_IN_FLIGHT,
  type ReaderMessage,
  type WorkerInput,
  type WorkerMessage,
  type WorkerRequest
} from './workers'

/** Rows per message from the reading thread, and messages it may send ahead of the checking thread. */
const READ_BATCH_ROWS = 1000
const READ_AHEAD = 4

type ImportInput = Extract<WorkerInput, { role: 'check' | 'reader' }>

/** Where this entry talks to what started it: the thread's port, or the process's IPC channel. */
interface Channel {
  post(message: unknown): void
  onMessage(listener: (message: WorkerRequest) => void): void
  /** Closes once every message posted has gone out. */
  close(): void
}

function threadChannel(): Channel {
  const port = parentPort!
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', listener),
    close: () => port.close()
  }
}

/** Electron's utility process talks through `process.parentPort`; a forked Node process through `process.send`. */
interface UtilityPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

function processChannel(): Channel {
  const utility = (process as unknown as { parentPort?: UtilityPort }).parentPort
  if (utility)
    return {
      post: (message) => utility.postMessage(message),
      onMessage: (listener) => utility.on('message', (event) => listener(event.data as WorkerRequest)),
      // The parent ends a utility process once it has the last message.
      close: () => undefined
    }
  let pending = 0
  let closing = false
  const closeIfDone = () => {
    if (closing && pending === 0 && process.connected) process.disconnect()
  }
  return {
    post: (message) => {
      pending++
      process.send!(message, undefined, {}, () => {
        pending--
        closeIfDone()
      })
    },
    onMessage: (listener) => process.on('message', listener as (message: unknown) => void),
    close: () => {
      closing = true
      closeIfDone()
    }
  }
}

/** Counts messages sent and not yet acknowledged, and waits while too many are. */
function flowControl(port: Channel, limit: number, controller: AbortController) {
  let inFlight = 0
  let wake: (() => void) | null = null
  port.onMessage((message: WorkerRequest) => {
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

async function read(port: Channel, { file, options }: ImportInput): Promise<void> {
  const controller = new AbortController()
  const sent = flowControl(port, READ_AHEAD, controller)
  const post = (message: ReaderMessage) => port.post(message)
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

/**
 * The reading process seen from the checking thread: a SheetSource whose rows arrive as messages the main
 * thread hands on (`read` messages); acknowledgements and the request to stop go back the same way.
 */
function readFromParent(port: Channel, file: string, abort: () => void): Promise<SheetSource> {
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
        port.post({ type: 'read-ack' } satisfies WorkerMessage)
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
    port.onMessage((received) => {
      if (received.type === 'abort') abort()
      if (received.type !== 'read') return
      const message = received.message
      switch (message.type) {
        case 'sheet': {
          const { type: _type, ...sheet } = message
          resolve({
            ...sheet,
            rows: rows(),
            bytesRead: () => bytesRead,
            close: async () => port.post({ type: 'read-stop' } satisfies WorkerMessage)
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
          fail(rebuildError(message.error, file))
          break
      }
      notify()
    })
  })
}

async function check(port: Channel, input: ImportInput): Promise<void> {
  const { file, options } = input
  const controller = new AbortController()
  const sent = flowControl(port, ROWS_IN_FLIGHT, controller)
  const post = (message: WorkerMessage) => port.post(message)
  try {
    const source = await readFromParent(port, file, () => controller.abort())
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

async function inspect(port: Channel, { file, options }: Extract<WorkerInput, { role: 'inspect' }>) {
  try {
    port.post({ type: 'inspected', info: await inspectSpreadsheet(file, options) } satisfies WorkerMessage)
  } catch (error) {
    port.post({ type: 'error', error: describeError(error) } satisfies WorkerMessage)
  } finally {
    port.close()
  }
}

const at = process.argv.indexOf(READER_ARGUMENT)
const input = (at === -1 ? workerData : JSON.parse(process.argv[at + 1])) as WorkerInput | undefined
if (!input) throw new Error('import-worker runs as a worker thread or a reading process, not on its own.')
switch (input.role) {
  case 'reader':
    await read(processChannel(), input)
    break
  case 'inspect':
    await inspect(processChannel(), input)
    break
  case 'check':
    await check(threadChannel(), input)
    break
}
