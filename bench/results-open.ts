// npm run bench:results — opening the results of a 100,000-row batch, as the results screen does: the calls it
// makes when it opens (the batch, its figures, a sample row, the first page of the grid, the notices), through
// the same dispatch the app and the browser host use, on an encrypted store reopened as after a restart. Each
// round opens a new Core (nothing cached), then opens the results again in the same Core (what a second visit
// costs). Figures are medians; the machine's load is printed first: quote it with them. The last line is one
// JSON object with the figures. `--rows N` and `--rounds N` change the sizes.
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { seedResults } from '../test/e2e/seed-results'
import { testStoreKey } from '../test/helpers/store-key'
import { benchCore } from './bench-core'

type Dispatch = ReturnType<typeof benchCore>['dispatch']

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' } },
  strict: true
})
const ROWS = Number(values.rows)
const ROUNDS = Number(values.rounds)
/** About the rows a results grid shows on a laptop screen, and what it asks for. */
const PAGE = 100

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** The calls the results screen makes as it opens, in its order; each one's time in ms. */
async function openResults(dispatch: Dispatch, batchId: string): Promise<Record<string, number>> {
  const times: Record<string, number> = {}
  const timed = async (name: string, channel: string, payload: unknown) => {
    const started = performance.now()
    const result = await dispatch(channel, payload)
    times[name] = performance.now() - started
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  }
  await timed('batch', 'batches:get', { batchId })
  await timed('firstPage', 'results:query', { batchId, query: { offset: 0, limit: PAGE } })
  await timed('sample', 'results:query', { batchId, query: { limit: 1 } })
  await timed('stats', 'results:stats', { batchId })
  await timed('notices', 'batches:unknownShapes', { batchId })
  times.total = Object.values(times).reduce((a, b) => a + b, 0)
  return times
}

async function main(): Promise<void> {
  console.log(
    `Load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`
  )
  const dataDir = mkdtempSync(join(tmpdir(), 'lote-bench-results-'))
  try {
    const seeded = performance.now()
    const batchId = seedResults(dataDir, ROWS)
    console.log(
      `Seeded ${ROWS.toLocaleString('en')} results in ${((performance.now() - seeded) / 1000).toFixed(1)} s`
    )
    const first: Record<string, number>[] = []
    const again: Record<string, number>[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const { core, dispatch } = benchCore(dataDir, testStoreKey())
      try {
        first.push(await openResults(dispatch, batchId))
        again.push(await openResults(dispatch, batchId))
      } finally {
        await core.close()
      }
    }
    const medians = (samples: Record<string, number>[]) =>
      Object.fromEntries(
        Object.keys(samples[0]).map((name) => [
          name,
          Math.round(median(samples.map((s) => s[name])) * 10) / 10
        ])
      )
    const figures = { rows: ROWS, rounds: ROUNDS, firstOpen: medians(first), secondOpen: medians(again) }
    for (const [label, set] of [
      ['first open', figures.firstOpen],
      ['second open', figures.secondOpen]
    ] as const)
      console.log(
        `${label.padEnd(12)} ${Object.entries(set)
          .map(([name, ms]) => `${name} ${ms} ms`)
          .join(' · ')}`
      )
    console.log(
      `Load average after: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`
    )
    console.log(JSON.stringify(figures))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
