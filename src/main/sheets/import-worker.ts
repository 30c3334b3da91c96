// Entry of the import worker thread (started by runImportInWorker): runs the pipeline and posts its events.
import { parentPort, workerData } from 'node:worker_threads'
import { SheetError } from './errors'
import { encodeRows } from './row-transfer'
import {
  importSpreadsheet,
  ROWS_IN_FLIGHT,
  type WorkerImportOptions,
  type WorkerMessage,
  type WorkerRequest
} from './import'

const port = parentPort
if (!port) throw new Error('import-worker must run as a worker thread.')

const { file, options } = workerData as { file: string; options: WorkerImportOptions }
const controller = new AbortController()
let inFlight = 0
let wake: (() => void) | null = null

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'abort') controller.abort()
  if (message.type === 'ack') inFlight--
  wake?.()
  wake = null
})

const post = (message: WorkerMessage) => port.postMessage(message)

try {
  const result = await importSpreadsheet(file, {
    ...options,
    signal: controller.signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
    onRows: async (rows) => {
      post({ type: 'rows', ...encodeRows(rows) })
      inFlight++
      while (inFlight >= ROWS_IN_FLIGHT && !controller.signal.aborted)
        await new Promise<void>((resolve) => (wake = resolve))
    }
  })
  post({ type: 'done', result })
} catch (error) {
  const failure = error as Error
  post({
    type: 'error',
    error: {
      name: failure.name ?? 'Error',
      message: failure.message ?? String(error),
      ...(error instanceof SheetError ? { code: error.code, file: error.file } : {})
    }
  })
} finally {
  port.close()
}
