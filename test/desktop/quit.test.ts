// Quitting the desktop app while a batch runs: the app waits for the batch to stop at a safe point, the batch
// stays ready to resume, and the next start finishes it with every row checked exactly once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { mappingFromSuggestions } from '../../src/shared/sheets/mapping'
import type { Envelope } from '../../src/shared/result'
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server'
import { ResultsStore } from '../../src/main/store/results/results-store'
import type { BatchEvent } from '../../src/shared/batch'
import { makeTempDir } from '../helpers/env'
import { launchDesktopApp, waitFor, type DesktopApp } from './harness'
import { testStoreKey } from '../helpers/store-key'

// The app's Sandbox connection, pointed at one Sandbox that outlives the app's restarts, as Truora's servers do:
// the resumed batch must find the checks the first run created.
const shared = vi.hoisted(() => ({ url: '' }))
vi.mock('../../src/main/connections/builtin-sandbox', () => ({
  launchBuiltInSandbox: async () => ({ url: shared.url, close: async () => undefined })
}))

const ROWS = 8

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value
}

let sandbox: RunningSandbox
let dataDir: string
let folder: string

beforeAll(async () => {
  // Slow enough answers that the batch is still creating checks when the analyst quits.
  sandbox = await startSandbox({ port: 0, timeScale: 2000, seed: 3, outageRate: 0, latencyMs: 120 })
  shared.url = sandbox.url
  dataDir = makeTempDir('lote-desktop-quit-')
  folder = makeTempDir('lote-desktop-files-')
})

afterAll(async () => {
  await sandbox.close()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(folder, { recursive: true, force: true })
})

/** Drops a csv of candidates, imports it, and starts it on the Sandbox one check at a time. */
async function startBatch(app: DesktopApp, first = 0): Promise<string> {
  const csv = join(folder, `candidatos-${first}.csv`)
  const lines = ['Cédula,Nombres,Apellidos']
  for (let n = first; n < first + ROWS; n++)
    lines.push(`${10101010 + n}${n % 2 ? '11' : '00'},Ana ${n},Pérez`)
  writeFileSync(csv, lines.join('\n') + '\n')
  const file = unwrap(
    await app.api.files.register({ path: app.api.pathForFile({ path: csv } as unknown as File) })
  )
  const sheet = unwrap(await app.api.import.inspect({ fileId: file.fileId })).sheets[0]
  // The desktop app reads spreadsheets in Electron utility processes (Node's fork is off in a packaged app).
  expect(app.process.utilityProcesses.length).toBeGreaterThan(0)
  const { suggestions } = unwrap(await app.api.import.suggest({ headers: sheet.headers, country: 'CO' }))
  const mapping = mappingFromSuggestions(sheet.headers, suggestions, { country: 'CO', type: 'person' })
  const { batchId } = unwrap(await app.api.drafts.open({ fileId: file.fileId, sheet: sheet.name, mapping }))
  await waitFor(() =>
    expect(app.events).toContainEqual({
      name: 'drafts:status',
      payload: expect.objectContaining({ batchId, read: expect.objectContaining({ state: 'ready' }) })
    })
  )
  const preflight = unwrap(await app.api.batches.preflight({ batchId }))
  expect(preflight.checks).toBe(ROWS)
  unwrap(
    await app.api.batches.start({
      batchId,
      options: { engine: 'direct', concurrency: 1 },
      authorization: { accepted: true, statement: preflight.statement }
    })
  )
  return batchId
}

/** The status each end of the batch's job reported to the window. */
function stoppedAs(app: DesktopApp, batchId: string): string[] {
  return app.events
    .filter((event) => event.name === 'batch:event')
    .map((event) => event.payload as BatchEvent)
    .flatMap((event) => (event.type === 'finished' && event.batchId === batchId ? [event.status] : []))
}

describe('quitting during a batch', () => {
  it('waits for the batch to stop, keeps it to resume, and the next start finishes it exactly once', async () => {
    const first = await launchDesktopApp({ dataDir })
    const batchId = await startBatch(first)
    await waitFor(() => expect(sandbox.stats().checksCreated).toBeGreaterThanOrEqual(2))

    // The analyst quits: Electron asks before-quit, which holds the quit until the batch has stopped.
    first.process.app.quit()
    expect(first.process.state.kind).toBe('running')
    expect(await first.process.whenExited()).toBe(0)
    const createdAtExit = sandbox.stats().checksCreated
    expect(createdAtExit).toBeLessThan(ROWS)
    // The job ended, and said so, with the batch left `running`: not failed, not completed.
    expect(stoppedAs(first, batchId)).toEqual(['running'])

    // Stopped cleanly: the database closes and opens again, the batch is still `running` (so it resumes), no
    // row is lost.
    const store = ResultsStore.inDataDir(dataDir, testStoreKey())
    try {
      const batch = store.batches.get(batchId)
      expect(batch.status).toBe('running')
      expect(batch.total).toBe(ROWS)
    } finally {
      store.close()
    }

    const second = await launchDesktopApp({ dataDir })
    await waitFor(async () => {
      const batch = unwrap(await second.api.batches.get({ batchId }))
      expect(batch.status).toBe('completed')
    }, 60_000)
    expect(sandbox.stats()).toMatchObject({ checksCreated: ROWS, duplicates: 0, checksReturnedExisting: 0 })
    const rows = unwrap(await second.api.results.query({ batchId, query: {} }))
    expect(rows.total).toBe(ROWS)
    expect(await second.quit()).toBe(0)
  })

  it('closing the last window quits the same way', async () => {
    const app = await launchDesktopApp({ dataDir: makeTempDir('lote-desktop-close-') })
    const before = sandbox.stats().checksCreated
    const batchId = await startBatch(app, 100)
    await waitFor(() => expect(sandbox.stats().checksCreated).toBeGreaterThan(before))
    app.window.close()
    expect(await app.process.whenExited()).toBe(0)
    // No window is left to tell; the log shows the job ended, with the batch left `running`, before the exit.
    expect(readFileSync(join(app.dataDir, 'logs', 'lote.log'), 'utf8')).toContain(`Batch ${batchId} running`)
    const store = ResultsStore.inDataDir(app.dataDir, testStoreKey())
    try {
      expect(store.batches.get(batchId).status).toBe('running')
    } finally {
      store.close()
    }
    rmSync(app.dataDir, { recursive: true, force: true })
  })
})
