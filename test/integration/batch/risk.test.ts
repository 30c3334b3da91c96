// The risk table (docs/risk.md) on the Sandbox's magic inputs, run through a real batch over HTTP: the level
// and reasons stored for each outcome, and no score anywhere (grid query, chart, xlsx, csv, PDF text) for a
// check that is not completed. test/unit/batch/risk.test.ts covers the documented shapes the Sandbox does
// not produce (dead, wrong inputs, skipped databases…).
import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DELAY_MS } from '../../../src/main/sandbox/check-plan'
import { exportCsv, exportSummaryPdf, exportXlsx, exportLayout } from '../../../src/main/export'
import { CsvParser } from '../../../src/main/sheets/csv'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import type { BatchSummary } from '../../../src/shared/batch'
import type { ResultRow } from '../../../src/shared/results'
import type { ImportedRow } from '../../../src/shared/sheets/types'
import { pdfText } from '../../helpers/pdf'
import { createHarness, personRow, type Harness } from './harness'
import { testStoreKey } from '../../helpers/store-key'

const TIME_SCALE = 2000

/** One person per magic ending (docs/sandbox.md), with the level and first reason the table gives. */
const PEOPLE = [
  { ending: '00', name: ['Ana', 'Limpia'], level: 'low', reason: undefined },
  { ending: '11', name: ['Bruno', 'Registro'], level: 'high', reason: 'severe-record' },
  { ending: '22', name: ['Carla', 'Inexistente'], level: 'high', reason: 'identity-not-found' },
  { ending: '33', name: ['Diego', 'Homónimo'], level: 'medium', reason: 'namesake' },
  { ending: '55', name: ['Elena', 'Error'], level: 'unknown', reason: 'check-error' },
  { ending: '44', name: ['Fabio', 'Demorado'], level: 'pending', reason: 'check-not-finished' }
] as const

let harness: Harness
let batch: BatchSummary
let finished: Promise<BatchSummary>

function rows(): ImportedRow[] {
  return PEOPLE.map((person, index) => personRow(index + 2, person.name, `10203040${person.ending}`))
}

function byEnding(all: ResultRow[]): Map<string, ResultRow> {
  return new Map(all.map((row) => [row.inputs.national_id.slice(-2), row]))
}

async function waitFor<T>(read: () => T, until: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (until(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

beforeAll(async () => {
  harness = await createHarness(
    { timeScale: TIME_SCALE },
    { pollSchedule: { initialMs: 50, minMs: 20, delayedMs: 100 } }
  )
  const made = harness.service.create(
    {
      mapping: {
        headers: ['Nombre', 'Apellido', 'Cédula'],
        targets: ['first_name', 'last_name', 'national_id'],
        defaults: { country: 'CO', type: 'person' }
      },
      fileName: 'magic.xlsx',
      options: { details: 'all' }
    },
    rows()
  )
  harness.service.authorize(made.id, { profileId: 'sandbox' })
  await harness.service.start(made.id)
  finished = harness.service.whenIdle(made.id)
  batch = made
  // Everyone is final but the delayed person, who stays `delayed` for six simulated hours.
  await waitFor(
    () => byEnding(harness.store.results.page(batch.id).rows),
    (rowsNow) =>
      [...rowsNow.values()].every((row) =>
        row.inputs.national_id.endsWith('44') ? row.checkStatus === 'delayed' : row.state === 'done'
      )
  )
}, 60_000)

afterAll(async () => {
  await harness?.dispose()
})

describe('risk of the Sandbox magic inputs', () => {
  it('stores the level and the deciding reason of each outcome', () => {
    const stored = byEnding(harness.store.results.page(batch.id).rows)
    for (const person of PEOPLE) {
      const row = stored.get(person.ending)!
      expect(row.risk, person.ending).toBe(person.level)
      if (person.reason) expect(row.riskReasons[0]?.code, person.ending).toBe(person.reason)
      else expect(row.riskReasons, person.ending).toEqual([])
    }
    // The check the analyst opens says the same.
    const notFound = stored.get('22')!
    expect(harness.store.results.check(notFound.checkId!)!.riskReasons[0].code).toBe('identity-not-found')
  })

  it('keeps no score for the check in error and the delayed one, in the grid, its sort and the chart', () => {
    const stored = byEnding(harness.store.results.page(batch.id).rows)
    for (const ending of ['55', '44']) {
      const row = stored.get(ending)!
      expect([row.score, row.idScore, row.nameScore], ending).toEqual([null, null, null])
      for (const [name, d] of Object.entries(row.datasets)) expect(d.score, `${ending} ${name}`).toBeNull()
    }
    expect(stored.get('00')!.score).toBe(1)
    for (const direction of ['asc', 'desc'] as const) {
      const sorted = harness.store.results.page(batch.id, { sort: { by: 'score', direction } }).rows
      expect(sorted.slice(-2).map((row) => row.score)).toEqual([null, null])
      expect(sorted.slice(0, -2).every((row) => row.score !== null)).toBe(true)
    }
    const histogram = harness.store.results.scoreHistogram(batch.id)
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(PEOPLE.length - 2)
    expect(
      harness.store.results.page(batch.id, { scoreMin: 0.9 }).rows.map((row) => row.checkStatus)
    ).not.toContain('error')
  })

  it('leaves the score blank in xlsx and csv, and prints none in the summary PDF', async () => {
    const out = join(harness.dataDir, 'out')
    const layout = exportLayout(harness.store, batch.id)
    const scoreColumns = ['Score', 'ID score', 'Name score'].map((h) => layout.headers.indexOf(h))
    expect(scoreColumns.every((i) => i >= 0)).toBe(true)

    await exportXlsx(harness.store, batch.id, join(out, 'r.xlsx'))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(out, 'r.xlsx'))
    const sheet = workbook.worksheets[0]
    const idColumn = layout.headers.indexOf('Cédula') + 1
    const xlsxRows = new Map<string, unknown[]>()
    sheet.eachRow((row, n) => {
      if (n > 1)
        xlsxRows.set(String(row.getCell(idColumn).value).slice(-2), (row.values as unknown[]).slice(1))
    })
    for (const ending of ['55', '44'])
      for (const column of scoreColumns) expect(xlsxRows.get(ending)![column] ?? null, ending).toBeNull()
    expect(xlsxRows.get('00')![scoreColumns[0]]).toBe(1)

    await exportCsv(harness.store, batch.id, join(out, 'r.csv'))
    const parser = new CsvParser(',')
    const text = readFileSync(join(out, 'r.csv')).subarray(3).toString('utf8')
    const records = [...parser.push(text), ...parser.end()].filter((r) => r.length > 1)
    const csvRows = new Map(records.slice(1).map((r) => [r[idColumn - 1].slice(-2), r]))
    for (const ending of ['55', '44'])
      for (const column of scoreColumns) expect(csvRows.get(ending)![column], ending).toBe('')

    await exportSummaryPdf(harness.store, batch.id, join(out, 'r.pdf'))
    const pdf = pdfText(join(out, 'r.pdf'))
    // Everyone but the clean person needs attention, each with a reason; no score is printed for the check in
    // error or the delayed one.
    for (const person of PEOPLE.filter((p) => p.level !== 'low')) {
      const line = pdf.split('\n').find((l) => l.includes(person.name[1]))
      expect(line, person.name[1]).toBeDefined()
    }
    expect(pdf).not.toContain('Limpia')
    for (const name of ['Error', 'Demorado']) {
      const at = pdf.indexOf(name)
      expect(pdf.slice(at, at + 300)).not.toMatch(/\b1[.,]00\b/)
    }
    expect(pdf).not.toMatch(/\b1[.,]00\b/)
    if (process.env.PEEK) console.log(pdf)
  })

  it('moves the delayed person to low risk once the check completes', async () => {
    harness.sandbox.advance(Math.ceil(DELAY_MS / TIME_SCALE) + 1000)
    const done = await finished
    expect(done.status).toBe('completed')
    const row = byEnding(harness.store.results.page(batch.id).rows).get('44')!
    expect(row.checkStatus).toBe('completed')
    expect(row.risk).toBe('low')
    expect(row.score).toBe(1)
  }, 30_000)

  it('judges again, on opening, checks stored under older rules (a missing identity once read low risk)', () => {
    const row = byEnding(harness.store.results.page(batch.id).rows).get('22')!
    const file = harness.store.file
    harness.store.db.connection
      .prepare(`UPDATE checks SET risk = 'low', risk_reasons_json = '[]', risk_rules = 1 WHERE check_id = ?`)
      .run(row.checkId)
    harness.store.db.connection.prepare(`UPDATE rows SET risk = 'low' WHERE check_id = ?`).run(row.checkId)
    const reopened = new ResultsStore(file, testStoreKey())
    try {
      const again = reopened.results.page(batch.id, { risks: ['high'] }).rows
      expect(again.map((r) => r.checkId)).toContain(row.checkId)
      expect(again.find((r) => r.checkId === row.checkId)!.riskReasons[0].code).toBe('identity-not-found')
    } finally {
      reopened.close()
    }
  })
})
