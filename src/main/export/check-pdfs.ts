// The Truora PDFs already downloaded for a batch's checks, as a folder or a zip (stored, not compressed:
// PDFs are compressed already). Named by sheet row and check id so they sort like the spreadsheet.
import { existsSync, mkdirSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import type { ResultsReader } from '../store/results/results-store'
import { fileNameForId, pathInside } from '../file-names'
import { openFileWriter, writeAtomically } from './file-writer'
import { writePrivateFile } from '../store/private-files'

export interface PdfBundleResult {
  target: string
  files: number
  /** Checks whose PDF was recorded but is no longer on disk. */
  missing: string[]
}

function entries(store: ResultsReader, batchId: string): { name: string; path: string; checkId: string }[] {
  const rowOf = new Map<string, number>()
  for (const row of store.results.each(batchId)) if (row.checkId) rowOf.set(row.checkId, row.row)
  return store.results
    .files(batchId, 'check-pdf')
    .filter((file) => file.checkId && rowOf.has(file.checkId))
    .map((file) => ({
      // Check ids come from the server: as names in a folder or a zip they are made safe first.
      name: `row-${String(rowOf.get(file.checkId as string)).padStart(5, '0')}-${fileNameForId(file.checkId as string, '.pdf')}`,
      path: file.path,
      checkId: file.checkId as string
    }))
}

export function exportCheckPdfsToFolder(
  store: ResultsReader,
  batchId: string,
  folder: string
): PdfBundleResult {
  mkdirSync(folder, { recursive: true })
  const missing: string[] = []
  let files = 0
  for (const entry of entries(store, batchId)) {
    if (!existsSync(entry.path)) {
      missing.push(entry.checkId)
      continue
    }
    // Kept sealed; the analyst's copy is opened, and leaves Lote's protection by their choice.
    writePrivateFile(pathInside(folder, entry.name), store.vault.read(entry.path))
    files++
  }
  return { target: folder, files, missing }
}

export async function exportCheckPdfsToZip(
  store: ResultsReader,
  batchId: string,
  file: string
): Promise<PdfBundleResult> {
  return writeAtomically(file, async (temporary) => {
    const out = openFileWriter(temporary)
    try {
      return { ...(await writeZip(store, batchId, out.write.bind(out))), target: file }
    } finally {
      await out.close().catch(() => undefined)
      out.stream.destroy()
    }
  })
}

async function writeZip(
  store: ResultsReader,
  batchId: string,
  write: (bytes: Buffer) => Promise<void>
): Promise<Omit<PdfBundleResult, 'target'>> {
  const central: Buffer[] = []
  const missing: string[] = []
  let offset = 0
  let files = 0
  const { time, date } = dosDateTime(new Date())
  for (const entry of entries(store, batchId)) {
    if (!existsSync(entry.path)) {
      missing.push(entry.checkId)
      continue
    }
    const data = store.vault.read(entry.path)
    const name = Buffer.from(entry.name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(0, 8) // stored
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(20, 6)
    header.writeUInt16LE(0x0800, 8)
    header.writeUInt16LE(0, 10)
    header.writeUInt16LE(time, 12)
    header.writeUInt16LE(date, 14)
    header.writeUInt32LE(crc, 16)
    header.writeUInt32LE(data.length, 20)
    header.writeUInt32LE(data.length, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt32LE(offset, 42)
    central.push(header, name)
    await write(local)
    await write(name)
    await write(data)
    offset += local.length + name.length + data.length
    files++
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files, 8)
  end.writeUInt16LE(files, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  await write(directory)
  await write(end)
  return { files, missing }
}

function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate()
  }
}
