// npm run bench:import — a 100,000-row, 10-column workbook read (a) bare with exceljs's streaming reader and
// (b) through Lote's whole import (read, map, normalise, validate) in its worker thread. The last line printed
// is one JSON object with both times, their ratio and the process's peak resident memory.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { curpCheckDigit, rutVerifier } from '../src/shared/sheets/documents'
import { runImportInWorker } from '../src/main/sheets/import'

const ROWS = 100_000
const DIR = join(import.meta.dirname, '..', '.bench')
const FILE = join(DIR, `import-${ROWS}x10.xlsx`)

function cpf(base9: string): string {
  const d = [...base9].map(Number)
  for (const length of [9, 10]) {
    let sum = 0
    for (let i = 0; i < length; i++) sum += d[i] * (length + 1 - i)
    const rest = sum % 11
    d.push(rest < 2 ? 0 : 11 - rest)
  }
  return d.join('')
}

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
async function generate(): Promise<void> {
  mkdirSync(DIR, { recursive: true })
  const partial = FILE + '.partial'
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
        document = cpf(body.padStart(9, '0'))
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
  renameSync(partial, FILE)
}

function peakRssMb(): number {
  // VmHWM is the kernel's own high-water mark of resident memory, worker threads included.
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Math.round(Number(match[1]) / 1024)
  } catch {
    // not Linux: fall back to sampling
  }
  return Math.round(sampledPeak / 1024 / 1024)
}

let sampledPeak = 0
const sampler = process.argv.includes('--generate')
  ? undefined
  : setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 20)

async function bareRead(): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(FILE, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit'
  })
  let rows = 0
  for await (const worksheet of reader) for await (const row of worksheet) if (row.values) rows++
  return rows
}

if (process.argv.includes('--generate')) {
  await generate()
  process.exit(0)
}

if (!existsSync(FILE)) {
  // Generated in a child process so the writer's memory does not count in this process's peak.
  const started = performance.now()
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--generate'], {
    stdio: 'inherit'
  })
  console.log(`generated ${FILE} in ${Math.round(performance.now() - started)} ms`)
}

let started = performance.now()
const bareRows = await bareRead()
const baselineMs = Math.round(performance.now() - started)
console.log(`bare exceljs streaming read: ${bareRows} rows in ${baselineMs} ms`)

started = performance.now()
let imported = 0
const result = await runImportInWorker(FILE, {
  now: new Date(Date.UTC(2025, 0, 15)),
  onRows: (rows) => {
    imported += rows.length
  }
})
const importMs = Math.round(performance.now() - started)
clearInterval(sampler)
const { summary } = result
console.log(
  `Lote import (worker): ${imported} rows in ${importMs} ms; ${summary.byStatus.ok} ok, ${summary.byStatus.warning} warnings, ${summary.byStatus.error} errors`
)
console.log(
  JSON.stringify({
    rows: imported,
    baseline_ms: baselineMs,
    import_ms: importMs,
    ratio: Math.round((importMs / baselineMs) * 100) / 100,
    peak_rss_mb: peakRssMb()
  })
)
