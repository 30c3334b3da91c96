// Results as an xlsx, written with exceljs's streaming writer so a 100,000-row batch stays within memory.
import ExcelJS from 'exceljs'
import { RISK_COLOURS } from './risk-style'
import type { ResultsReader } from '../store/results/results-store'
import { exportLayout, exportValues, riskOf } from './columns'
import { openFileWriter, writeAtomically } from './file-writer'

export interface ExportResult {
  file: string
  rows: number
}

export async function exportXlsx(store: ResultsReader, batchId: string, file: string): Promise<ExportResult> {
  return writeAtomically(file, (temporary) => writeXlsx(store, batchId, temporary, file))
}

async function writeXlsx(
  store: ResultsReader,
  batchId: string,
  temporary: string,
  file: string
): Promise<ExportResult> {
  const layout = exportLayout(store, batchId)
  const out = openFileWriter(temporary)
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out.stream,
      useStyles: true,
      useSharedStrings: false
    })
    workbook.creator = 'Lote'
    const sheet = workbook.addWorksheet('Results', { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = layout.headers.map((header) => ({
      header,
      width: Math.min(40, Math.max(10, header.length + 2))
    }))
    sheet.getRow(1).font = { bold: true }
    sheet.getRow(1).commit()
    let rows = 0
    for (const row of store.results.each(batchId)) {
      const values = exportValues(layout, row)
      const added = sheet.addRow(values)
      values.forEach((value, index) => {
        if (value instanceof Date) added.getCell(index + 1).numFmt = 'yyyy-mm-dd'
        else if (typeof value === 'number' && index > layout.originalHeaders.length)
          added.getCell(index + 1).numFmt = '0.00'
      })
      const risk = riskOf(row)
      if (risk)
        added.getCell(layout.riskColumn + 1).fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: RISK_COLOURS[risk].soft }
        }
      added.commit()
      rows++
    }
    sheet.commit()
    await workbook.commit()
    await out.close()
    return { file, rows }
  } finally {
    out.stream.destroy()
  }
}
