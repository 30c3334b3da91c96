// The zip container of xlsx and ods files, read through its central directory (yauzl), so parts are found
// wherever the writer stored them and read in the order Lote needs, not the order they sit in the file.
// Every byte inflated is counted against the file's limits as it streams: a zip bomb stops at the limit.
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { SheetError, sheetErrors, type SheetLimits } from './errors'

export class ZipArchive {
  /** Entries by lower-cased name: part names in OOXML and ODF are case-insensitive. */
  private readonly entries: Map<string, Entry>
  private inflated = 0

  private constructor(
    private readonly file: string,
    private readonly zip: ZipFile,
    entries: Entry[],
    private readonly limits: SheetLimits
  ) {
    this.entries = new Map(entries.map((entry) => [entry.fileName.toLowerCase(), entry]))
  }

  static async open(file: string, limits: SheetLimits): Promise<ZipArchive> {
    const zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.open(
        file,
        { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true },
        (error, opened) => (error ? reject(sheetErrors.corrupt(file, error)) : resolve(opened))
      )
    )
    if (zip.entryCount > limits.maxZipEntries) {
      zip.close()
      throw sheetErrors.limitExceeded(file, 'maxZipEntries', limits.maxZipEntries)
    }
    try {
      const entries = await new Promise<Entry[]>((resolve, reject) => {
        const found: Entry[] = []
        zip.on('entry', (entry: Entry) => {
          found.push(entry)
          zip.readEntry()
        })
        zip.once('end', () => resolve(found))
        zip.once('error', (error: Error) => reject(sheetErrors.corrupt(file, error)))
        zip.readEntry()
      })
      return new ZipArchive(file, zip, entries, limits)
    } catch (error) {
      zip.close()
      throw error
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase())
  }

  /** The uncompressed size the zip declares for a part (a writer may get it wrong: progress only). */
  declaredSize(name: string): number {
    return this.entries.get(name.toLowerCase())?.uncompressedSize ?? 0
  }

  /** Bytes inflated so far, all parts together. */
  get inflatedBytes(): number {
    return this.inflated
  }

  /** Streams a part's inflated bytes; null when the zip has no such part. */
  async stream(name: string): Promise<AsyncGenerator<Buffer> | null> {
    const entry = this.entries.get(name.toLowerCase())
    if (!entry) return null
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (error, opened) =>
        error ? reject(sheetErrors.corrupt(this.file, error)) : resolve(opened)
      )
    )
    return this.counted(stream)
  }

  private async *counted(stream: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.inflated += chunk.length
        if (this.inflated > this.limits.maxInflatedBytes)
          throw sheetErrors.limitExceeded(this.file, 'maxInflatedBytes', this.limits.maxInflatedBytes)
        yield chunk
      }
    } catch (error) {
      if (error instanceof SheetError) throw error
      throw sheetErrors.corrupt(this.file, error)
    } finally {
      ;(stream as NodeJS.ReadableStream & { destroy(): void }).destroy()
    }
  }

  /** A whole part as text (workbook, relationships, styles), refused past `maxPartBytes`; null when absent. */
  async text(name: string): Promise<string | null> {
    const chunks = await this.stream(name)
    if (!chunks) return null
    const parts: Buffer[] = []
    let size = 0
    for await (const chunk of chunks) {
      size += chunk.length
      if (size > this.limits.maxPartBytes)
        throw sheetErrors.limitExceeded(this.file, 'maxPartBytes', this.limits.maxPartBytes, name)
      parts.push(chunk)
    }
    return new TextDecoder('utf-8').decode(Buffer.concat(parts))
  }

  close(): void {
    this.zip.close()
  }
}
