// The sample spreadsheets shipped in resources/samples/: each one maps by its headers alone, validates without
// errors, exercises every magic outcome of the Sandbox, and every row is a check the Sandbox accepts.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isCountry, kindFor, requirementsFor, type Country } from '../../src/shared/checks/inputs'
import { mappingFromSuggestions, suggestMapping } from '../../src/shared/sheets/mapping'
import type { CellValue, ImportedRow } from '../../src/shared/sheets/types'
import { RowValidator } from '../../src/shared/sheets/validate'
import { MAGIC_ENDINGS, outcomeFor } from '../../src/main/sandbox/magic-inputs'
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server'
import { TruoraClient } from '../../src/main/truora/client'

const DIR = join(import.meta.dirname, '..', '..', 'resources', 'samples')

interface IndexEntry {
  file: string
  country: string
  type: string
  rows: number
  description: Record<'es' | 'en' | 'pt-BR', string>
}

const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as { samples: IndexEntry[] }

async function readSample(file: string): Promise<{ headers: string[]; rows: CellValue[][] }> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(join(DIR, file))
  const sheet = workbook.worksheets[0]
  const values = (row: ExcelJS.Row): CellValue[] =>
    Array.from({ length: sheet.columnCount }, (_, i) => {
      const value = row.getCell(i + 1).value
      return value === undefined || value === null ? null : (value as CellValue)
    })
  const all: CellValue[][] = []
  sheet.eachRow((row) => all.push(values(row)))
  return { headers: all[0].map(String), rows: all.slice(1) }
}

/** Maps the sample by its headers, as the import screen suggests, and validates every row. */
async function importSample(entry: IndexEntry): Promise<ImportedRow[]> {
  const { headers, rows } = await readSample(entry.file)
  const country = entry.country as Country
  const mapping = mappingFromSuggestions(headers, suggestMapping(headers, { country }), {
    country,
    type: entry.type
  })
  const validator = new RowValidator(mapping, { now: new Date(Date.UTC(2026, 0, 15)) })
  return rows.map((cells, i) => validator.validateRow(i + 2, cells))
}

describe('resources/samples/index.json', () => {
  it('lists every sample spreadsheet in the folder, and only those', () => {
    const files = readdirSync(DIR).filter((file) => file.endsWith('.xlsx'))
    expect(index.samples.map((entry) => entry.file).sort()).toEqual(files.sort())
  })

  it('covers every country and check kind the Sandbox runs', () => {
    const offered = new Set(index.samples.map((entry) => `${entry.country}/${entry.type}`))
    for (const country of ['ALL', 'BR', 'CL', 'CO', 'MX', 'PE'] as const)
      for (const type of ['person', 'vehicle', 'company'] as const) {
        const kind =
          type === 'person' ? 'person-national' : type === 'vehicle' ? 'vehicle-national' : 'company'
        expect(offered.has(`${country}/${type}`), `${country} ${type}`).toBe(
          requirementsFor(country, kind) !== null
        )
      }
  })

  it('describes each sample in Spanish, English and Brazilian Portuguese', () => {
    for (const entry of index.samples) {
      expect(isCountry(entry.country)).toBe(true)
      for (const language of ['es', 'en', 'pt-BR'] as const)
        expect(entry.description[language].length, `${entry.file} ${language}`).toBeGreaterThan(20)
    }
  })
})

describe.each(index.samples)('$file', (entry) => {
  let rows: ImportedRow[]
  beforeAll(async () => {
    rows = await importSample(entry)
  })

  it('has 10 to 20 rows, as index.json says', () => {
    expect(rows.length).toBe(entry.rows)
    expect(rows.length).toBeGreaterThanOrEqual(10)
    expect(rows.length).toBeLessThanOrEqual(20)
  })

  it('maps by its headers and validates without a single error', () => {
    const errors = rows.flatMap((row) => row.issues.filter((issue) => issue.level === 'error'))
    expect(errors.map((issue) => `row ${issue.row}: ${issue.message}`)).toEqual([])
    for (const row of rows) expect(row.country).toBe(entry.country)
  })

  it('has valid documents: no row carries a check-digit or pattern problem', () => {
    const bad = rows.flatMap((row) =>
      row.issues.filter((issue) => /^document-(check-digit|pattern|length|letters)$/.test(issue.code))
    )
    expect(bad).toEqual([])
  })

  it.skipIf(entry.country === 'ALL')('exercises every magic outcome of the Sandbox once', () => {
    const outcomes = rows.map((row) => outcomeFor(row.inputs as Record<string, string>, 1))
    for (const outcome of Object.values(MAGIC_ENDINGS)) expect(outcomes).toContain(outcome)
  })
})

describe('the samples against the Sandbox', () => {
  let sandbox: RunningSandbox
  let client: TruoraClient
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 1 })
    client = new TruoraClient({ checksBaseUrl: sandbox.url, batchBaseUrl: sandbox.url, apiKey: 'sample-key' })
  })
  afterAll(async () => {
    await sandbox?.close()
  })

  it('accepts every row of every sample as a check with the inputs the import produced', async () => {
    let created = 0
    for (const entry of index.samples) {
      const rows = await importSample(entry)
      for (const row of rows) {
        const inputs = row.inputs as Record<string, string>
        expect(requirementsFor(entry.country as Country, kindFor(entry.type, inputs))).not.toBeNull()
        const check = await client.createCheck({ country: entry.country, type: entry.type, inputs })
        expect(check.id).toBeTruthy()
        created++
      }
    }
    expect(created).toBe(index.samples.reduce((sum, entry) => sum + entry.rows, 0))
    expect(sandbox.stats().checksCreated).toBe(created)
  })
})
