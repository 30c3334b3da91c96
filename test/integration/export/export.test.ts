import ExcelJS from 'exceljs'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  exportCheckPdfsToFolder,
  exportCheckPdfsToZip,
  exportCsv,
  exportSummaryPdf,
  exportXlsx
} from '../../../src/main/export'
import { csvField, csvFields } from '../../../src/main/export/csv'
import { csvLayout, exportLayout, exportValues } from '../../../src/main/export/columns'
import { checkPdfName } from '../../../src/main/export/check-pdfs'
import { CsvParser } from '../../../src/main/sheets/csv'
import type { BatchSummary } from '../../../src/shared/batch'
import { createHarness, personRows, type Harness } from '../batch/harness'

let harness: Harness
let direct: BatchSummary
let remote: BatchSummary

beforeAll(async () => {
  harness = await createHarness()
  const rows = personRows(30)
  rows[7] = { ...rows[7], status: 'error' }
  rows[9] = {
    ...rows[9],
    cells: { ...rows[9].cells, Nombre: '=HYPERLINK("http://x","y")', Apellido: 'O"Brien, Jr.' }
  }
  direct = await harness.run(rows, {
    options: { pdfs: true, requestsPerSecond: 200, maxRequestsPerSecond: 200 }
  })
  remote = await harness.run(rows, { engine: 'truora-batch' })
}, 60_000)

afterAll(async () => {
  await harness.dispose()
})

async function readXlsx(file: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const rows: unknown[][] = []
  workbook.worksheets[0].eachRow({ includeEmpty: false }, (row) => {
    rows.push((row.values as unknown[]).slice(1))
  })
  return rows
}

function readCsv(file: string): string[][] {
  const bytes = readFileSync(file)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const parser = new CsvParser(',')
  return [...parser.push(bytes.subarray(3).toString('utf8')), ...parser.end()].filter(
    (record) => record.length > 1
  )
}

describe('exports', () => {
  it('both engines produce the same columns for the same file', async () => {
    const a = await exportXlsx(harness.store, direct.id, join(harness.dataDir, 'out', 'direct.xlsx'))
    const b = await exportXlsx(harness.store, remote.id, join(harness.dataDir, 'out', 'remote.xlsx'))
    const [headerA] = await readXlsx(a.file)
    const [headerB] = await readXlsx(b.file)
    expect(headerA).toEqual(headerB)
    expect(headerA.slice(0, 4)).toEqual(['Row', 'Nombre', 'Apellido', 'Cédula'])
    expect(headerA).toContain('Criminal record')
    expect(headerA.slice(-10)).toEqual([
      'Risk',
      'Why',
      'Decision',
      'Reason',
      'Notes',
      'Decided by',
      'Decided on',
      'Checked at',
      'Result from',
      'Change since previous check'
    ])
    expect(a.rows).toBe(30)
    expect(b.rows).toBe(30)
  })

  it('writes an xlsx that reads back with the stored values and a fill by risk', async () => {
    const file = join(harness.dataDir, 'out', 'results.xlsx')
    await exportXlsx(harness.store, direct.id, file)
    const [header, ...rows] = await readXlsx(file)
    const layout = exportLayout(harness.store, direct.id)
    expect(header).toEqual(layout.headers)
    const stored = [...harness.store.results.each(direct.id)]
    rows.forEach((row, index) => {
      const expected = exportValues(layout, stored[index]).map((value) => (value === '' ? null : value))
      const read = layout.headers.map((_, column) => row[column] ?? null)
      expect(read).toEqual(expected)
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const riskCell = workbook.worksheets[0].getRow(2).getCell(layout.riskColumn + 1)
    expect(riskCell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' })
  })

  it('writes a csv (BOM, quoting, defused formulas) that a csv parser reads back with the same values', async () => {
    const file = join(harness.dataDir, 'out', 'results.csv')
    await exportCsv(harness.store, direct.id, file)
    const [header, ...rows] = readCsv(file)
    const layout = csvLayout(harness.store, direct.id)
    expect(header).toEqual(layout.headers)
    // The grid's columns, then the evidence of the authorisation that covers the batch.
    expect(header).toEqual([...exportLayout(harness.store, direct.id).headers, 'Authorisation evidence'])
    expect(rows).toHaveLength(30)
    const stored = [...harness.store.results.each(direct.id)]
    rows.forEach((row, index) => {
      const expected = csvFields(layout, exportValues(layout, stored[index])).map((value) => {
        const text = csvField(value)
        return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text
      })
      expect(row).toEqual(expected)
    })
    expect(rows[9][0]).toBe(String(stored[9].row))
    expect(rows[9][1]).toBe(`'=HYPERLINK("http://x","y")`)
    expect(rows[9][2]).toBe('O"Brien, Jr.')
    expect(rows[7][layout.headers.indexOf('Why')]).toMatch(/Not sent|Excluded|:/)
  })

  it('writes a summary PDF with pages, counts and the rows that need attention', async () => {
    const file = join(harness.dataDir, 'out', 'summary.pdf')
    const result = await exportSummaryPdf(harness.store, direct.id, file)
    const bytes = readFileSync(file)
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(result.pages).toBeGreaterThanOrEqual(1)
    expect(bytes.toString('latin1')).toMatch(/\/Type \/Page\b/)
    expect(result.attentionRows).toBeGreaterThan(0)
  })

  it('bundles the downloaded Truora PDFs in a folder and a zip', async () => {
    const pdfs = harness.store.results.files(direct.id, 'check-pdf')
    expect(pdfs).toHaveLength(direct.counts.completed)
    const folder = exportCheckPdfsToFolder(harness.store, direct.id, join(harness.dataDir, 'out', 'pdfs'))
    expect(folder.files).toBe(pdfs.length)
    const zip = await exportCheckPdfsToZip(harness.store, direct.id, join(harness.dataDir, 'out', 'pdfs.zip'))
    expect(zip.files).toBe(pdfs.length)
    const bytes = readFileSync(zip.target)
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50)
    expect(bytes.readUInt16LE(bytes.length - 22 + 10)).toBe(pdfs.length)
    const first = harness.store.results.page(direct.id).rows[0]
    const name = checkPdfName(first, first.checkId!)
    expect(name).toMatch(new RegExp(`^row-00002-[A-Za-z-]+-${first.checkId}\\.pdf$`))
    expect(existsSync(join(folder.target, name))).toBe(true)
  })

  it('refuses to bundle the PDFs of a batch that downloaded none, and says why', async () => {
    expect(harness.store.results.files(remote.id, 'check-pdf')).toHaveLength(0)
    const target = join(harness.dataDir, 'out', 'none.zip')
    await expect(exportCheckPdfsToZip(harness.store, remote.id, target)).rejects.toThrow(
      /No Truora PDF was downloaded/
    )
    expect(existsSync(target)).toBe(false)
    expect(() =>
      exportCheckPdfsToFolder(harness.store, remote.id, join(harness.dataDir, 'out', 'none'))
    ).toThrow(/nothing to bundle/)
  })

  it('never writes the API key', async () => {
    for (const [name, run] of [
      ['k.xlsx', exportXlsx],
      ['k.csv', exportCsv],
      ['k.pdf', exportSummaryPdf]
    ] as const) {
      const file = join(harness.dataDir, 'out', name)
      await run(harness.store, direct.id, file)
      expect(readFileSync(file).includes(Buffer.from(harness.connection.apiKey))).toBe(false)
    }
  })
})
