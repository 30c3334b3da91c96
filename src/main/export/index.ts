// Offline exports of a batch, from the results store alone (no network, never the API key).
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { ResultsReader } from '../store/results/results-store'
import { ENGLISH_UTC, type ExportOptions } from './columns'
import { checkPdfEntries } from './check-pdfs'
import { writeAtomically } from './file-writer'
import { protectedZip } from './protected-zip'
import { exportCsv } from './csv'
import { exportSummaryPdf } from './summary-pdf'
import { exportXlsx } from './xlsx'

export { exportCsv } from './csv'
export { exportXlsx } from './xlsx'
export type { ExportResult } from './rows-export'
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
export { passwordProblem } from './protected-zip'

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

/**
 * An export inside a zip protected by `password` (AES-256, protected-zip.ts): the file named `innerName`, or
 * for the Truora PDFs each PDF. The plain file is written beside the target only for as long as it takes to
 * read it back; the zip replaces the target when complete. Returns how many files the zip holds.
 */
export async function exportProtected(
  store: ResultsReader,
  batchId: string,
  format: ExportFormat | 'pdfs',
  file: string,
  password: string,
  innerName: string,
  options: ExportOptions = ENGLISH_UTC
): Promise<{ file: string; files: number }> {
  let entries: { name: string; data: Buffer }[]
  if (format === 'pdfs') entries = checkPdfEntries(store, batchId)
  else {
    const plain = `${file}.${process.pid}.plain`
    try {
      await exportBatch(store, batchId, format, plain, options)
      entries = [{ name: innerName, data: readFileSync(plain) }]
    } finally {
      rmSync(plain, { force: true })
    }
  }
  const zip = protectedZip(entries, password)
  await writeAtomically(file, async (temporary) => writeFileSync(temporary, zip))
  return { file, files: entries.length }
}
