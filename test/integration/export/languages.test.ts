// Reports in the analyst's language, on a real batch run against the Sandbox over HTTP with decisions taken:
// the xlsx (headers, values, dates in the analyst's zone, autofilter, frozen header, summary sheet), the csv
// (delimiter and decimal mark by language, or the analyst's choice) and the summary PDF (read back with
// pdftotext: language, local dates, page numbers, the people who need attention with their decision, the
// reviewer block), in es, en and pt-BR. The first page of the Spanish PDF is rendered to PNG.
import ExcelJS from 'exceljs'
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Decisions } from '../../../src/main/app/decisions'
import { exportCsv, exportSummaryPdf, exportXlsx } from '../../../src/main/export'
import { CsvParser } from '../../../src/main/sheets/csv'
import { defaultSettings } from '../../../src/shared/settings'
import type { BatchSummary } from '../../../src/shared/batch'
import type { ImportedRow } from '../../../src/shared/sheets/types'
import { pdfPages, pdfText, renderFirstPage } from '../../helpers/pdf'
import { createHarness, personRow, type Harness } from '../batch/harness'

const ZONE = 'America/Bogota'
/** 15:00 UTC is 10:00 in Bogotá. */
const DECIDED_AT = new Date('2026-03-02T15:00:00Z')

const PEOPLE = [
  { ending: '00', name: ['Ana', 'Limpia'] },
  { ending: '11', name: ['Bruno', 'Registro'] },
  { ending: '22', name: ['Carla', 'Inexistente'] },
  { ending: '55', name: ['Elena', 'Error'] }
] as const

let harness: Harness
let batch: BatchSummary
let out: string

function rows(): ImportedRow[] {
  return PEOPLE.map((person, index) =>
    personRow(index + 2, person.name, `10203040${person.ending}`, {
      Ingreso: new Date(Date.UTC(2024, 0, 31))
    })
  )
}

beforeAll(async () => {
  harness = await createHarness()
  batch = await harness.run(rows(), {
    mapping: {
      headers: ['Nombre', 'Apellido', 'Cédula', 'Ingreso'],
      targets: ['first_name', 'last_name', 'national_id', null],
      defaults: { country: 'CO', type: 'person' }
    },
    name: 'Ingresos marzo'
  })
  const settings = { get: () => ({ ...defaultSettings(), reviewerName: 'Ana Analista' }) }
  const decisions = new Decisions(harness.store, settings, null, () => DECIDED_AT)
  const seqOf = (ending: string) =>
    harness.store.results.page(batch.id).rows.find((r) => r.inputs.national_id.endsWith(ending))!.seq
  decisions.decide(batch.id, { seqs: [seqOf('00')] }, { decision: 'approved', reason: 'no-findings' })
  decisions.decide(
    batch.id,
    { seqs: [seqOf('11')] },
    { decision: 'rejected', reason: 'criminal-record', note: 'Condena vigente' }
  )
  out = join(harness.dataDir, 'out')
  mkdirSync(out, { recursive: true })
}, 60_000)

afterAll(async () => {
  await harness?.dispose()
})

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  return workbook
}

function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const list: unknown[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => list.push((row.values as unknown[]).slice(1)))
  return list
}

function csvRecords(file: string, delimiter: string): string[][] {
  const bytes = readFileSync(file)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const parser = new CsvParser(delimiter)
  return [...parser.push(bytes.subarray(3).toString('utf8')), ...parser.end()].filter((r) => r.length > 1)
}

const EXPECTED = {
  es: {
    headers: ['Fila', 'Nombre', 'Apellido', 'Cédula', 'Ingreso', 'ID de consulta', 'Estado', 'Puntaje'],
    tail: ['Riesgo', 'Por qué', 'Decisión', 'Motivo', 'Notas', 'Decidido por', 'Decidido el'],
    completed: 'Completada',
    high: 'Riesgo alto',
    rejected: 'Rechazado',
    undecided: 'Sin decidir',
    criminal: 'Antecedentes penales',
    reason: 'Antecedentes penales o disciplinarios',
    delimiter: ';',
    decidedAt: '02/03/2026 10:00',
    day: '31/01/2024',
    score: /^[01],\d\d$/,
    sheets: ['Resultados', 'Resumen'],
    pdf: [
      'Personas que requieren atención',
      'Página 1 de',
      'Revisado por',
      'Firma',
      'Por riesgo',
      'Rechazado'
    ],
    notPdf: ['Page 1', 'Reviewed by', 'High risk']
  },
  en: {
    headers: ['Row', 'Nombre', 'Apellido', 'Cédula', 'Ingreso', 'Check ID', 'Status', 'Score'],
    tail: ['Risk', 'Why', 'Decision', 'Reason', 'Notes', 'Decided by', 'Decided on'],
    completed: 'Completed',
    high: 'High risk',
    rejected: 'Rejected',
    undecided: 'Undecided',
    criminal: 'Criminal record',
    reason: 'Criminal or disciplinary record',
    delimiter: ',',
    decidedAt: '03/02/2026 10:00',
    day: '01/31/2024',
    score: /^[01]\.\d\d$/,
    sheets: ['Results', 'Summary'],
    pdf: ['People who need attention', 'Page 1 of', 'Reviewed by', 'Signature', 'By risk', 'Rejected'],
    notPdf: ['Página', 'Revisado por', 'Riesgo alto']
  },
  'pt-BR': {
    headers: ['Linha', 'Nombre', 'Apellido', 'Cédula', 'Ingreso', 'ID da consulta', 'Status', 'Pontuação'],
    tail: ['Risco', 'Por quê', 'Decisão', 'Motivo', 'Notas', 'Decidido por', 'Decidido em'],
    completed: 'Concluída',
    high: 'Risco alto',
    rejected: 'Reprovado',
    undecided: 'Sem decisão',
    criminal: 'Antecedentes criminais',
    reason: 'Antecedentes criminais ou disciplinares',
    delimiter: ';',
    decidedAt: '02/03/2026 10:00',
    day: '31/01/2024',
    score: /^[01],\d\d$/,
    sheets: ['Resultados', 'Resumo'],
    pdf: [
      'Pessoas que precisam de atenção',
      'Página 1 de',
      'Revisado por',
      'Assinatura',
      'Por risco',
      'Reprovado'
    ],
    notPdf: ['Page 1', 'Reviewed by', 'High risk']
  }
} as const

describe.each(Object.entries(EXPECTED))('reports in %s', (language, expected) => {
  const options = { language: language as keyof typeof EXPECTED, timeZone: ZONE, reviewer: 'Ana Analista' }

  it('writes the xlsx in the language, with local dates, an autofilter, a frozen header and a summary sheet', async () => {
    const file = join(out, `${language}.xlsx`)
    await exportXlsx(harness.store, batch.id, file, options)
    const workbook = await readWorkbook(file)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(expected.sheets)
    const sheet = workbook.worksheets[0]
    expect(sheet.autoFilter).toBeTruthy()
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const [header, ...body] = sheetRows(sheet)
    expect(header.slice(0, 8)).toEqual(expected.headers)
    expect(header.slice(-10, -3)).toEqual(expected.tail)
    expect(header).toContain(expected.criminal)
    const col = (name: string) => header.indexOf(name)
    const bruno = body.find((r) => r[col('Apellido')] === 'Registro')!
    // The row column is the sheet row the notes and the app cite.
    expect(bruno[0]).toBe(3)
    expect(bruno[col(expected.headers[6])]).toBe(expected.completed)
    expect(bruno[col(expected.tail[0])]).toBe(expected.high)
    expect(bruno[col(expected.tail[2])]).toBe(expected.rejected)
    expect(bruno[col(expected.tail[3])]).toBe(expected.reason)
    expect(bruno[col(expected.tail[4])]).toBe('Condena vigente')
    expect(bruno[col(expected.tail[5])]).toBe('Ana Analista')
    // A spreadsheet date holds the analyst's wall clock: 10:00 in Bogotá.
    expect((bruno[col(expected.tail[6])] as Date).toISOString()).toBe('2026-03-02T10:00:00.000Z')
    const elena = body.find((r) => r[col('Apellido')] === 'Error')!
    expect(elena[col(expected.tail[2])]).toBe(expected.undecided)
    expect(elena[col(expected.headers[7])] ?? null).toBeNull()
    const decidedCell = sheet.getRow(3).getCell(col(expected.tail[6]) + 1)
    expect(decidedCell.numFmt).toMatch(/hh:mm/)

    const summary = sheetRows(workbook.worksheets[1]).map((r) => r.map(String))
    const flat = summary.map((r) => r.join(' | '))
    expect(flat[0]).toContain('Ingresos marzo')
    expect(flat).toContain(`${expected.rejected} | 1`)
    expect(flat).toContain(`${expected.undecided} | 2`)
    expect(flat).toContain(`${expected.high} | 2`)
  })

  it('writes the csv with the language’s delimiter and decimal mark, local dates, or the delimiter chosen', async () => {
    const file = join(out, `${language}.csv`)
    await exportCsv(harness.store, batch.id, file, options)
    const [header, ...body] = csvRecords(file, expected.delimiter)
    expect(header.slice(0, 8)).toEqual(expected.headers)
    expect(header.slice(-11, -4)).toEqual(expected.tail)
    // The last column: the evidence of the authorisation that covers the batch, in the language.
    expect(header.at(-1)).toMatch(
      /^(Evidencia de la autorización|Authorisation evidence|Evidência da autorização)$/
    )
    const col = (name: string) => header.indexOf(name)
    const bruno = body.find((r) => r[col('Apellido')] === 'Registro')!
    expect(bruno[0]).toBe('3')
    expect(bruno[col(expected.tail[2])]).toBe(expected.rejected)
    expect(bruno[col(expected.tail[6])]).toBe(expected.decidedAt)
    expect(bruno[col('Ingreso')]).toBe(expected.day)
    const ana = body.find((r) => r[col('Apellido')] === 'Limpia')!
    expect(ana[col(expected.headers[7])]).toMatch(expected.score)
    expect(body.find((r) => r[col('Apellido')] === 'Error')![col(expected.headers[7])]).toBe('')

    const tabbed = join(out, `${language}-tab.csv`)
    await exportCsv(harness.store, batch.id, tabbed, { ...options, delimiter: '\t' })
    expect(csvRecords(tabbed, '\t')[0].slice(-11, -4)).toEqual(expected.tail)
  })

  it('writes the summary PDF in the language, with page numbers, local dates, decisions and a reviewer block', async () => {
    const file = join(out, `${language}.pdf`)
    const result = await exportSummaryPdf(harness.store, batch.id, file, options)
    const text = pdfText(file)
    if (process.env.PEEK) copyFileSync(file, join(process.env.PEEK, `${language}.pdf`))
    for (const words of expected.pdf) expect(text, words).toContain(words)
    for (const words of expected.notPdf) expect(text, words).not.toContain(words)
    const pages = pdfPages(file)
    expect(pages).toHaveLength(result.pages)
    pages.forEach((page, index) => expect(page).toContain(`${index + 1}`))
    expect(pages.at(-1)).toMatch(new RegExp(`${result.pages}\\s*$`, 'm'))
    // Bruno, Carla and Elena need attention; Bruno with his decision, by whom.
    expect(result.attentionRows).toBe(3)
    const attention = pages.slice(1).join('\n')
    for (const name of ['Registro', 'Inexistente', 'Error']) expect(attention).toContain(name)
    expect(attention).not.toContain('Limpia')
    expect(attention).toContain('Ana Analista')
    // Decisions and the report's own time in the analyst's zone and format.
    expect(text).toContain(ZONE)
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/)
    expect(text).not.toMatch(/\b1[.,]00\b.*Error/)
    if (language === 'es') {
      const png = renderFirstPage(file, join(out, 'summary-es'))
      if (process.env.UPDATE_SCREENSHOTS) copyFileSync(png, 'docs/screenshots/summary-pdf.png')
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
    }
  })
})
