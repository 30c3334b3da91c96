// When the wizard's Sheet step has nothing to decide, it is confirmed in passing.
import { describe, expect, it } from 'vitest'
import { nothingToDecide } from '../../../src/renderer/src/screens/wizard/wizard-rules'
import type { SheetInfo, WorkbookInfo } from '../../../src/shared/sheets/types'

function sheet(name: string, headers: string[], rowCount = 3, headerRow: number | null = 1): SheetInfo {
  return { name, index: 0, hidden: false, headerRow, headers, rowCount, preview: [] }
}

function workbook(sheets: SheetInfo[], extra: Partial<WorkbookInfo> = {}): WorkbookInfo {
  return {
    file: 'f.xlsx',
    format: 'xlsx',
    bytes: 1,
    sheets,
    dataSheet: sheets.find((s) => s.rowCount > 0)?.name ?? null,
    hiddenSheets: [],
    ...extra
  }
}

describe('the sheet step has nothing to decide', () => {
  it('for one sheet whose headers Lote recognises', () => {
    expect(nothingToDecide(workbook([sheet('Personal', ['Cédula', 'Nombres'])]))).toBe(true)
    // Hidden lookup sheets are not a choice: the import never takes them on its own.
    expect(
      nothingToDecide(workbook([sheet('Personal', ['CPF', 'Nome'])], { hiddenSheets: ['Listas'] }))
    ).toBe(true)
  })
  it('not for two sheets with rows', () => {
    expect(nothingToDecide(workbook([sheet('Enero', ['Cédula']), sheet('Febrero', ['Cédula'])]))).toBe(false)
  })
  it('not when no header is recognised (a title row may have been taken for the headers)', () => {
    expect(nothingToDecide(workbook([sheet('Hoja1', ['Proceso de selección — noviembre'])]))).toBe(false)
  })
  it('not for an empty sheet, nor a csv whose encoding must be chosen', () => {
    expect(nothingToDecide(workbook([sheet('Hoja1', ['Cédula'], 0)]))).toBe(false)
    expect(
      nothingToDecide(
        workbook([sheet('datos', ['Cédula'])], { encodingNeeded: [{ encoding: 'windows-1252', text: 'x' }] })
      )
    ).toBe(false)
  })
})
