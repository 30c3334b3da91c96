// Offline exports of a batch, from the results store alone (no network, never the API key).
import type { ResultsReader } from '../store/results/results-store'
import { ENGLISH_UTC, type ExportOptions } from './columns'
import { exportCsv } from './csv'
import { exportSummaryPdf } from './summary-pdf'
import { exportXlsx } from './xlsx'

export { exportCsv } from './csv'
export { exportXlsx, type ExportResult } from './xlsx'
export { exportSummaryPdf, type PdfExportResult } from './summary-pdf'
export { exportCheckPdfsToFolder, exportCheckPdfsToZip, type PdfBundleResult } from './check-pdfs'
export { copyFileAtomically } from './file-writer'
export {
  CSV_DELIMITERS,
  defaultDelimiter,
  exportLayout,
  exportValues,
  type CsvDelimiter,
  type ExportLayout,
  type ExportOptions
} from './columns'

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** How an export is named after its batch: `<batch>-results.xlsx`, `<batch>-check-pdfs.zip`… */
export const EXPORT_NAMES: Record<ExportFormat | 'pdfs', string> = {
  xlsx: 'results.xlsx',
  csv: 'results.csv',
  pdf: 'summary.pdf',
  pdfs: 'check-pdfs.zip'
}

export async function exportBatch(
  store: ResultsReader,
  batchId: string,
  format: ExportFormat,
  file: string,
  options: ExportOptions = ENGLISH_UTC
): Promise<{ file: string }> {
  // Each writer writes beside the target and renames over it when complete (file-writer.ts).
  switch (format) {
    case 'xlsx':
      return exportXlsx(store, batchId, file, options)
    case 'csv':
      return exportCsv(store, batchId, file, options)
    case 'pdf':
      return exportSummaryPdf(store, batchId, file, options)
  }
}
