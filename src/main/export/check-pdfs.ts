// The Truora PDFs already downloaded for a batch's checks, as a folder or a zip (stored, not compressed:
// PDFs are compressed already). Named by sheet row, person and check id, so they sort like the spreadsheet
// and say whom each is about. With no PDF downloaded there is nothing to bundle: that is refused, with why,
// instead of an empty zip.
import { existsSync, mkdirSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import type { ResultsReader } from '../store/results/results-store'
import { fileNameForId, pathInside, safeFileName } from '../file-names'
import { openFileWriter, writeAtomically } from './file-writer'
import * as zip from './zip-records'
import { writePrivateFile } from '../store/private-files'
import { AppError } from '../../shared/result'
import { personName } from '../../shared/person'
import type { ResultRow } from '../../shared/results'

export interface PdfBundleResult {
  target: string
  files: number
  /** Checks whose PDF was recorded but is no longer on disk. */
  missing: string[]
}

/** `row-00002-Ana-Pena-CHK123.pdf`: the sheet row, the person (display only, made safe) and the check id. */
export function checkPdfName(row: Pick<ResultRow, 'row' | 'inputs' | 'cells'>, checkId: string): string {
  const person = safeFileName(
    personName(row)
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60),
    ''
  )
  // Check ids come from the server: as names in a folder or a zip they are made safe first.
  return `row-${String(row.row).padStart(5, '0')}-${person ? `${person}-` : ''}${fileNameForId(checkId, '.pdf')}`
}

function entries(store: ResultsReader, batchId: string): { name: string; path: string; checkId: string }[] {
  const rowOf = new Map<string, ResultRow>()
  for (const row of store.results.each(batchId)) if (row.checkId) rowOf.set(row.checkId, row)
  return store.results
    .files(batchId, 'check-pdf')
    .filter((file) => file.checkId && rowOf.has(file.checkId))
    .map((file) => ({
      name: checkPdfName(rowOf.get(file.checkId as string) as ResultRow, file.checkId as string),
      path: file.path,
      checkId: file.checkId as string
    }))
}

/** How many of the batch's checks have their Truora PDF downloaded (the zip's export is offered only then). */
export function checkPdfCount(store: ResultsReader, batchId: string): number {
  return store.results.files(batchId, 'check-pdf').filter((file) => file.checkId && existsSync(file.path))
    .length
}

/** Refuses to bundle nothing: the analyst would get an empty zip and a success message. */
function requireSome(list: ReturnType<typeof entries>): void {
  if (list.some((entry) => existsSync(entry.path))) return
  throw new AppError(
    'not_found',
    'No Truora PDF was downloaded for this batch, so there is nothing to bundle. Run the batch with Truora PDFs (lote run --pdfs), or download a check’s PDF from its panel.',
    { reason: 'no-pdfs' }
  )
}

/** The PDFs kept for a batch, opened, with the names they take in a folder or a zip. */
export function checkPdfEntries(store: ResultsReader, batchId: string): { name: string; data: Buffer }[] {
  const list = entries(store, batchId)
  requireSome(list)
  return list
    .filter((entry) => existsSync(entry.path))
    .map((entry) => ({ name: entry.name, data: store.vault.read(entry.path) }))
}

export function exportCheckPdfsToFolder(
  store: ResultsReader,
  batchId: string,
  folder: string
): PdfBundleResult {
  const list = entries(store, batchId)
  requireSome(list)
  mkdirSync(folder, { recursive: true })
  const missing: string[] = []
  let files = 0
  for (const entry of list) {
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
  requireSome(entries(store, batchId))
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
  const { time, date } = zip.dosDateTime(new Date())
  for (const entry of entries(store, batchId)) {
    if (!existsSync(entry.path)) {
      missing.push(entry.checkId)
      continue
    }
    const data = store.vault.read(entry.path)
    const name = Buffer.from(entry.name, 'utf8')
    const crc = crc32(data)
    const record: zip.ZipFileRecord = {
      versionNeeded: 20,
      madeBy: 20,
      flags: zip.FLAG_UTF8,
      method: 0, // stored
      time,
      date,
      crc,
      compressedSize: data.length,
      size: data.length,
      name,
      extraLength: 0
    }
    const local = zip.localHeader(record)
    central.push(zip.centralEntry(record, offset), name)
    await write(local)
    await write(name)
    await write(data)
    offset += local.length + name.length + data.length
    files++
  }
  const directory = Buffer.concat(central)
  const end = zip.directoryEnd(files, directory.length, offset)
  await write(directory)
  await write(end)
  return { files, missing }
}
