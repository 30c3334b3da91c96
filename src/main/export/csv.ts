// Results as csv: UTF-8 with a BOM so Excel shows accents right, RFC 4180 quoting, CRLF line ends, and text
// that Excel would run as a formula defused with a leading apostrophe. Written for the analyst's spreadsheet:
// `;` between fields and a decimal comma for es and pt-BR (a choice in the export dialog), dates as that
// language writes them and moments in the analyst's time zone. Its last column states the evidence of the
// people's authorisation (`csvLayout`).
import type { ResultsReader } from '../store/results/results-store'
import {
  defaultDelimiter,
  ENGLISH_UTC,
  csvLayout,
  type CsvDelimiter,
  type ExportColumn,
  type ExportLayout,
  type ExportOptions,
  type ExportValue
} from './columns'
import { exportRows, type ExportResult } from './rows-export'
import type { ReportLocale } from './i18n'

const FORMULA_START = /^[=+\-@\t\r]/

/** A number as written in the language (`-0,5`): a number, so it is not defused like text. */
export interface CsvNumber {
  number: string
}

export type CsvCell = string | CsvNumber | null

/** One field: text defused and quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: CsvCell, delimiter: CsvDelimiter = ','): string {
  if (value === null || value === '') return ''
  let text = typeof value === 'string' ? value : value.number
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A value of a column as the csv writes it, before quoting. */
export function csvText(
  locale: ReportLocale,
  column: Pick<ExportColumn, 'kind'>,
  value: ExportValue
): CsvCell {
  if (value === null) return null
  if (value instanceof Date) return locale.numericDate(value)
  if (column.kind === 'moment' && typeof value === 'string') return locale.numericDateTime(value)
  if (typeof value === 'number') {
    if (column.kind === 'score') return { number: locale.score(value) }
    return { number: column.kind === 'row' ? String(value) : locale.decimal(value) }
  }
  return value
}

export function csvLine(fields: CsvCell[], delimiter: CsvDelimiter = ','): string {
  return fields.map((field) => csvField(field, delimiter)).join(delimiter) + '\r\n'
}

/** The row's fields in the layout's columns, as the csv writes them. */
export function csvFields(layout: ExportLayout, values: ExportValue[]): CsvCell[] {
  return values.map((value, index) => csvText(layout.locale, layout.columns[index], value))
}

export async function exportCsv(
  store: ResultsReader,
  batchId: string,
  file: string,
  options: ExportOptions = ENGLISH_UTC
): Promise<ExportResult> {
  const delimiter = options.delimiter ?? defaultDelimiter(options.language)
  return exportRows(store, batchId, file, {
    layout: () => csvLayout(store, batchId, options),
    async open(out, layout) {
      await out.write('\uFEFF' + csvLine(layout.headers, delimiter))
      return {
        row: (values) => out.write(csvLine(csvFields(layout, values), delimiter)),
        end: () => undefined
      }
    }
  })
}
