// A server that answers with check ids made to escape the data folder: Lote stores and shows them as they
// are, but no file it writes (PDFs, exported PDFs) lands anywhere but inside its folders.
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { exportCheckPdfsToFolder, exportCheckPdfsToZip } from '../../../src/main/export/check-pdfs'
import { createHarness, personRows, type Harness } from './harness'
import { startTruoraProxy, type TruoraProxy } from '../../helpers/truora-proxy'
import { makeTempDir } from '../../helpers/env'

let harness: Harness | undefined
let proxy: TruoraProxy | undefined
let outside: string | undefined
afterEach(async () => {
  await harness?.dispose()
  await proxy?.close()
  if (outside) rmSync(outside, { recursive: true, force: true })
  harness = proxy = outside = undefined
})

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(entry.parentPath, entry.name))
      : [join(entry.parentPath, entry.name)]
  )
}

describe('check ids from a hostile server', () => {
  it('never name a file outside the data folder', async () => {
    outside = makeTempDir('lote-outside-')
    harness = await createHarness()
    // Enough ../ to climb out of <dataDir>/files/<batch>/pdf from any temporary folder, then into `outside`.
    const climb = '../'.repeat(12) + relative('/', outside)
    proxy = await startTruoraProxy(harness.sandbox.url, { disguiseId: (id) => `${climb}/PWNED-${id}` })
    // The batch talks to the hostile server instead of the Sandbox.
    await harness.connections.pin({ sandboxUrl: proxy.url })

    const batch = await harness.run(personRows(4), { options: { pdfs: true, details: 'all' } })
    expect(batch.status).toBe('completed')
    expect(batch.counts.done).toBe(4)
    expect(proxy.handedOut().length).toBeGreaterThan(0)

    // The ids are kept as the server sent them (they are what Truora would be asked about)…
    const stored = harness.store.results.checkIds(batch.id)
    expect(stored.every((id) => id.startsWith('../'))).toBe(true)
    // …but every PDF sits in the batch's folder under a name with no path in it.
    expect(filesUnder(outside)).toEqual([])
    const pdfFolder = join(harness.dataDir, 'files', batch.id, 'pdf')
    const pdfs = harness.store.results.files(batch.id, 'check-pdf')
    expect(pdfs).toHaveLength(4)
    for (const file of pdfs) {
      expect(dirname(file.path)).toBe(pdfFolder)
      // Sealed on disk; opened with the store key, it is Truora's PDF.
      expect(readFileSync(file.path).subarray(0, 5).toString()).toBe('LOTE1')
      expect(harness.store.vault.read(file.path).subarray(0, 5).toString()).toBe('%PDF-')
    }

    // Exports of those PDFs: a folder and a zip, whose entry names hold no path either.
    const exportFolder = join(harness.dataDir, 'export-pdfs')
    mkdirSync(exportFolder)
    const folder = exportCheckPdfsToFolder(harness.store, batch.id, exportFolder)
    expect(folder.files).toBe(4)
    for (const path of filesUnder(exportFolder)) expect(dirname(path)).toBe(exportFolder)
    const zip = join(harness.dataDir, 'pdfs.zip')
    await exportCheckPdfsToZip(harness.store, batch.id, zip)
    const names = zipEntryNames(readFileSync(zip))
    expect(names).toHaveLength(4)
    for (const name of names) {
      expect(name).not.toMatch(/[\\/]/)
      expect(name.startsWith('.')).toBe(false)
    }
    expect(filesUnder(outside)).toEqual([])
  })
})

/** Names in a zip's central directory. */
function zipEntryNames(zip: Buffer): string[] {
  const names: string[] = []
  for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0;) {
    const length = zip.readUInt16LE(at + 28)
    names.push(zip.subarray(at + 46, at + 46 + length).toString('utf8'))
    at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 46 + length)
  }
  return names
}
