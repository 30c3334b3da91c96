// Tells what a file really is from its first bytes, so an .xls renamed .xlsx or an encrypted workbook gets
// the right message instead of a zip error.
import { open, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { DEFAULT_LIMITS, SheetError, sheetErrors, type SheetLimits } from './errors'

export type DetectedFormat = 'xlsx' | 'csv'

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06])
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
// Office puts an encrypted workbook inside an OLE container with these two streams.
const ENCRYPTED_STREAMS = ['EncryptedPackage', 'EncryptionInfo'].map((name) => Buffer.from(name, 'utf16le'))
const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt'])

export interface FileFacts {
  format: DetectedFormat
  bytes: number
}

export async function detectFormat(file: string, limits: SheetLimits = DEFAULT_LIMITS): Promise<FileFacts> {
  let size: number
  try {
    const facts = await stat(file)
    if (!facts.isFile()) throw sheetErrors.unsupported(file, 'a folder')
    size = facts.size
  } catch (error) {
    if (error instanceof SheetError) throw error
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw sheetErrors.notFound(file)
    throw sheetErrors.unreadable(file, error)
  }
  if (size === 0) throw sheetErrors.empty(file)
  if (size > limits.maxBytes) throw sheetErrors.tooLarge(file, size, limits.maxBytes)
  const head = await readHead(file, 512)
  const extension = extname(file).toLowerCase()
  if (head.subarray(0, 4).equals(ZIP)) {
    if (head.includes('application/vnd.oasis.opendocument'))
      throw sheetErrors.legacy(file, 'an OpenDocument spreadsheet (.ods)')
    return { format: 'xlsx', bytes: size }
  }
  if (head.subarray(0, 4).equals(EMPTY_ZIP)) throw sheetErrors.corrupt(file)
  if (head.subarray(0, 8).equals(OLE)) {
    if (await containsAny(file, ENCRYPTED_STREAMS)) throw sheetErrors.passwordProtected(file)
    throw sheetErrors.legacy(file, 'an Excel 97-2003 workbook (.xls)')
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-')
    throw sheetErrors.unsupported(file, 'a PDF document')
  if (extension === '.xlsx' || extension === '.xlsm' || extension === '.xls') throw sheetErrors.corrupt(file)
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
  if (TEXT_EXTENSIONS.has(extension) && (utf16 || !head.includes(0))) return { format: 'csv', bytes: size }
  throw sheetErrors.unsupported(file, extension ? `a "${extension}" file` : 'a file without extension')
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** Scans the container for stream names; they sit in its directory, whose place in the file varies. */
async function containsAny(file: string, needles: Buffer[]): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const chunk = Buffer.alloc(1024 * 1024)
    const overlap = Math.max(...needles.map((needle) => needle.length))
    let position = 0
    let carry = Buffer.alloc(0)
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position)
      if (bytesRead === 0) return false
      const window = Buffer.concat([carry, chunk.subarray(0, bytesRead)])
      if (needles.some((needle) => window.includes(needle))) return true
      carry = window.subarray(Math.max(0, window.length - overlap))
      position += bytesRead
    }
  } finally {
    await handle.close()
  }
}
