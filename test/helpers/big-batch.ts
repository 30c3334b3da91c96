// A large batch of synthetic people and their checks, for the results store's tests and its benchmark: every
// tenth person has a criminal record found (high risk), every fiftieth check ended in error.
import type { ResultsStore } from '../../src/main/store/results/results-store'
import { parseCheck } from '../../src/main/truora/parse'
import { DEFAULT_BATCH_OPTIONS } from '../../src/shared/batch'
import type { ImportedRow } from '../../src/shared/sheets/types'

const NAMES = ['Peña', 'García', 'Muñoz', 'López']

export function bigBatchCheck(batchId: string, n: number): ReturnType<typeof parseCheck> {
  const found = n % 10 === 0
  return parseCheck({
    check: {
      check_id: `CHK${String(n).padStart(32, '0')}`,
      country: 'CO',
      type: 'person',
      status: n % 50 === 0 ? 'error' : 'completed',
      score: found ? 0.2 : 0.8 + (n % 20) / 100,
      id_score: 1,
      name_score: 1,
      creation_date: '2026-01-01T00:00:00Z',
      update_date: '2026-01-01T00:00:20Z',
      custom_input: `lote:${batchId}:${n + 1}`,
      scores: [
        {
          data_set: 'criminal_record',
          result: found ? 'found' : 'not_found',
          score: found ? 0 : 1,
          severity: found ? 'high' : 'none',
          by_id: { result: found ? 'found' : 'not_found' }
        },
        { data_set: 'personal_identity', result: 'found', score: 1, severity: 'none' }
      ]
    }
  })
}

/** Creates the batch record and adds `rows` imported rows (names and Colombian documents). */
export function importBigBatch(store: ResultsStore, batchId: string, rows: number): void {
  store.batches.create({
    id: batchId,
    name: batchId,
    fileName: 'big.xlsx',
    sheet: 'Hoja1',
    mapping: {
      headers: ['Nombre', 'Cédula'],
      targets: ['first_name', 'national_id'],
      defaults: { country: 'CO', type: 'person' }
    },
    country: 'CO',
    type: 'person',
    engine: 'direct',
    profileId: 'sandbox',
    options: DEFAULT_BATCH_OPTIONS
  })
  const imported: ImportedRow[] = Array.from({ length: rows }, (_, n) => ({
    row: n + 2,
    cells: { Nombre: NAMES[n % 4], Cédula: String(10_000_000 + n) },
    inputs: { first_name: NAMES[n % 4], national_id: String(10_000_000 + n) },
    country: 'CO',
    type: 'person',
    issues: [],
    status: 'ok'
  }))
  for (let i = 0; i < rows; i += 5000) store.drafts.add(batchId, imported.slice(i, i + 5000))
}

/** Records row `n`'s check as an engine does: creating, created, done. */
export function recordBigBatchCheck(store: ResultsStore, batchId: string, n: number): void {
  const check = bigBatchCheck(batchId, n)
  store.ledger.markCreating(batchId, n, `lote:${batchId}:${n + 1}`)
  store.ledger.recordCreated(batchId, n, check, null)
  store.ledger.markDone(check.id)
}
