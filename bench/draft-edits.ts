// npm run bench:drafts — bulk edits of a large draft while the host keeps answering. A 200,000-row csv is read
// into a draft through the same dispatch the app and the browser host use; then 100,000 of its rows are
// excluded in one call, and included again, while another "window" asks for a page of rows every 50 ms.
//
// It prints, per edit: how long the edit took, the longest stall of the event loop while it ran (a 5 ms timer
// that notes how late it fires), and the slowest answer to the page requests made meanwhile. The last line is
// one JSON object with the figures. `--rows N` and `--edit N` change the sizes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Core } from '../src/main/core'
import { launchBuiltInSandbox } from '../src/main/connections/builtin-sandbox'
import { createLogger } from '../src/main/log'
import { createDispatcher } from '../src/main/ipc/dispatch'
import { createHandlers } from '../src/main/ipc/handlers'
import { MemorySecretStore } from '../src/main/store/secrets'
import { StoreKey } from '../src/main/store/store-key'
import type { DraftRead } from '../src/shared/batch'

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '200000' }, edit: { type: 'string', default: '100000' } },
  strict: true
})
const ROWS = Number(values.rows)
const EDIT = Number(values.edit)

/** Watches the event loop: how late a 5 ms timer fires, at worst. */
class StallProbe {
  private timer: NodeJS.Timeout | null = null
  private last = 0
  longest = 0
  start(): void {
    this.longest = 0
    this.last = performance.now()
    this.timer = setInterval(() => {
      const now = performance.now()
      this.longest = Math.max(this.longest, now - this.last - 5)
      this.last = now
    }, 5)
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer)
    // The stall the edit may have ended in, before the timer could fire again.
    this.longest = Math.max(this.longest, performance.now() - this.last - 5)
    return Math.max(0, this.longest)
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lote-bench-drafts-'))
  const logger = createLogger({ file: join(dataDir, 'logs', 'lote.log'), level: 'warn' })
  const core = new Core({
    dataDir,
    shell: 'browser',
    version: 'bench',
    systemLocale: 'es-CO',
    launchSandbox: launchBuiltInSandbox,
    keychain: new MemorySecretStore(),
    storeKey: StoreKey.generate(),
    logger
  })
  const dispatch = createDispatcher(createHandlers(core), logger)
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(channel, payload)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as T
  }
  try {
    // Colombian people; one row in four without a document (an error the analyst would exclude).
    const lines = ['Nombre,Apellido,Cedula']
    for (let i = 0; i < ROWS; i++) lines.push(`Ana,Peña,${i % 4 === 3 ? '' : 10_000_000 + i}`)
    const file = join(dataDir, 'personas.csv')
    writeFileSync(file, lines.join('\n'))

    const { fileId } = core.files.registerPath(file)
    const read = new Promise<DraftRead>((resolve) =>
      core.events.subscribe((name, payload) => {
        const status = payload as { read: DraftRead }
        if (name === 'drafts:status' && status.read.state !== 'reading') resolve(status.read)
      })
    )
    const importStarted = performance.now()
    const { batchId } = await call<{ batchId: string }>('drafts:open', {
      fileId,
      sheet: 'personas',
      mapping: {
        headers: ['Nombre', 'Apellido', 'Cedula'],
        targets: ['first_name', 'last_name', 'national_id'],
        defaults: { country: 'CO', type: 'person' }
      }
    })
    const imported = await read
    if (imported.state !== 'ready') throw new Error(`import ended ${imported.state}`)
    const importMs = performance.now() - importStarted
    console.log(`Read ${ROWS.toLocaleString('en')} rows into a draft in ${(importMs / 1000).toFixed(1)} s`)

    // Every other row, spread over the whole sheet (sheet rows start at 2, below the header).
    const rows = Array.from({ length: EDIT }, (_, i) => 2 + Math.floor((i * ROWS) / EDIT))

    const measure = async (label: string, excluded: boolean) => {
      const probe = new StallProbe()
      let slowestPage = 0
      let pages = 0
      let editing = true
      // Another window keeps reading the review grid while the edit runs.
      const reader = (async () => {
        while (editing) {
          const asked = performance.now()
          await call('drafts:rows', { batchId, filter: 'all', offset: 0, limit: 100 })
          slowestPage = Math.max(slowestPage, performance.now() - asked)
          pages++
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      })()
      probe.start()
      const started = performance.now()
      const result = await call<{ summary: { byStatus: Record<string, number> } }>('drafts:setExcluded', {
        batchId,
        rows,
        excluded
      })
      const editMs = performance.now() - started
      editing = false
      const stallMs = probe.stop()
      await reader
      console.log(
        `${label} ${EDIT.toLocaleString('en')} rows: ${(editMs / 1000).toFixed(2)} s; longest event-loop stall ` +
          `${stallMs.toFixed(0)} ms; slowest of ${pages} page requests meanwhile ${slowestPage.toFixed(0)} ms ` +
          `(excluded now: ${result.summary.byStatus.excluded})`
      )
      return {
        editMs: Math.round(editMs),
        stallMs: Math.round(stallMs),
        slowestPageMs: Math.round(slowestPage)
      }
    }
    const exclude = await measure('Exclude', true)
    const include = await measure('Include', false)
    console.log(
      JSON.stringify({ rows: ROWS, edited: EDIT, importMs: Math.round(importMs), exclude, include })
    )
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
