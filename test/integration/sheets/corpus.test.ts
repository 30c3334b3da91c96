// Every file of the corpus holds the same people, written by a different tool or with a quirk real writers
// have (scripts/make-fixtures-corpus.ts). Each must open to the same sheets, header row, mapping and values.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importSpreadsheet } from '../../../src/main/sheets/import'
import { inspectSpreadsheet } from '../../../src/main/sheets/read'
import { suggestMapping } from '../../../src/shared/sheets/mapping'
import type { CellValue } from '../../../src/shared/sheets/types'
import { CORPUS_PEOPLE } from '../../fixtures/corpus/people'

const corpus = (name: string) => join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', name)

/** The file, what wrote it, and what it shows beyond the shared content. */
const FILES: { file: string; writer: string; hidden?: string[] }[] = [
  { file: 'openpyxl.xlsx', writer: 'openpyxl (and pandas): absolute relationship targets' },
  { file: 'xlsxwriter.xlsx', writer: 'XlsxWriter: rich-text header, formula with cached value' },
  { file: 'xlsxwriter-1904.xlsx', writer: 'XlsxWriter in the 1904 date system' },
  { file: 'exceljs.xlsx', writer: 'exceljs Workbook: very hidden sheet' },
  { file: 'exceljs-stream.xlsx', writer: 'exceljs WorkbookWriter: sheets stored before the workbook' },
  { file: 'libreoffice.xlsx', writer: "LibreOffice's converter (soffice --convert-to xlsx)" },
  // Gnumeric's converter drops the hidden flag of the lookup sheet: it is visible in the file it writes.
  { file: 'gnumeric.xlsx', writer: 'Gnumeric (ssconvert)', hidden: [] },
  { file: 'hand-excel-order.xlsx', writer: 'by hand, parts in the order Excel stores them' },
  { file: 'hand-sheetjs-order.xlsx', writer: 'by hand, SheetJS order: worksheets before the workbook' },
  { file: 'hand-absolute-targets.xlsx', writer: 'by hand, absolute targets, parts in reverse order' },
  { file: 'hand-dotted-targets.xlsx', writer: 'by hand, ./ and ../ targets' },
  { file: 'hand-no-refs.xlsx', writer: 'by hand, cells and rows without r=, no dimension' },
  { file: 'hand-inline-only.xlsx', writer: 'by hand, inline strings, ISO dates, no sharedStrings or styles' },
  { file: 'hand-1904.xlsx', writer: 'by hand, 1904 date system' },
  { file: 'hand-prefixed.xlsx', writer: 'by hand, x: prefixed elements, very hidden sheet' }
]

const EXPECTED_MAPPING = CORPUS_PEOPLE.colombianPersonMapping

const expectedRows: CellValue[][] = CORPUS_PEOPLE.rows.map((row) =>
  row.map((value, column) =>
    CORPUS_PEOPLE.dateColumns.includes(column) ? new Date(`${value}T00:00:00Z`) : value
  )
)

describe('the fixtures corpus', () => {
  it('has at least six different writers', () => {
    const writers = new Set(FILES.map((entry) => entry.writer.split(/[ :(]/)[0]))
    expect(writers.size).toBeGreaterThanOrEqual(6)
  })

  it.each(FILES)(
    '$file ($writer) opens to the same sheets, header row, mapping and values',
    async (entry) => {
      const info = await inspectSpreadsheet(corpus(entry.file))
      const hidden = entry.hidden ?? ['Listas']
      expect(info.hiddenSheets).toEqual(hidden)
      expect(info.sheets.map((sheet) => sheet.name)).toEqual(
        ['Instrucciones', 'Personas', 'Listas'].filter((name) => !hidden.includes(name))
      )
      expect(info.dataSheet).toBe('Personas')
      const sheet = info.sheets.find((candidate) => candidate.name === 'Personas')!
      expect(sheet.headerRow).toBe(3)
      expect(sheet.headers).toEqual(CORPUS_PEOPLE.headers)
      expect(sheet.rowCount).toBe(CORPUS_PEOPLE.rows.length)
      expect(sheet.preview).toEqual(expectedRows)
      // A Colombian person batch: the document type routes the numbers; Colombian checks take no names.
      const suggestions = suggestMapping(sheet.headers, {
        country: 'CO',
        type: 'person',
        samples: sheet.preview
      })
      expect(suggestions.map((s) => s.target)).toEqual(EXPECTED_MAPPING)
      const imported = await importSpreadsheet(corpus(entry.file), {
        defaults: { country: 'CO', type: 'person' },
        now: new Date(Date.UTC(2025, 0, 15))
      })
      expect(imported).toMatchObject({ sheet: 'Personas', headerRow: 3, headers: CORPUS_PEOPLE.headers })
      expect(imported.mapping.targets).toEqual(EXPECTED_MAPPING)
      // CC as national IDs, CE as a foreign ID, PPT as a PPT: every row can be checked.
      expect(imported.summary).toMatchObject({
        rows: CORPUS_PEOPLE.rows.length,
        byStatus: { ok: 5, error: 0 }
      })
    }
  )

  it('reads the same file 100 times in a row with the same result', async () => {
    const first = JSON.stringify(await inspectSpreadsheet(corpus('hand-sheetjs-order.xlsx')))
    for (let i = 0; i < 100; i++)
      expect(JSON.stringify(await inspectSpreadsheet(corpus('hand-sheetjs-order.xlsx')))).toBe(first)
  })

  it.each([
    ['libreoffice.xls', 'an Excel 97-2003 workbook (.xls)'],
    ['libreoffice.ods', 'an OpenDocument spreadsheet (.ods)']
  ])('refuses %s with the exact way to convert it', async (file, kind) => {
    const error = await inspectSpreadsheet(corpus(file)).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'SheetError', code: 'unsupported-format' })
    const message = (error as Error).message
    expect(message).toContain(`is ${kind}`)
    expect(message).toContain('File > Save As > "Excel Workbook (*.xlsx)"')
    expect(message).toContain(`soffice --headless --convert-to xlsx "${file}"`)
  })
})
