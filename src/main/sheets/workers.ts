// Reading spreadsheets off the main thread: the plumbing shared by the import (runImportInWorker) and the
// Sheet step's inspection (runInspectInWorker).
//
// Whatever reads a file runs in a child process of its own with a capped heap (`--max-old-space-size`), so a
// file crafted to exhaust memory ends that process with a clear error and never the app or `lote serve`. A
// worker thread with `resourceLimits` is not enough: when a thread reaches its limit during a young-generation
// collection, V8 aborts the whole process (Node issue 47224, open). The limits in SheetLimits stop honest and
// crafted files long before the cap; the cap is the second line. Checking rows needs no such guard and runs
// in a worker thread, which starts faster and shares memory with the app. The reading process is started from
// the main thread (the desktop app passes Electron's utilityProcess, see ReaderLauncher), which hands its rows
// on to the checking thread.
import { fork, type ChildProcess, type Serializable } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import type { ImportProgress, SpreadsheetFormat, WorkbookInfo } from '../../shared/sheets/types'
import { SheetError, sheetErrors, type SheetErrorCode } from './errors'
import type { ImportOptions, ImportResult } from './import'
import type { InspectOptions } from './read'
import { decodeRows, type EncodedRows } from './row-transfer'

/** What crosses into the import worker: the options without callbacks and signal. */
export type WorkerImportOptions = Omit<ImportOptions, 'signal' | 'onProgress' | 'onRows'>
export type WorkerInspectOptions = Omit<InspectOptions, 'signal' | 'onBytes'>

/** What a worker is started with (`role` picks what it does; see import-worker.ts). */
export type WorkerInput =
  | { role: 'check'; file: string; options: WorkerImportOptions }
  | { role: 'reader'; file: string; options: WorkerImportOptions }
  | { role: 'inspect'; file: string; options: WorkerInspectOptions }

/** What the reading process sends: the chosen sheet, rows as JSON batches, the end or an error. */
export type ReaderMessage =
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

/** What a reading process or the checking thread receives: stop, a batch was taken, a reader's message. */
export type WorkerRequest = { type: 'abort' } | { type: 'ack' } | { type: 'read'; message: ReaderMessage }

/** An error as it crosses between threads; SheetErrors keep their code. */
export interface WorkerError {
  name: string
  message: string
  code?: SheetErrorCode
  file?: string
}

export function describeError(error: unknown): WorkerError {
  const failure = error as Error
  return {
    name: failure?.name ?? 'Error',
    message: failure?.message ?? String(error),
    ...(error instanceof SheetError ? { code: error.code, file: error.file } : {})
  }
}

export function rebuildError(error: WorkerError, file: string): Error {
  return error.code !== undefined
    ? new SheetError(error.code, error.file ?? file, error.message)
    : Object.assign(new Error(error.message), { name: error.name })
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | ({ type: 'rows' } & EncodedRows)
  | { type: 'done'; result: ImportResult }
  | { type: 'inspected'; info: WorkbookInfo }
  | { type: 'error'; error: WorkerError }
  /** From the checking thread, for the reading process: a batch was taken; stop reading. */
  | { type: 'read-ack' }
  | { type: 'read-stop' }

/** Chunks the worker may send before it waits for the sink to catch up. */
export const ROWS_IN_FLIGHT = 4

/**
 * Young generation of each import thread. V8 sizes it from the machine's memory; the import's objects live
 * for one row or one batch, so a smaller one collects them as cheaply and keeps the threads' resident memory
 * lower (about 20-40 MB per import on the benchmark's file).
 */
export const IMPORT_YOUNG_GENERATION_MB = 24

/**
 * Heap of a process that reads a file. Reading holds one sheet's shared strings and a few batches of rows;
 * the limits in SheetLimits keep an honest file far below this, so only a runaway file reaches it.
 */
export const READER_HEAP_MB = 256

const CHECK_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: IMPORT_YOUNG_GENERATION_MB }

export interface WorkerRunOptions {
  /**
   * The worker entry. By default `import-worker.ts` beside this file when running from source (started
   * through tsx), or `import-worker.js` beside the bundle; a bundler must emit that file as its own entry.
   */
  workerUrl?: URL
  /** Heap of the process that reads the file (READER_HEAP_MB by default). */
  readerHeapMb?: number
  /** Starts the reading process: Node's fork by default; the desktop app passes Electron's utilityProcess. */
  launch?: ReaderLauncher
}

function defaultWorkerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts')
  return new URL(fromSource ? './import-worker.ts' : './import-worker.js', import.meta.url)
}

/** tsx's ESM register API; resolved through its package.json because require.resolve gives the CJS build. */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('tsx/package.json')
  const exports = (
    require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }
  ).exports
  return join(dirname(manifest), exports['./esm/api'].import.default)
}

/** Starts the checking thread from its entry (TypeScript through tsx when running from source). */
export function startCheckThread(url: URL, input: Extract<WorkerInput, { role: 'check' }>): Worker {
  const workerData = input
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits: CHECK_LIMITS })
  // Node cannot run TypeScript by itself: the worker registers tsx's loader first, then imports the entry.
  const tsx = pathToFileURL(tsxEsmApi()).href
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits: CHECK_LIMITS })
}

/** The argument a reading process finds its input in. */
export const READER_ARGUMENT = '--lote-reader'

/** A process started by a ReaderLauncher, as the parent sees it. */
export interface LaunchedProcess {
  postMessage(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
  /** Once, when the process has ended: its exit code (null when killed) and the end of what it wrote to stderr. */
  onExit(listener: (code: number | null, stderr: string) => void): void
  kill(): void
}

/** Starts `entry` (a file path) as a process with these arguments and Node options, with a message channel. */
export type ReaderLauncher = (entry: string, args: string[], execArgv: string[]) => LaunchedProcess

/** Node's child_process.fork (the browser host, the CLI, tests). */
export const forkLauncher: ReaderLauncher = (entry, args, execArgv) => {
  const child: ChildProcess = fork(entry, args, {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc']
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (text: string) => (stderr = (stderr + text).slice(-4000)))
  // An 'error' without a listener would be thrown; what matters of it is reported through onExit.
  child.on('error', () => undefined)
  return {
    // A message may cross the reader's exit (an acknowledgement of its last rows): a send that finds the
    // channel closed is dropped, not an 'error' event.
    postMessage: (message) => {
      if (child.connected) child.send(message as Serializable, () => undefined)
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      let called = false
      const once = (code: number | null) => {
        if (called) return
        called = true
        listener(code, stderr)
      }
      // Only a process that could not start ends with an error; 'close' reports every other end.
      child.once('error', () => {
        if (child.pid === undefined) once(-1)
      })
      // 'close' comes after the last message and the end of stderr.
      child.once('close', (code) => once(code))
    },
    kill: () => child.kill()
  }
}

/** A reading process as its parent sees it. */
export interface ReaderProcess {
  send(message: WorkerRequest): void
  onMessage(listener: (message: unknown) => void): void
  /** Called once when the process ends; with an error unless it ended on its own after its work. */
  onExit(listener: (failure: Error | null) => void): void
  kill(): void
}

/**
 * Starts a process that reads a file (`role` 'reader' or 'inspect') with a capped heap. From TypeScript
 * sources it loads tsx first. Its failure to finish (a crash, running out of its heap) comes as an error that
 * names the file.
 */
export function startReader(
  url: URL,
  input: Extract<WorkerInput, { role: 'reader' | 'inspect' }>,
  heapMb = READER_HEAP_MB,
  launch: ReaderLauncher = forkLauncher
): ReaderProcess {
  const execArgv = [`--max-old-space-size=${heapMb}`]
  if (url.pathname.endsWith('.ts')) execArgv.push('--import', pathToFileURL(tsxLoader()).href)
  const child = launch(fileURLToPath(url), [READER_ARGUMENT, JSON.stringify(input)], execArgv)
  let killed = false
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.onMessage(listener),
    onExit: (listener) =>
      child.onExit((code, stderr) => {
        if (killed) return
        if (code === 0) return listener(null)
        if (/heap out of memory|Reached heap limit/i.test(stderr))
          return listener(sheetErrors.outOfMemory(input.file, heapMb))
        listener(new Error(`The process reading the file stopped unexpectedly (exit code ${code}).`))
      }),
    kill: () => {
      killed = true
      child.kill()
    }
  }
}

function tsxLoader(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs')
}

/** Same pipeline and callbacks as importSpreadsheet, run in worker threads. */
export function runImportInWorker(
  file: string,
  options: ImportOptions = {},
  run: WorkerRunOptions = {}
): Promise<ImportResult> {
  const { signal, onProgress, onRows, ...plain } = options
  if (signal?.aborted) return Promise.reject(sheetErrors.aborted(file))
  const url = run.workerUrl ?? defaultWorkerUrl()
  const input = { file, options: plain satisfies WorkerImportOptions }
  const worker = startCheckThread(url, { role: 'check', ...input })
  const reader = startReader(url, { role: 'reader', ...input }, run.readerHeapMb, run.launch)
  return new Promise<ImportResult>((resolve, reject) => {
    let settled = false
    let completed: ImportResult | null = null
    let sink = Promise.resolve()
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', abort)
      outcome()
      reader.kill()
      void worker.terminate()
    }
    // The reading process's messages go on to the checking thread, which answers through here.
    reader.onMessage((message) =>
      worker.postMessage({ type: 'read', message: message as ReaderMessage } satisfies WorkerRequest)
    )
    reader.onExit((failure) => {
      if (failure) finish(() => reject(failure))
    })
    const abort = () => {
      worker.postMessage({ type: 'abort' } satisfies WorkerRequest)
      finish(() => reject(sheetErrors.aborted(file)))
    }
    signal?.addEventListener('abort', abort, { once: true })
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'read-ack':
          reader.send({ type: 'ack' })
          break
        case 'read-stop':
          reader.kill()
          break
        case 'progress':
          onProgress?.(message.progress)
          break
        case 'rows':
          sink = sink
            .then(() => onRows?.(decodeRows(message)))
            .then(
              () => worker.postMessage({ type: 'ack' } satisfies WorkerRequest),
              (error: unknown) => {
                worker.postMessage({ type: 'abort' } satisfies WorkerRequest)
                finish(() => reject(error))
              }
            )
          break
        case 'done': {
          completed = message.result
          const result = message.result
          void sink.then(() => finish(() => resolve(result)))
          break
        }
        case 'error': {
          const rebuilt = rebuildError(message.error, file)
          finish(() => reject(rebuilt))
          break
        }
      }
    })
    worker.on('error', (error) => finish(() => reject(error)))
    worker.on('exit', (code) => {
      if (!settled && !completed)
        finish(() => reject(new Error(`The import worker stopped unexpectedly (exit code ${code}).`)))
    })
  })
}

/** inspectSpreadsheet in a process of its own (see startReader). */
export function runInspectInWorker(
  file: string,
  options: InspectOptions = {},
  run: WorkerRunOptions = {}
): Promise<WorkbookInfo> {
  const { signal, onBytes: _onBytes, ...plain } = options
  if (signal?.aborted) return Promise.reject(sheetErrors.aborted(file))
  const reader = startReader(
    run.workerUrl ?? defaultWorkerUrl(),
    { role: 'inspect', file, options: plain satisfies WorkerInspectOptions },
    run.readerHeapMb,
    run.launch
  )
  return new Promise<WorkbookInfo>((resolve, reject) => {
    let settled = false
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', abort)
      outcome()
      reader.kill()
    }
    const abort = () => finish(() => reject(sheetErrors.aborted(file)))
    signal?.addEventListener('abort', abort, { once: true })
    reader.onMessage((received) => {
      const message = received as WorkerMessage
      if (message.type === 'inspected') {
        const info = message.info
        finish(() => resolve(info))
      } else if (message.type === 'error') {
        const rebuilt = rebuildError(message.error, file)
        finish(() => reject(rebuilt))
      }
    })
    reader.onExit((failure) =>
      finish(() => reject(failure ?? new Error('The process reading the file ended without an answer.')))
    )
  })
}
