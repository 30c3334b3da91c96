// csv as Excel and other tools save it in Latin America: UTF-8 (with or without BOM) or Windows-1252,
// separated by `,`, `;` (where the decimal mark is a comma) or tab, with quoted fields that may hold
// separators, quotes and line breaks.
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252'
export type CsvDelimiter = ',' | ';' | '\t'

export interface CsvDialect {
  encoding: CsvEncoding
  delimiter: CsvDelimiter
  /** Excel's `sep=;` first line, which names the delimiter and is not data. */
  skipSepLine: boolean
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

function hasNonAscii(buffer: Buffer): boolean {
  for (let i = 0; i < buffer.length; i++) if (buffer[i] > 0x7f) return true
  return false
}

/**
 * UTF-8 when the first bytes beyond ASCII are valid UTF-8, Windows-1252 otherwise (Latin-1 files are a
 * subset). Reads on past pure-ASCII stretches, since an accent may first appear deep in the file.
 */
export async function detectEncoding(file: string, size: number): Promise<CsvEncoding> {
  const head = await readAt(file, 0, 3)
  if (head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom'
  for (let position = 0; position < size; position += SAMPLE_BYTES) {
    const sample = await readAt(file, position, SAMPLE_BYTES + 3)
    if (!hasNonAscii(sample)) continue
    return isUtf8(withoutCutCharacter(sample)) ? 'utf-8' : 'windows-1252'
  }
  return 'utf-8'
}

function decoderFor(encoding: CsvEncoding): TextDecoder {
  return new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', {
    ignoreBOM: false
  })
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

export async function detectDialect(file: string, size: number): Promise<CsvDialect> {
  const encoding = await detectEncoding(file, size)
  const sample = decoderFor(encoding).decode(await readAt(file, 0, 64 * 1024))
  return { encoding, ...detectDelimiter(sample) }
}

/** Incremental RFC 4180 parser: text goes in as it is decoded, complete records come out. */
export class CsvParser {
  private field = ''
  private record: string[] = []
  private quoted = false
  private afterQuote = false
  private pendingCr = false

  constructor(private readonly delimiter: string) {}

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
        this.record = []
        field = ''
        start = i + 1
        if (char === '\r') this.pendingCr = true
      }
    }
    this.field = field + text.slice(start)
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

export interface CsvRecord {
  /** 1-based record number, which is the row Excel shows when it opens the file. */
  row: number
  cells: string[]
}

/** Streams the records of a csv file in batches; `onBytes` hears how far into the file reading has got. */
export async function* readCsv(
  file: string,
  dialect: CsvDialect,
  onBytes?: (bytes: number) => void
): AsyncGenerator<CsvRecord[]> {
  const decoder = decoderFor(dialect.encoding)
  const parser = new CsvParser(dialect.delimiter)
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
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length
      onBytes?.(bytes)
      const records = batch(parser.push(decoder.decode(chunk, { stream: true })))
      if (records.length > 0) yield records
    }
    const rest = batch([...parser.push(decoder.decode()), ...parser.end()])
    if (rest.length > 0) yield rest
  } finally {
    stream.destroy()
  }
}
