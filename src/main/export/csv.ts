// Results as csv: UTF-8 with a BOM so Excel shows accents right, RFC 4180 quoting, CRLF line ends, and text
// that Excel would run as a formula defused with a leading apostrophe.
import type { ResultsReader } from '../store/results/results-store'
import { exportLayout, exportValues, type ExportValue } from './columns'
import type { ExportResult } from './xlsx'
import { openFileWriter, writeAtomically } from './file-writer'

const FORMULA_START = /^[=+\-@\t\r]/

function isoDay(date: Date): string {
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
}

/** One field: numbers as written, text defused and quoted when it holds a comma, quote or line break. */
export function csvField(value: ExportValue): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  let text = value instanceof Date ? isoDay(value) : value
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: ExportValue[]): string {
  return values.map(csvField).join(',') + '\r\n'
}

export async function exportCsv(store: ResultsReader, batchId: string, file: string): Promise<ExportResult> {
  return writeAtomically(file, (temporary) => writeCsv(store, batchId, temporary, file))
}

async function writeCsv(
  store: ResultsReader,
  batchId: string,
  temporary: string,
  file: string
): Promise<ExportResult> {
  const layout = exportLayout(store, batchId)
  const out = openFileWriter(temporary)
  try {
    await out.write('\uFEFF' + csvLine(layout.headers))
    let rows = 0
    for (const row of store.results.each(batchId)) {
      await out.write(csvLine(exportValues(layout, row)))
      rows++
    }
    await out.close()
    return { file, rows }
  } finally {
    out.stream.destroy()
  }
}
