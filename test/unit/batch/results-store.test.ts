import Database from 'better-sqlite3-multiple-ciphers'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS, migrate } from '../../../src/main/store/results/migrations'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { makeTempDir } from '../../helpers/env'
import { testStoreKey } from '../../helpers/store-key'
import { bigBatchCheck, importBigBatch, recordBigBatchCheck } from '../../helpers/big-batch'

const ROWS = 100_000
let dir: string
let store: ResultsStore

const check = (n: number) => bigBatchCheck('perf', n)

beforeAll(() => {
  dir = makeTempDir('lote-store-')
  store = new ResultsStore(join(dir, 'lote.db'), testStoreKey())
  importBigBatch(store, 'perf', ROWS)
  store.db.transaction(() => {
    for (let n = 0; n < ROWS; n++) recordBigBatchCheck(store, 'perf', n)
  })
}, 120_000)

afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

// How fast these queries are is measured by the results-grid end-to-end test, not asserted here.
function query<T>(run: () => T): { value: T } {
  return { value: run() }
}

describe('results store', () => {
  it('migrates a fresh database to the newest version once, and refuses a newer one', () => {
    const db = new Database(':memory:')
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version)
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version)
    expect((db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(
      MIGRATIONS.length
    )
    db.prepare('INSERT INTO schema_migrations VALUES (99, ?, ?)').run('future', new Date().toISOString())
    expect(() => migrate(db)).toThrow(/newer version of Lote/)
  })

  it('counts a batch of 100,000 rows by state and lists it', () => {
    const { value: batches } = query(() => store.batches.list())
    expect(batches[0].total).toBe(ROWS)
    expect(batches[0].counts.done).toBe(ROWS)
    expect(batches[0].counts.error).toBe(ROWS / 50)
  })

  it('pages, filters and sorts 100,000 rows', () => {
    const last = query(() => store.results.page('perf', { offset: ROWS - 100, limit: 100 }))
    expect(last.value.rows).toHaveLength(100)
    expect(last.value.rows[99].row).toBe(ROWS + 1)

    const high = query(() =>
      store.results.page('perf', { risks: ['high'], sort: { by: 'score', direction: 'asc' }, limit: 50 })
    )
    // Every tenth row has a serious record found by document: high risk, even when its check then ended in
    // error (every fiftieth row). Those carry no score and sort after the scored ones.
    expect(high.value.total).toBe(ROWS / 10)
    expect(high.value.rows.every((row) => row.risk === 'high')).toBe(true)
    expect(high.value.rows.every((row) => row.score !== null)).toBe(true)
    const errored = store.results.page('perf', { checkStatuses: ['error'], limit: 1000 })
    expect(errored.total).toBe(ROWS / 50)
    expect(errored.rows.every((row) => row.score === null && row.idScore === null)).toBe(true)
    const byScore = store.results.page('perf', {
      risks: ['high'],
      sort: { by: 'score', direction: 'desc' },
      offset: ROWS / 10 - ROWS / 50,
      limit: ROWS / 50
    })
    expect(byScore.rows.every((row) => row.checkStatus === 'error' && row.score === null)).toBe(true)

    const found = query(() =>
      store.results.page('perf', { datasetFound: 'criminal_record', offset: 5000, limit: 100 })
    )
    expect(found.value.total).toBe(ROWS / 10)
    expect(found.value.rows[0].datasets.criminal_record.result).toBe('found')

    const range = query(() =>
      store.results.page('perf', { scoreMin: 0.85, scoreMax: 0.9, checkStatuses: ['completed'] })
    )
    expect(range.value.total).toBeGreaterThan(0)
    expect(
      range.value.rows.every((row) => (row.score as number) >= 0.85 && (row.score as number) <= 0.9)
    ).toBe(true)

    // Case and accents do not matter: "PENA" finds "Peña".
    const text = query(() => store.results.page('perf', { text: 'PENA 10000040' }))
    expect(text.value.rows.map((row) => row.inputs.national_id)).toEqual(['10000040'])
    const byDocument = query(() => store.results.page('perf', { text: '10099999' }))
    expect(byDocument.value.total).toBe(1)
    const byName = query(() => store.results.page('perf', { text: 'pena', sort: { by: 'risk' }, limit: 10 }))
    expect(byName.value.total).toBe(ROWS / 4)
    expect(byName.value.rows[0].risk).toBe('high')
  })

  it('returns one check with its datasets', () => {
    const view = store.results.check(check(10).id)
    expect(view?.row).toBe(12)
    expect(view?.risk).toBe('high')
    expect(view?.datasets.criminal_record).toMatchObject({ result: 'found', foundBy: 'id' })
    expect(store.ledger.rowByToken('lote:perf:11')).toMatchObject({ batchId: 'perf', seq: 10, state: 'done' })
  })
})
