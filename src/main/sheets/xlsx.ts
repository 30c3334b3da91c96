// Streams the sheets of an xlsx workbook with exceljs's streaming reader, keeping dates as dates.
import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import type ExcelJS from 'exceljs'
import type { CellValue } from '../../shared/sheets/types'
import { readSharedStrings } from './shared-strings'

export interface RawRow {
  /** 1-based sheet row number. */
  row: number
  cells: CellValue[]
}

export interface SheetStream {
  name: string
  /** Position in the workbook's sheet list (tabs order), 0-based. */
  index: number
  hidden: boolean
  /** Rows in batches (as parsed from each chunk of the file): one await per batch, not per row. */
  rows: AsyncIterable<RawRow[]>
}

export interface SheetListing {
  name: string
  hidden: boolean
}

interface WorkbookModelSheet {
  name: string
  state?: string
  rId?: string
}

interface StreamingWorksheet {
  name: string
  state?: string
  parse(): AsyncIterable<{ eventType: string; value: unknown }[]>
}

/** exceljs cell values that are objects: rich text, formulas, hyperlinks, errors. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value
  }
  if (value instanceof Date) return value
  const object = value as Record<string, unknown>
  if (Array.isArray(object.richText))
    return (object.richText as { text?: string }[]).map((part) => part.text ?? '').join('')
  if ('result' in object) return toCellValue(object.result)
  if ('formula' in object || 'sharedFormula' in object) return null
  if (typeof object.text === 'string') return object.text
  if (typeof object.error === 'string') return object.error
  return null
}

function rowCells(row: ExcelJS.Row, sharedStrings: () => string[]): CellValue[] {
  const values = row.values as unknown[]
  const cells: CellValue[] = new Array(Math.max(0, values.length - 1))
  for (let i = 1; i < values.length; i++) {
    const value = values[i]
    if (value !== null && typeof value === 'object' && 'sharedString' in value)
      cells[i - 1] = sharedStrings()[(value as { sharedString: number }).sharedString] ?? null
    else cells[i - 1] = toCellValue(value)
  }
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null
  return cells
}

/**
 * Opens the workbook and yields its sheets in the order they are stored. Rows of a sheet must be read (or
 * abandoned) before asking for the next sheet: the file is read once, front to back.
 */
async function closeUnread(worksheet: StreamingWorksheet): Promise<void> {
  const events = worksheet.parse()[Symbol.asyncIterator]()
  try {
    await events.next()
  } finally {
    await events.return?.()
  }
}

export class XlsxSource {
  private reader: ExcelJS.stream.xlsx.WorkbookReader | null = null
  private fallbackStrings: string[] | null = null

  constructor(
    private readonly file: string,
    private readonly onBytes?: (bytes: number) => void
  ) {}

  async *sheets(): AsyncGenerator<SheetStream> {
    const stream = createReadStream(this.file, { highWaterMark: 256 * 1024 })
    let bytes = 0
    const report = this.onBytes
    // Counted on the way through: a 'data' listener on the file itself would start it flowing before
    // exceljs pipes it, and the first chunks would be lost.
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length
        report?.(bytes)
        done(null, chunk)
      }
    })
    stream.on('error', (error) => counted.destroy(error))
    stream.pipe(counted)
    // Loaded when a workbook is opened: the import's checking thread and csv imports never need it.
    const { default: excel } = await import('exceljs')
    const reader = new excel.stream.xlsx.WorkbookReader(counted, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore'
    })
    this.reader = reader
    let emitted = 0
    const sharedStrings = () => (this.fallbackStrings ??= readSharedStrings(this.file))
    try {
      for await (const worksheet of reader as unknown as AsyncIterable<StreamingWorksheet>) {
        const listing = this.listing()
        const index = listing.findIndex((sheet) => sheet.name === worksheet.name)
        let started = false
        yield {
          name: worksheet.name,
          index: index === -1 ? emitted : index,
          hidden: worksheet.state === 'hidden' || worksheet.state === 'veryHidden',
          rows: (async function* () {
            started = true
            for await (const events of worksheet.parse()) {
              const batch: RawRow[] = []
              for (const event of events) {
                if (event.eventType !== 'row') continue
                const row = event.value as ExcelJS.Row
                batch.push({ row: row.number, cells: rowCells(row, sharedStrings) })
              }
              if (batch.length > 0) yield batch
            }
          })()
        }
        // A sheet stored before the shared strings sits in a temporary file that exceljs deletes as soon as
        // the next sheet is asked for; a sheet nobody read would then fail to open in the background, out of
        // reach of any handler. Opening and closing it first keeps that from happening.
        if (!started) await closeUnread(worksheet)
        emitted++
      }
    } finally {
      stream.destroy()
      counted.destroy()
    }
  }

  /** Every sheet of the workbook in tab order, hidden ones included (complete once workbook.xml was read). */
  listing(): SheetListing[] {
    const model = (this.reader as unknown as { model?: { sheets?: WorkbookModelSheet[] } } | null)?.model
    return (model?.sheets ?? []).map((sheet) => ({
      name: sheet.name,
      hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden'
    }))
  }
}
