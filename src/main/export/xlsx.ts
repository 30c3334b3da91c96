// Results as an xlsx, written with exceljs's streaming writer so a 100,000-row batch stays within memory: a
// results sheet (frozen header, autofilter, risk coloured as in the app's legend, scores and dates as numbers
// in the language's format) and a summary sheet (the batch's facts, rows by risk, by decision and by state).
import ExcelJS from 'exceljs'
import { RISK_COLOURS } from './risk-style'
import type { ResultsReader } from '../store/results/results-store'
import { ENGLISH_UTC, exportLayout, riskOf, type ExportLayout, type ExportOptions } from './columns'
import type { FileWriter } from './file-writer'
import type { ReportLocale } from './i18n'
import { exportRows, type ExportResult, type RowsWriter } from './rows-export'
import { batchFacts, countTables } from './report-facts'

export async function exportXlsx(
  store: ResultsReader,
  batchId: string,
  file: string,
  options: ExportOptions = ENGLISH_UTC
): Promise<ExportResult> {
  return exportRows(store, batchId, file, {
    layout: () => exportLayout(store, batchId, options),
    open: (out, layout) => openWorkbook(store, batchId, out, layout)
  })
}

/** Excel's name for a column number: 1 → A, 27 → AA. */
function columnName(n: number): string {
  let name = ''
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26))
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name
  return name
}

/** The results sheet's header, then a writer of its rows that ends with the summary sheet. */
function openWorkbook(
  store: ResultsReader,
  batchId: string,
  out: FileWriter,
  layout: ExportLayout
): RowsWriter {
  const { locale } = layout
  const { t } = locale
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out.stream,
    useStyles: true,
    useSharedStrings: false
  })
  workbook.creator = 'Lote'
  const sheet = workbook.addWorksheet(t('results.export.resultsSheet'), {
    views: [{ state: 'frozen', ySplit: 1 }]
  })
  sheet.columns = layout.headers.map((header) => ({
    header,
    width: Math.min(40, Math.max(10, header.length + 2))
  }))
  sheet.autoFilter = `A1:${columnName(layout.headers.length)}1`
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  return {
    row(values, row) {
      const cells = values.map((value, index) =>
        layout.columns[index].kind === 'moment' && typeof value === 'string' ? locale.wallClock(value) : value
      )
      const added = sheet.addRow(cells)
      cells.forEach((value, index) => {
        const kind = layout.columns[index].kind
        if (value instanceof Date)
          added.getCell(index + 1).numFmt = kind === 'moment' ? locale.xlsxDateTime : locale.xlsxDate
        else if (typeof value === 'number' && kind === 'score') added.getCell(index + 1).numFmt = '0.00'
      })
      const risk = riskOf(row)
      if (risk)
        added.getCell(layout.riskColumn + 1).fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: RISK_COLOURS[risk].soft }
        }
      added.commit()
    },
    async end() {
      sheet.commit()
      addSummarySheet(workbook, store, batchId, locale)
      await workbook.commit()
    }
  }
}

/** The batch's facts and its rows counted by risk, by decision and by state. */
function addSummarySheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  store: ResultsReader,
  batchId: string,
  locale: ReportLocale
): void {
  const { t } = locale
  const batch = store.batches.get(batchId)
  const summary = workbook.addWorksheet(t('results.export.summarySheet'))
  summary.columns = [{ width: 34 }, { width: 60 }]
  const title = summary.addRow([t('results.export.summaryTitle', { name: batch.name })])
  title.font = { bold: true, size: 14 }
  title.commit()
  for (const [label, value] of batchFacts(locale, batch, new Date())) {
    const line = summary.addRow([label, value])
    line.getCell(1).font = { bold: true }
    line.commit()
  }
  for (const [index, table] of countTables(locale, store, batch).entries()) {
    summary.addRow([]).commit()
    const heading = summary.addRow([table.title, t('results.export.count')])
    heading.font = { bold: true }
    heading.commit()
    for (const entry of table.rows) {
      const line = summary.addRow([entry.label, entry.count])
      // The risk counts in the legend's colours.
      const colour = index === 0 ? RISK_COLOURS[entry.key as keyof typeof RISK_COLOURS] : undefined
      if (colour) line.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour.soft } }
      line.commit()
    }
  }
  summary.commit()
}
