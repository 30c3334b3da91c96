// csv as Excel and other tools save it in Latin America: UTF-8 (with or without BOM), UTF-16 ("Unicode text")
// or, when the bytes are not UTF-8, an 8-bit encoding the analyst chooses (Windows-1252 from Excel on Windows,
// Mac Roman from old Mac Excel, ISO-8859-15); separated by `,`, `;` (where the decimal mark is a comma) or tab, with quoted fields that may hold
// separators, quotes and line breaks.
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'
import { CSV_ENCODINGS, type CsvEncoding, type EncodingSample } from '../../shared/sheets/types'
import { sheetErrors, type SheetLimits } from './errors'

export type { CsvEncoding } from '../../shared/sheets/types'
export type CsvDelimiter = ',' | ';' | '\t'

export interface CsvDialect {
  encoding: CsvEncoding
  delimiter: CsvDelimiter
  /** Excel's `sep=;` first line, which names the delimiter and is not data. */
  skipSepLine: boolean
  /**
   * Set when the bytes are not UTF-8 and nobody chose an encoding: the text was decoded as Windows-1252 only
   * to show it, and each sample is how the first line with accents reads in one candidate encoding.
   */
  unconfirmed?: EncodingSample[]
}

const SAMPLE_BYTES = 256 * 1024

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, position)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** Drops a multi-byte character cut by the end of a sample, so the cut is not taken for bad UTF-8. */
function withoutCutCharacter(sample: Buffer): Buffer {
  let end = sample.length
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back]
    if ((byte & 0xc0) === 0x80) continue
    if (byte >= 0xc0) end -= back
    break
  }
  return sample.subarray(0, end)
}

/** How many of the first bytes (at most 3) continue a character begun before them. */
function continuationBytesAtStart(sample: Buffer): number {
  let count = 0
  while (count < 3 && count < sample.length && (sample[count] & 0xc0) === 0x80) count++
  return count
}

function hasNonAscii(buffer: Buffer): boolean {
  for (let i = 0; i < buffer.length; i++) if (buffer[i] > 0x7f) return true
  return false
}

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'not-utf-8'

/** What the bytes say: a byte-order mark, valid UTF-8, or neither (then the analyst must choose). */
export async function detectEncoding(file: string, size: number): Promise<DetectedEncoding> {
  const head = await readAt(file, 0, 3)
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom'
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  // The whole file is checked: an accent typed on the last row of a Windows-1252 file must not pass for UTF-8.
  for (let position = 0; position < size; position += SAMPLE_BYTES) {
    // A sample may begin inside a character the one before ended with (it read 3 bytes past its end).
    const read = await readAt(file, position, SAMPLE_BYTES + 3)
    const sample = position === 0 ? read : read.subarray(continuationBytesAtStart(read))
    if (!hasNonAscii(sample)) continue
    const complete = position + read.length >= size ? sample : withoutCutCharacter(sample)
    if (!isUtf8(complete)) return 'not-utf-8'
  }
  return 'utf-8'
}

function decoderFor(encoding: CsvEncoding): TextDecoder {
  return new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { ignoreBOM: false })
}

/** The first line with bytes beyond ASCII, as each 8-bit candidate reads it. */
async function encodingSamples(file: string): Promise<EncodingSample[]> {
  const head = await readAt(file, 0, 64 * 1024)
  let start = 0
  let line = head.subarray(0, 0)
  while (start < head.length) {
    let end = head.indexOf(0x0a, start)
    if (end === -1) end = head.length
    const candidate = head.subarray(start, end)
    if (hasNonAscii(candidate)) {
      line = candidate
      break
    }
    start = end + 1
  }
  if (line.length === 0) line = head.subarray(0, Math.min(head.length, 200))
  const text = (encoding: CsvEncoding) => decoderFor(encoding).decode(line).replace(/\r$/, '').slice(0, 120)
  return CSV_ENCODINGS.filter((encoding) => !encoding.startsWith('utf-16')).map((encoding) => ({
    encoding,
    text: text(encoding)
  }))
}

/** The delimiter that splits the first records into the same number of fields most consistently. */
export function detectDelimiter(sample: string): { delimiter: CsvDelimiter; skipSepLine: boolean } {
  const sep = /^sep=([,;\t])\r?\n/.exec(sample)
  if (sep) return { delimiter: sep[1] as CsvDelimiter, skipSepLine: true }
  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: -1 }
  for (const delimiter of [',', ';', '\t'] as CsvDelimiter[]) {
    const parser = new CsvParser(delimiter)
    const records = parser.push(sample).slice(0, 50)
    const counts = records
      .filter((record) => record.some((field) => field !== ''))
      .map((record) => record.length)
    if (counts.length === 0) continue
    const frequency = new Map<number, number>()
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1)
    const [mode, times] = [...frequency.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]
    if (mode < 2) continue
    const score = (times / counts.length) * 100 + Math.min(mode, 50)
    if (score > best.score) best = { delimiter, score }
  }
  return { delimiter: best.delimiter, skipSepLine: false }
}

/**
 * Encoding and delimiter. `chosen` is the analyst's encoding; without it a file that is not UTF-8 is decoded
 * as Windows-1252 for display only and marked `unconfirmed` (an import refuses it until one is chosen).
 */
export async function detectDialect(file: string, size: number, chosen?: CsvEncoding): Promise<CsvDialect> {
  const detected = await detectEncoding(file, size)
  let encoding: CsvEncoding
  let unconfirmed: EncodingSample[] | undefined
  if (chosen !== undefined) encoding = chosen === 'utf-8' && detected === 'utf-8-bom' ? 'utf-8-bom' : chosen
  else if (detected === 'not-utf-8') {
    encoding = 'windows-1252'
    unconfirmed = await encodingSamples(file)
  } else encoding = detected
  const sample = decoderFor(encoding).decode(await readAt(file, 0, 64 * 1024))
  return { encoding, ...detectDelimiter(sample), ...(unconfirmed ? { unconfirmed } : {}) }
}

/** Refuses to read on when the encoding is still a guess. */
export function confirmEncoding(file: string, dialect: CsvDialect | undefined): void {
  if (dialect?.unconfirmed) throw sheetErrors.encodingNeeded(file, dialect.unconfirmed)
}

/** Incremental RFC 4180 parser: text goes in as it is decoded, complete records come out. */
export class CsvParser {
  private field = ''
  private record: string[] = []
  private quoted = false
  private afterQuote = false
  private pendingCr = false

  constructor(
    private readonly delimiter: string,
    /** Longest field accepted; a longer one (often an unclosed quote) stops the parser. */
    private readonly maxField = Infinity
  ) {}

  /** Records completed so far. */
  completed = 0

  /** Characters of the field being read, not yet complete. */
  get pendingLength(): number {
    return this.field.length
  }

  push(text: string): string[][] {
    const records: string[][] = []
    const delimiter = this.delimiter
    let field = this.field
    let start = 0
    for (let i = 0; i < text.length; i++) {
      const char = text[i]
      if (this.pendingCr) {
        this.pendingCr = false
        if (char === '\n') {
          start = i + 1
          continue
        }
      }
      if (this.quoted) {
        if (char !== '"') continue
        field += text.slice(start, i)
        start = i + 1
        if (text[i + 1] === '"') {
          field += '"'
          i++
          start = i + 1
          continue
        }
        if (i + 1 === text.length) {
          // A quote at the end of a chunk: whether it closes or escapes is known only with the next chunk.
          this.quoted = false
          this.afterQuote = true
          continue
        }
        this.quoted = false
        continue
      }
      if (this.afterQuote) {
        this.afterQuote = false
        if (char === '"' && i === 0) {
          field += '"'
          this.quoted = true
          start = i + 1
          continue
        }
      }
      if (char === '"' && i === start && field === '') {
        this.quoted = true
        start = i + 1
      } else if (char === delimiter) {
        this.record.push(field + text.slice(start, i))
        field = ''
        start = i + 1
      } else if (char === '\n' || char === '\r') {
        this.record.push(field + text.slice(start, i))
        records.push(this.record)
        this.completed++
        this.record = []
        field = ''
        start = i + 1
        if (char === '\r') this.pendingCr = true
      }
    }
    this.field = field + text.slice(start)
    if (this.field.length > this.maxField) throw new CsvFieldTooLong()
    return records
  }

  end(): string[][] {
    if (this.field === '' && this.record.length === 0) return []
    this.record.push(this.field)
    const last = this.record
    this.record = []
    this.field = ''
    return [last]
  }
}

class CsvFieldTooLong extends Error {}

export interface CsvRecord {
  /** 1-based record number, which is the row Excel shows when it opens the file. */
  row: number
  cells: string[]
}

/** Streams the records of a csv file in batches; `onBytes` hears how far into the file reading has got. */
export async function* readCsv(
  file: string,
  dialect: CsvDialect,
  limits: Pick<SheetLimits, 'maxCellChars' | 'maxColumns'>,
  onBytes?: (bytes: number) => void
): AsyncGenerator<CsvRecord[]> {
  const decoder = decoderFor(dialect.encoding)
  // A quoted field may hold line breaks; one far longer than a cell can be is an unclosed quote.
  const parser = new CsvParser(dialect.delimiter, limits.maxCellChars * 4)
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 })
  let row = 0
  let bytes = 0
  let skip = dialect.skipSepLine
  const batch = (records: string[][]): CsvRecord[] => {
    if (skip && records.length > 0) {
      skip = false
      records = records.slice(1)
    }
    return records.map((cells) => ({ row: ++row, cells }))
  }
  const checked = (records: CsvRecord[]): CsvRecord[] => {
    for (const record of records) {
      for (const cell of record.cells)
        if (cell.length > limits.maxCellChars)
          throw sheetErrors.limitExceeded(file, 'maxCellChars', limits.maxCellChars, `row ${record.row}`)
      // As in a workbook: a value beyond the last column Lote reads is refused; empty fields there are dropped
      // (a line of 16,000 commas would otherwise make every row that wide).
      if (record.cells.length > limits.maxColumns) {
        if (record.cells.slice(limits.maxColumns).some((cell) => cell.trim() !== ''))
          throw sheetErrors.limitExceeded(file, 'maxColumns', limits.maxColumns, `row ${record.row}`)
        record.cells.length = limits.maxColumns
      }
    }
    return records
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length
      onBytes?.(bytes)
      const records = checked(batch(parser.push(decoder.decode(chunk, { stream: true }))))
      if (records.length > 0) yield records
    }
    const rest = checked(batch([...parser.push(decoder.decode()), ...parser.end()]))
    if (rest.length > 0) yield rest
  } catch (error) {
    if (error instanceof CsvFieldTooLong)
      throw sheetErrors.limitExceeded(
        file,
        'maxCellChars',
        limits.maxCellChars,
        `from row ${parser.completed + 1 - (dialect.skipSepLine ? 1 : 0)} on, a quoted cell never closes`
      )
    throw error
  } finally {
    stream.destroy()
  }
}
