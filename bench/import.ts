// npm run bench:import — a 100,000-row, 10-column workbook read (a) bare with exceljs's streaming reader,
// (b) by Lote's reader alone (openSheetSource, every data row, in one thread) and (c) through Lote's whole
// import (read, map, normalise, validate, every row delivered to onRows) with runImportInWorker. The last line
// printed is one JSON object with the times, the import's ratio to (a), the reader's ratio to (a) and the
// peak resident memory.
//
// How it measures (see docs/import.md, "Benchmark"):
// - This file and the import worker are bundled with esbuild into .bench/build/ the way the app ships them
//   (dependencies left in node_modules, the worker emitted as import-worker.js beside the bundle, where
//   runImportInWorker looks for it), so neither side pays for compiling TypeScript while it is timed.
// - Each measurement runs in its own plain `node` process, which reports its own time and its kernel
//   high-water mark of resident memory (VmHWM, worker thread included; for the import, plus the peak of its
//   reading process, sampled from /proc): the baseline's memory never sits under the import's peak, and the
//   reported peak is the largest of them. The import's CPU time includes its reading process.
// - `--rounds N` (default 3) alternates the two N times; the times printed last are the medians.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { curpCheckDigit, rutVerifier, completeCpf } from '../src/shared/sheets/documents'
import { openSheetSource } from '../src/main/sheets/import'
import { runImportInWorker } from '../src/main/sheets/workers'

const ROWS = 100_000

const FIRST = ['María', 'José', 'Ana', 'Luis', 'Camila', 'Andrés', 'Valentina', 'Jorge', 'Lucía', 'Diego']
const LAST = ['Gómez', 'Pérez', 'Rodríguez', 'Silva', 'Soto', 'Quispe', 'Mora', 'Castaño', 'Muñoz', 'Díaz']

const PLATE_LETTERS = 'BCDFGHJKLPRSTVWXYZ'

function letters(n: number, count: number): string {
  let text = ''
  for (let i = 0; i < count; i++, n = Math.floor(n / PLATE_LETTERS.length))
    text += PLATE_LETTERS[n % PLATE_LETTERS.length]
  return text
}

/**
 * A mixed-country file like the ones regional operations teams send: ids typed as numbers and as formatted
 * text, names with accents, dates as Excel dates and as dd/mm/yyyy text, local phone numbers, some plates,
 * and about one row in fifty with a mistake.
 */
async function generate(file: string): Promise<void> {
  const partial = file + '.partial'
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: partial,
    useStyles: true,
    useSharedStrings: true
  })
  const sheet = workbook.addWorksheet('Candidatos')
  sheet
    .addRow([
      'País',
      'Tipo',
      'Documento',
      'Nombres',
      'Apellidos',
      'Fecha de nacimiento',
      'Celular',
      'Placa',
      'UF',
      'Referencia'
    ])
    .commit()
  for (let i = 0; i < ROWS; i++) {
    const country = ['CO', 'CL', 'BR', 'PE', 'MX'][i % 5]
    const vehicle = i % 7 === 0 && country !== 'PE' && country !== 'MX'
    const body = String(10_000_000 + ((i * 7919) % 89_999_999))
    const mistake = i % 50 === 49
    let document: string | number
    let phone: string | number
    switch (country) {
      case 'CO':
        document = Number(body)
        phone = 3_000_000_000 + i
        break
      case 'CL':
        document = `${body.slice(0, 2)}.${body.slice(2, 5)}.${body.slice(5)}-${mistake ? 'K' : rutVerifier(body)}`
        phone = `9 ${body.slice(0, 4)} ${body.slice(4)}`
        break
      case 'BR':
        document = completeCpf(body.padStart(9, '0'))
        if (mistake) document = document.slice(0, 10) + ((Number(document[10]) + 1) % 10)
        phone = `(11) 9${body.slice(0, 4)}-${body.slice(4)}`
        break
      case 'PE':
        document = i % 3 === 0 ? Number(body.slice(1, 8)) : body.slice(0, 8)
        phone = `9${body}`
        break
      default: {
        const yymmdd = `${60 + (i % 40)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`
        const first17 = `GOMA${yymmdd}HDF${letters(Math.floor(i / 5), 3)}0`
        document = first17 + (mistake ? '9' : curpCheckDigit(first17))
        phone = `55 ${body.slice(0, 4)} ${body.slice(4)}`
      }
    }
    const birth = new Date(Date.UTC(1960 + (i % 40), i % 12, 1 + (i % 28)))
    const text = `${String(birth.getUTCDate()).padStart(2, '0')}/${String(birth.getUTCMonth() + 1).padStart(2, '0')}/${birth.getUTCFullYear()}`
    const plate =
      country === 'BR'
        ? `BRA${i % 10}E${String(i % 100).padStart(2, '0')}`
        : `${letters(i, country === 'CL' ? 4 : 3)}${String(i % 100).padStart(country === 'CL' ? 2 : 3, '0')}`
    const row = sheet.addRow([
      country,
      vehicle ? 'vehículo' : 'persona',
      document,
      FIRST[i % 10],
      `${LAST[i % 10]} ${LAST[(i * 3) % 10]}`,
      i % 3 === 0 ? text : birth,
      phone,
      vehicle ? plate : null,
      country === 'BR' ? ['SP', 'RJ', 'MG', 'BA'][i % 4] : null,
      `REF-${i}`
    ])
    row.getCell(6).numFmt = 'dd/mm/yyyy'
    row.commit()
  }
  sheet.commit()
  await workbook.commit()
  renameSync(partial, file)
}

/** The child processes of this one (the import's reading process), from /proc. */
function childPids(): number[] {
  try {
    return readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

/** Kernel high-water marks of resident memory of the child processes seen so far, by pid. */
const childPeaks = new Map<number, number>()

function sampleChildren(): void {
  for (const pid of childPids()) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (match) childPeaks.set(pid, Math.max(childPeaks.get(pid) ?? 0, Number(match[1]) * 1024))
    } catch {
      // it has just ended
    }
  }
}

/** CPU time of ended child processes this one waited for (utime + stime of children, /proc/self/stat). */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
    // After the command name: field 14 and 15 of the full line (cutime, cstime) are indexes 13 and 14 here.
    return Math.round(((Number(fields[13]) + Number(fields[14])) * 1000) / 100)
  } catch {
    return 0
  }
}

function peakRssMb(sampledPeak: number): number {
  // VmHWM is the kernel's own high-water mark of resident memory, worker threads included.
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Math.round(Number(match[1]) / 1024)
  } catch {
    // not Linux: fall back to sampling
  }
  return Math.round(sampledPeak / 1024 / 1024)
}

interface Measurement {
  what: 'baseline' | 'reader' | 'import'
  rows: number
  ms: number
  /** CPU time of the whole process (all threads): the work done, less disturbed by a busy machine. */
  cpu_ms: number
  peak_rss_mb: number
  detail?: string
}

async function bareRead(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit'
  })
  let rows = 0
  for await (const worksheet of reader) for await (const row of worksheet) if (row.values) rows++
  return rows
}

/** One measurement in this process; prints it as the last line. */
async function measure(what: Measurement['what'], file: string): Promise<void> {
  let sampledPeak = 0
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)
    sampleChildren()
  }, 20)
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  let rows = 0
  let detail: string | undefined
  if (what === 'baseline') rows = await bareRead(file)
  else if (what === 'reader') {
    // Lote's reader alone, in this thread: open, choose the sheet, find the header, stream every data row.
    const source = await openSheetSource(file)
    for await (const batch of source.rows) rows += batch.length
    await source.close()
  } else {
    const result = await runImportInWorker(file, {
      now: new Date(Date.UTC(2025, 0, 15)),
      // The app's sink writes each chunk to SQLite and lets it go; this one counts and lets go.
      onRows: (chunk) => {
        rows += chunk.length
      }
    })
    const { byStatus } = result.summary
    detail = `${byStatus.ok} ok, ${byStatus.warning} warnings, ${byStatus.error} errors`
  }
  const ms = Math.round(performance.now() - started)
  const cpu = process.cpuUsage(cpuBefore)
  clearInterval(sampler)
  // The reading process has been reaped by now: its CPU time counts among this process's children.
  await new Promise((resolve) => setTimeout(resolve, 50))
  const cpu_ms = Math.round((cpu.user + cpu.system) / 1000) + childrenCpuMs()
  console.log(
    JSON.stringify({
      what,
      rows,
      ms,
      cpu_ms,
      // This process (main thread and checking thread) plus its reading process, each at its own peak.
      peak_rss_mb:
        peakRssMb(sampledPeak) +
        Math.round([...childPeaks.values()].reduce((a, b) => a + b, 0) / 1024 / 1024),
      detail
    } satisfies Measurement)
  )
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2)
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const flag = (name: string) => {
    const at = args.indexOf(name)
    return at === -1 ? undefined : (args[at + 1] ?? '')
  }
  const generateTo = flag('--generate')
  if (generateTo !== undefined) return generate(generateTo)
  const what = flag('--measure')
  if (what !== undefined) {
    if (what !== 'baseline' && what !== 'reader' && what !== 'import')
      throw new Error(`--measure baseline|reader|import, not ${what}`)
    return measure(what, args[args.indexOf('--measure') + 2])
  }

  const rounds = Number(flag('--rounds') ?? 3)
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number of at least 1')
  const dir = join(import.meta.dirname, '..', '.bench')
  const file = join(dir, `import-${ROWS}x10.xlsx`)
  const self = fileURLToPath(import.meta.url)
  mkdirSync(dir, { recursive: true })
  if (!existsSync(file)) {
    // Generated in a child process so the writer's memory never counts anywhere.
    const started = performance.now()
    execFileSync(process.execPath, [...process.execArgv, self, '--generate', file], { stdio: 'inherit' })
    console.log(`generated ${file} in ${Math.round(performance.now() - started)} ms`)
  }

  const build = join(dir, 'build')
  const { build: bundle } = await import('esbuild')
  await bundle({
    entryPoints: {
      'import-bench': self,
      'import-worker': join(import.meta.dirname, '..', 'src', 'main', 'sheets', 'import-worker.ts')
    },
    outdir: build,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning'
  })
  console.log(`bundled this benchmark and src/main/sheets/import-worker.ts into ${build} (esbuild)`)

  const run = (measuring: Measurement['what']): Measurement => {
    const output = execFileSync(
      process.execPath,
      [join(build, 'import-bench.js'), '--measure', measuring, file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
    )
    return JSON.parse(output.trim().split('\n').at(-1) ?? '') as Measurement
  }
  const baselines: Measurement[] = []
  const imports: Measurement[] = []
  const readers: Measurement[] = []
  for (let round = 1; round <= rounds; round++) {
    // Alternate which goes first, so neither always meets a warmer disk cache or a busier machine.
    if (round % 2 === 1) baselines.push(run('baseline'))
    const read = run('reader')
    if (read.rows !== ROWS) throw new Error(`The reader gave ${read.rows} rows, not ${ROWS}.`)
    readers.push(read)
    const imported = run('import')
    if (imported.rows !== ROWS) throw new Error(`The import delivered ${imported.rows} rows, not ${ROWS}.`)
    imports.push(imported)
    if (round % 2 === 0) baselines.push(run('baseline'))
    const baseline = baselines[baselines.length - 1]
    console.log(
      `round ${round}: bare exceljs streaming read ${baseline.rows} rows in ${baseline.ms} ms ` +
        `(CPU ${baseline.cpu_ms} ms, peak ${baseline.peak_rss_mb} MB); Lote import ${imported.rows} rows in ` +
        `${imported.ms} ms (CPU ${imported.cpu_ms} ms in all threads and its reading process, peak ` +
        `${imported.peak_rss_mb} MB; ${imported.detail}); Lote's reader alone ${read.rows} rows in ${read.ms} ms ` +
        `(CPU ${read.cpu_ms} ms, peak ${read.peak_rss_mb} MB)`
    )
  }
  const baselineMs = median(baselines.map((m) => m.ms))
  const importMs = median(imports.map((m) => m.ms))
  const readerMs = median(readers.map((m) => m.ms))
  console.log(
    `medians of ${rounds} round(s), each measurement in its own node process; peak = largest VmHWM of those processes`
  )
  console.log(
    JSON.stringify({
      rows: imports[0].rows,
      baseline_ms: baselineMs,
      import_ms: importMs,
      ratio: Math.round((importMs / baselineMs) * 100) / 100,
      reader_ms: readerMs,
      reader_vs_exceljs: Math.round((readerMs / baselineMs) * 100) / 100,
      peak_rss_mb: Math.max(...baselines.map((m) => m.peak_rss_mb), ...imports.map((m) => m.peak_rss_mb))
    })
  )
}

await main()
