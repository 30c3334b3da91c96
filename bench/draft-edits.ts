// npm run bench:drafts — a large draft while the host keeps answering. A 200,000-row csv is read into a draft
// through the same dispatch the app and the browser host use; then 100,000 of its rows are excluded in one
// call, and included again, while another "window" asks for a page of rows every 50 ms.
//
// It prints, for the read and each edit: how long it took, the longest stall of the event loop meanwhile (a
// 5 ms timer that notes how late it fires), and the slowest answer to the page requests made meanwhile. The
// last line is one JSON object with the figures. `--rows N` and `--edit N` change the sizes; `--columns N`
// adds unmapped columns up to N (a wide sheet; 1,024 is the most a sheet may have).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { StoreKey } from '../src/main/store/store-key'
import { benchCore } from './bench-core'
import type { DraftRead } from '../src/shared/batch'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    edit: { type: 'string', default: '100000' },
    columns: { type: 'string', default: '3' }
  },
  strict: true
})
const ROWS = Number(values.rows)
const EDIT = Number(values.edit)
const COLUMNS = Math.max(3, Number(values.columns))

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
  const { core, dispatch } = benchCore(dataDir, StoreKey.generate())
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(channel, payload)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as T
  }
  try {
    // Colombian people; one row in four without a document (an error the analyst would exclude).
    const extra = Array.from({ length: COLUMNS - 3 }, (_, i) => `Dato ${i + 1}`)
    const filler = extra.map((_, i) => `v${i}`).join(',')
    const headers = ['Nombre', 'Apellido', 'Cedula', ...extra]
    const file = join(dataDir, 'personas.csv')
    const lines = [headers.join(',')]
    for (let i = 0; i < ROWS; i++)
      lines.push(`Ana,Peña,${i % 4 === 3 ? '' : 10_000_000 + i}${filler ? `,${filler}` : ''}`)
    writeFileSync(file, lines.join('\n'))
    lines.length = 0

    /** Runs `work` while another window reads pages of the draft; how long it took and how the host held up. */
    let batchId = ''
    const whileReading = async <T>(work: () => Promise<T>) => {
      const probe = new StallProbe()
      let slowestPage = 0
      let pages = 0
      let working = true
      const reader = (async () => {
        while (working) {
          const asked = performance.now()
          if (batchId) await call('drafts:rows', { batchId, filter: 'all', offset: 0, limit: 100 })
          else await call('settings:get', undefined)
          slowestPage = Math.max(slowestPage, performance.now() - asked)
          pages++
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      })()
      probe.start()
      const started = performance.now()
      const result = await work()
      const ms = performance.now() - started
      working = false
      const stallMs = probe.stop()
      await reader
      return { result, ms, stallMs, slowestPage, pages }
    }
    const figures = (m: { ms: number; stallMs: number; slowestPage: number }) => ({
      ms: Math.round(m.ms),
      stallMs: Math.round(m.stallMs),
      slowestPageMs: Math.round(m.slowestPage)
    })

    const { fileId } = core.files.registerPath(file)
    const read = await whileReading(async () => {
      const done = new Promise<DraftRead>((resolve) =>
        core.events.subscribe((name, payload) => {
          const status = payload as { read: DraftRead }
          if (name === 'drafts:status' && status.read.state !== 'reading') resolve(status.read)
        })
      )
      const opened = await call<{ batchId: string }>('drafts:open', {
        fileId,
        sheet: 'personas',
        mapping: {
          headers,
          targets: headers.map((_, i) => ['first_name', 'last_name', 'national_id'][i] ?? null),
          defaults: { country: 'CO', type: 'person' }
        }
      })
      const imported = await done
      if (imported.state !== 'ready') throw new Error(`import ended ${imported.state}`)
      return opened.batchId
    })
    batchId = read.result
    console.log(
      `Read ${ROWS.toLocaleString('en')} rows of ${COLUMNS.toLocaleString('en')} columns into a draft in ` +
        `${(read.ms / 1000).toFixed(1)} s; longest event-loop stall ${read.stallMs.toFixed(0)} ms; slowest of ` +
        `${read.pages} other requests meanwhile ${read.slowestPage.toFixed(0)} ms`
    )

    // Every other row, spread over the whole sheet (sheet rows start at 2, below the header).
    const rows = Array.from({ length: EDIT }, (_, i) => 2 + Math.floor((i * ROWS) / EDIT))

    const measure = async (label: string, excluded: boolean) => {
      const edit = await whileReading(() =>
        call<{ summary: { byStatus: Record<string, number> } }>('drafts:setExcluded', {
          batchId,
          rows,
          excluded
        })
      )
      console.log(
        `${label} ${EDIT.toLocaleString('en')} rows: ${(edit.ms / 1000).toFixed(2)} s; longest event-loop stall ` +
          `${edit.stallMs.toFixed(0)} ms; slowest of ${edit.pages} page requests meanwhile ` +
          `${edit.slowestPage.toFixed(0)} ms (excluded now: ${edit.result.summary.byStatus.excluded})`
      )
      return figures(edit)
    }
    const exclude = await measure('Exclude', true)
    const include = await measure('Include', false)

    // A sheet as wide as Excel allows (16,384 columns, 1,000 rows): looked at for the Sheet step, it is
    // refused by the reading process, past the columns Lote reads, while the host keeps answering.
    const wideFile = join(dataDir, 'ancho.csv')
    const wideRow = (row: number) => Array.from({ length: 16_384 }, (_, i) => `r${row}c${i}`).join(',')
    writeFileSync(wideFile, Array.from({ length: 1_001 }, (_, row) => wideRow(row)).join('\n'))
    const wideId = core.files.registerPath(wideFile).fileId
    const wide = await whileReading(() =>
      dispatch('import:inspect', { fileId: wideId }).then((answer) =>
        answer.ok ? 'read' : answer.error.message.slice(0, 80)
      )
    )
    console.log(
      `Inspect a 16,384-column csv: ${(wide.ms / 1000).toFixed(2)} s (${wide.result}…); longest event-loop ` +
        `stall ${wide.stallMs.toFixed(0)} ms; slowest of ${wide.pages} page requests meanwhile ` +
        `${wide.slowestPage.toFixed(0)} ms`
    )
    console.log(
      JSON.stringify({
        rows: ROWS,
        columns: COLUMNS,
        edited: EDIT,
        read: figures(read),
        exclude,
        include,
        wideInspect: figures(wide)
      })
    )
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
