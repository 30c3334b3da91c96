// Rows of one file that repeat a document share the first row's check at every step of its life, whatever
// happens to it; and rows stored before the store knew subjects get theirs when it is migrated.
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, migrate } from '../../../src/main/store/results/migrations'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { parseCheck } from '../../../src/main/truora/parse'
import { DEFAULT_BATCH_OPTIONS } from '../../../src/shared/batch'
import type { ImportedRow } from '../../../src/shared/sheets/types'

let store: ResultsStore

function row(n: number, id: string): ImportedRow {
  return {
    row: n + 2,
    cells: { Cédula: id },
    inputs: { national_id: id },
    country: 'CO',
    type: 'person',
    issues: [],
    status: 'ok'
  }
}

function check(id: string, status: string) {
  return parseCheck({
    check: { check_id: id, country: 'CO', type: 'person', status, score: status === 'completed' ? 1 : -1 }
  })
}

/** Three rows: 0 and 2 have the same person, 2 follows 0; 1 is someone else. */
beforeEach(() => {
  store = new ResultsStore(':memory:', { kind: 'plaintext' })
  store.batches.create({
    id: 'b',
    name: 'b',
    fileName: null,
    sheet: null,
    mapping: { headers: ['Cédula'], targets: ['national_id'], defaults: { country: 'CO', type: 'person' } },
    country: 'CO',
    type: 'person',
    engine: 'direct',
    profileId: 'sandbox',
    options: DEFAULT_BATCH_OPTIONS
  })
  store.drafts.add('b', [row(0, '79123456'), row(1, '80111222'), row(2, '079123456')])
  store.subjects.applyPlan('b', { reuse: [], follow: [{ seq: 2, leaderSeq: 0 }] })
})

afterEach(() => store.close())

const state = (seq: number) =>
  store.db.connection
    .prepare('SELECT state, check_id, check_status, last_error, last_error_code FROM rows WHERE seq = ?')
    .get(seq) as {
    state: string
    check_id: string | null
    check_status: string | null
    last_error: string | null
  }

describe('rows sharing a check', () => {
  it('are never handed to an engine, and follow the first row from its check to done', () => {
    expect(store.ledger.workRows('b', ['pending']).map((r) => r.seq)).toEqual([0, 1])
    store.ledger.markCreating('b', 0, 'lote:b:1')
    expect(state(2).state).toBe('pending')
    store.ledger.recordCreated('b', 0, check('CHK0', 'in_progress'), null)
    expect(state(2)).toMatchObject({ state: 'running', check_id: 'CHK0' })
    store.ledger.recordCheck(check('CHK0', 'completed'), null)
    store.ledger.markDone('CHK0')
    expect(state(2)).toMatchObject({ state: 'done', check_id: 'CHK0', check_status: 'completed' })
    expect(store.batches.get('b').reuse).toEqual({ reused: 0, grouped: 1 })
    // One check was made for the two rows.
    expect(store.batches.get('b').made).toEqual([{ country: 'CO', type: 'person', checks: 1 }])
  })

  it('fail with the first row, saying why, and go back in line with it', () => {
    store.ledger.markCreating('b', 0, 'lote:b:1')
    store.ledger.markFailed('b', 0, 'Truora refused the national_id.', 'input-refused')
    expect(state(2)).toMatchObject({
      state: 'failed',
      last_error: 'Shares the check of row 2, which got none: Truora refused the national_id.',
      last_error_code: 'input-refused'
    })
    expect(store.ledger.resetForRerun('b')).toBe(2)
    expect(state(0).state).toBe('creating')
    expect(state(2).state).toBe('pending')
    expect(store.ledger.workRows('b', ['pending', 'creating']).map((r) => r.seq)).toEqual([0, 1])
  })

  it('are cancelled with the first row', () => {
    store.ledger.markCreating('b', 0, 'lote:b:1')
    store.ledger.markCancelled('b', 0)
    expect(state(2).state).toBe('cancelled')
    expect(state(1).state).toBe('pending')
  })
})

describe('migrating a store from before subjects', () => {
  it('fills the subject of every stored row', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 3)
    )
    db.prepare(
      `INSERT INTO batches (id, name, mapping_json, engine, options_json, status, created_at, updated_at)
       VALUES ('old', 'old', '{}', 'direct', '{}', 'completed', '', '')`
    ).run()
    const insert = db.prepare(
      `INSERT INTO rows (batch_id, seq, row_number, cells_json, inputs_json, country, type, issues_json,
         import_status, state, search_text, updated_at)
       VALUES ('old', ?, ?, '{}', ?, 'CO', ?, '[]', 'ok', 'done', '', '')`
    )
    insert.run(0, 2, JSON.stringify({ national_id: '079123456' }), 'person')
    insert.run(1, 3, JSON.stringify({ license_plate: 'abc-123' }), 'vehicle')
    insert.run(2, 4, JSON.stringify({ first_name: 'Ana' }), 'person')
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version)
    expect(db.prepare('SELECT document_input, document FROM rows ORDER BY seq').all()).toEqual([
      { document_input: 'national_id', document: '79123456' },
      { document_input: 'license_plate', document: 'ABC123' },
      { document_input: '', document: null }
    ])
  })
})
