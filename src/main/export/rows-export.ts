// What the csv and the xlsx have in common: one row per stored row of the batch, in the layout's columns,
// streamed to a file that replaces the target only when complete (file-writer.ts). Each format says only how
// its file begins, how it writes a row's values and how it ends.
import type { ResultRow } from '../../shared/results'
import type { ResultsReader } from '../store/results/results-store'
import { exportValues, type ExportLayout, type ExportValue } from './columns'
import { openFileWriter, writeAtomically, type FileWriter } from './file-writer'

export interface ExportResult {
  file: string
  rows: number
}

/** A format's writer for one file, opened once its beginning (headers) is written. */
export interface RowsWriter {
  /** One row's values, in the layout's columns, before the format formats them. */
  row(values: ExportValue[], row: ResultRow): Promise<void> | void
  /** Whatever follows the rows; the file is closed after. */
  end(): Promise<void> | void
}

export interface RowsFormat {
  /** The columns this format writes. */
  layout(): ExportLayout
  /** Starts the file on `out` and returns the writer of its rows. */
  open(out: FileWriter, layout: ExportLayout): Promise<RowsWriter> | RowsWriter
}

/** Writes every row of the batch through `format` to `file`; returns how many rows were written. */
export async function exportRows(
  store: ResultsReader,
  batchId: string,
  file: string,
  format: RowsFormat
): Promise<ExportResult> {
  return writeAtomically(file, async (temporary) => {
    const layout = format.layout()
    const out = openFileWriter(temporary)
    try {
      const writer = await format.open(out, layout)
      let rows = 0
      for (const row of store.results.each(batchId)) {
        await writer.row(exportValues(layout, row), row)
        rows++
      }
      await writer.end()
      await out.close()
      return { file, rows }
    } finally {
      out.stream.destroy()
    }
  })
}
