// An export cut short — the process killed mid-way, or the disk full — leaves the file that was there before
// exactly as it was, and the next export cleans up and writes a whole file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { exportBatch } from '../../../src/main/export'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { seedResults } from '../../e2e/seed-results'
import { makeTempDir } from '../../helpers/env'
import { mountSmallDisk } from '../../helpers/small-disk'
import { testStoreKey } from '../../helpers/store-key'
import { startLote } from '../../helpers/lote-process'

const ROWS = 25_000
let dataDir: string
let batchId: string

beforeAll(() => {
  dataDir = makeTempDir('lote-export-interrupted-')
  batchId = seedResults(dataDir, ROWS, 'b-export-25k')
}, 120_000)
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const PREVIOUS = 'the previous good export\r\n'.repeat(1000)

function partials(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.partial'))
}

describe('an interrupted export', () => {
  it('killed mid-way leaves the previous file intact; the next export replaces it whole', async () => {
    const folder = join(dataDir, 'exports-kill')
    mkdirSync(folder)
    const target = join(folder, 'results.csv')
    writeFileSync(target, PREVIOUS)
    const exporting = startLote(['export', batchId, '--out', target, '--data-dir', dataDir])
    // Kill it once the new file is being written, well before it is complete.
    const deadline = Date.now() + 60_000
    for (;;) {
      const partial = partials(folder)[0]
      if (partial && statSync(join(folder, partial)).size > 64 * 1024) break
      if (Date.now() > deadline) throw new Error('The export never started writing')
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    exporting.kill()
    await exporting.exited
    expect(readFileSync(target, 'utf8')).toBe(PREVIOUS)
    expect(partials(folder)).toHaveLength(1)

    const store = ResultsStore.inDataDir(dataDir, testStoreKey())
    try {
      await exportBatch(store, batchId, 'csv', target)
    } finally {
      store.close()
    }
    const lines = readFileSync(target, 'utf8').split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(ROWS + 1)
    expect(partials(folder)).toEqual([])
  }, 120_000)

  const disk = mountSmallDisk(6)
  afterAll(() => disk?.unmount())

  it.skipIf(!disk)(
    'on a full disk (real tmpfs) fails with ENOSPC, keeps the previous file and leaves nothing behind',
    async () => {
      const target = join(disk!.dir, 'results.xlsx')
      writeFileSync(target, PREVIOUS)
      const store = ResultsStore.inDataDir(dataDir, testStoreKey())
      try {
        for (const format of ['csv', 'xlsx', 'pdf'] as const) {
          const file = join(disk!.dir, `results.${format}`)
          writeFileSync(file, PREVIOUS)
          // The disk fills up a little way into the export.
          const filler = disk!.fill(16 * 1024)
          await expect(exportBatch(store, batchId, format, file)).rejects.toThrow(/ENOSPC|no space/i)
          expect(readFileSync(file, 'utf8')).toBe(PREVIOUS)
          expect(partials(disk!.dir)).toEqual([])
          disk!.free(filler)
        }
      } finally {
        store.close()
      }
      expect(existsSync(target)).toBe(true)
    },
    120_000
  )
})
