// One rule for a cell's text, whoever read the cell: Lote's own readers or exceljs (batch files and reports).
import { describe, expect, it } from 'vitest'
import { cellText } from '../../../src/shared/sheets/cells'
import { cellText as excelCellText } from '../../../src/main/xlsx-cell-text'

describe('a cell as the text a person typed', () => {
  it('reads dates as their day, whole numbers without decimals, booleans as Excel shows them', () => {
    expect(cellText(new Date(Date.UTC(1990, 4, 17)))).toBe('1990-05-17')
    expect(cellText(1023456789)).toBe('1023456789')
    expect(cellText(12.5)).toBe('12.5')
    expect(cellText(true)).toBe('TRUE')
    expect(cellText('1990-05-17T00:00:00.000Z')).toBe('1990-05-17')
    expect(cellText(null)).toBe('')
  })

  it('gives an exceljs cell the same text, with formulas by their result and rich text and links flattened', () => {
    for (const value of [new Date(Date.UTC(1990, 4, 17)), 1023456789, 12.5, true, 'Pérez', null])
      expect(excelCellText(value)).toBe(cellText(value))
    expect(excelCellText({ formula: 'A1&B1', result: 'CC 123' })).toBe('CC 123')
    expect(excelCellText({ formula: 'A1*1', result: 1023456789 })).toBe('1023456789')
    expect(excelCellText({ richText: [{ text: 'Ana ' }, { text: 'Pérez' }] })).toBe('Ana Pérez')
    expect(excelCellText({ text: 'ana@example.com', hyperlink: 'mailto:ana@example.com' })).toBe(
      'ana@example.com'
    )
    expect(excelCellText({ error: '#N/A' })).toBe('')
    expect(excelCellText(undefined as never)).toBe('')
  })
})
