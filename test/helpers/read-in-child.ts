// Run as a child process by the hostile-file tests: reads one file the way the app does (in a reading thread
// under resource limits) and prints what happened, how long it took and the process's peak resident memory
// (VmHWM, all threads), so a test can bound both without the file's cost landing in the test runner.
import { readFileSync } from 'node:fs'
import { runInspectInWorker } from '../../src/main/sheets/workers'

// argv: the file, then optionally a JSON object of SheetLimits to change and a reading-thread heap in MB.
const [file, limits, heap] = process.argv.slice(2)
const started = performance.now()
let outcome: { ok: true; sheets: number } | { ok: false; code?: string; message: string }
try {
  const info = await runInspectInWorker(
    file,
    { limits: limits ? JSON.parse(limits) : undefined },
    { readerHeapMb: heap ? Number(heap) : undefined }
  )
  outcome = { ok: true, sheets: info.sheets.length }
} catch (error) {
  outcome = { ok: false, code: (error as { code?: string }).code, message: (error as Error).message }
}
const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
console.log(
  JSON.stringify({
    ...outcome,
    ms: Math.round(performance.now() - started),
    peakMb: peak ? Math.round(Number(peak[1]) / 1024) : -1
  })
)
