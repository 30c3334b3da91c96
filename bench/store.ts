// npm run bench:store — what encrypting the results store costs. The same 100,000-row batch is written into a
// plaintext store and into an encrypted one (SQLCipher format, the store key Lote uses), then the results
// grid's queries run on each: first page, last page, a filter with a sort, a text search and a dataset
// filter. Each figure is the median of several rounds; the last line is one JSON object with the figures and
// the encrypted/plain ratios. The machine's load is printed first: quote it with the figures.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ResultsStore } from '../src/main/store/results/results-store'
import type { StoreProtection } from '../src/main/store/results/database'
import { StoreKey } from '../src/main/store/store-key'
import type { RowQuery } from '../src/shared/results'
import { importBigBatch, recordBigBatchCheck } from '../test/helpers/big-batch'

import { loadavg } from 'node:os'
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Writes the batch the way the import and an engine do: rows in chunks, then each check in its own transaction's worth. */
function writeBatch(store: ResultsStore): { importMs: number; checksMs: number } {
  let started = performance.now()
  importBigBatch(store, 'bench', ROWS)
  const importMs = performance.now() - started
  started = performance.now()
  // The engines record checks as they come, in groups of 500 per transaction (one commit per group).
  for (let from = 0; from < ROWS; from += 500)
    store.db.transaction(() => {
      for (let n = from; n < Math.min(ROWS, from + 500); n++) recordBigBatchCheck(store, 'bench', n)
    })
  return { importMs, checksMs: performance.now() - started }
}

const QUERIES: Record<string, RowQuery> = {
  firstPage: { offset: 0, limit: 100 },
  lastPage: { offset: ROWS - 100, limit: 100 },
  highRiskByScore: { risks: ['high'], sort: { by: 'score', direction: 'asc' }, limit: 50 },
  textSearch: { text: 'pena 10000040' },
  datasetFound: { datasetFound: 'criminal_record', offset: 5000, limit: 100 },
  scoreRange: { scoreMin: 0.85, scoreMax: 0.9, checkStatuses: ['completed'] }
}

/** Writes the batch into a new store of each kind; the files are kept for the queries. */
function write(protection: StoreProtection, file: string) {
  const store = new ResultsStore(file, protection)
  const writes = writeBatch(store)
  store.close()
  return { ...writes, megabytes: Math.round(statSync(file).size / 1e6) }
}

/**
 * Times each grid query on both stores, reopened as after a restart, alternating plain and encrypted on every
 * round so that a shared machine's load falls on both alike. Medians.
 */
function queryBoth(plainFile: string, encryptedFile: string, key: StoreKey) {
  const plain = new ResultsStore(plainFile, { kind: 'plaintext' })
  const encrypted = new ResultsStore(encryptedFile, { kind: 'encrypted', key })
  const times = { plain: {} as Record<string, number>, encrypted: {} as Record<string, number> }
  for (const [name, query] of Object.entries(QUERIES)) {
    const samples = { plain: [] as number[], encrypted: [] as number[] }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['plain', 'encrypted'] as const) : (['encrypted', 'plain'] as const)
      for (const kind of order) {
        const store = kind === 'plain' ? plain : encrypted
        const started = performance.now()
        store.results.page('bench', query)
        samples[kind].push(performance.now() - started)
      }
    }
    times.plain[name] = median(samples.plain)
    times.encrypted[name] = median(samples.encrypted)
  }
  plain.close()
  encrypted.close()
  return times
}

const WRITE_ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 3)
const dir = mkdtempSync(join(tmpdir(), 'lote-bench-store-'))
try {
  console.log(
    `Load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`
  )
  console.log(
    `Writing ${ROWS.toLocaleString('en')} rows and checks into a plaintext and an encrypted store, ` +
      `${WRITE_ROUNDS} rounds in alternating order…`
  )
  const key = StoreKey.generate()
  const writes: { plain: ReturnType<typeof write>[]; encrypted: ReturnType<typeof write>[] } = {
    plain: [],
    encrypted: []
  }
  for (let round = 0; round < WRITE_ROUNDS; round++) {
    // Alternating which goes first spreads the load of a shared machine over both.
    const order = round % 2 === 0 ? (['plain', 'encrypted'] as const) : (['encrypted', 'plain'] as const)
    for (const kind of order) {
      const file = join(dir, `${kind}-${round}.db`)
      writes[kind].push(write(kind === 'plain' ? { kind: 'plaintext' } : { kind: 'encrypted', key }, file))
      if (round < WRITE_ROUNDS - 1) rmSync(file, { force: true })
    }
  }
  const last = WRITE_ROUNDS - 1
  const times = queryBoth(join(dir, `plain-${last}.db`), join(dir, `encrypted-${last}.db`), key)
  const summarise = (kind: 'plain' | 'encrypted') => ({
    importMs: median(writes[kind].map((f) => f.importMs)),
    checksMs: median(writes[kind].map((f) => f.checksMs)),
    megabytes: median(writes[kind].map((f) => f.megabytes)),
    queries: times[kind],
    gridMs: Object.values(times[kind]).reduce((a, b) => a + b, 0)
  })
  const plain = summarise('plain')
  const encrypted = summarise('encrypted')
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100
  const line = (label: string, p: number, e: number) =>
    console.log(
      `${label.padEnd(28)} plain ${p.toFixed(1).padStart(9)} ms   encrypted ${e.toFixed(1).padStart(9)} ms   ×${ratio(e, p)}`
    )
  line('import rows (100k)', plain.importMs, encrypted.importMs)
  line('record checks (100k)', plain.checksMs, encrypted.checksMs)
  for (const name of Object.keys(QUERIES)) line(`grid: ${name}`, plain.queries[name], encrypted.queries[name])
  line('grid: all queries', plain.gridMs, encrypted.gridMs)
  const figures = {
    rows: ROWS,
    rounds: { writes: WRITE_ROUNDS, queries: ROUNDS },
    plain,
    encrypted,
    ratios: {
      importRows: ratio(encrypted.importMs, plain.importMs),
      recordChecks: ratio(encrypted.checksMs, plain.checksMs),
      batchWrites: ratio(encrypted.importMs + encrypted.checksMs, plain.importMs + plain.checksMs),
      gridQueries: ratio(encrypted.gridMs, plain.gridMs)
    }
  }
  console.log(JSON.stringify(figures))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
