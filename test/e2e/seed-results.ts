// Fills a data folder with one finished batch of synthetic results, written straight into the results store,
// so the results grid can be tested at sizes no Sandbox run would reach quickly.
// Usage: node --import tsx test/e2e/seed-results.ts <dataDir> <rows> [batchId]
import { ResultsStore } from '../../src/main/store/results/results-store'
import { DEFAULT_BATCH_OPTIONS } from '../../src/shared/batch'
import type { Check } from '../../src/main/truora/types'
import type { ImportedRow } from '../../src/shared/sheets/types'
import { testStoreKey } from '../helpers/store-key'

const LAST_NAMES = ['Gómez', 'Pérez', 'Rodríguez', 'Martínez', 'Castaño', 'Restrepo', 'Peña', 'Álvarez']
const DATASETS = ['personal_identity', 'criminal_record', 'legal_background', 'international_background']

export function seedResults(dataDir: string, count: number, batchId = 'b-seeded-100k'): string {
  const store = ResultsStore.inDataDir(dataDir, testStoreKey())
  // One file written once by this script: durability per row is not needed here.
  store.db.connection.pragma('synchronous = OFF')
  const headers = ['Cédula', 'Nombres', 'Apellidos', 'Área']
  store.batches.create({
    id: batchId,
    name: `Nómina ${count}`,
    fileName: 'nomina.xlsx',
    sheet: 'Personal',
    mapping: {
      headers,
      targets: ['national_id', 'first_name', 'last_name', null],
      defaults: { country: 'CO', type: 'person' }
    },
    country: 'CO',
    type: 'person',
    engine: 'direct',
    profileId: 'sandbox',
    options: DEFAULT_BATCH_OPTIONS
  })
  const rows: ImportedRow[] = []
  for (let i = 0; i < count; i++) {
    const id = String(10_000_000 + i)
    const first = `Persona ${i + 1}`
    const last = LAST_NAMES[i % LAST_NAMES.length]
    rows.push({
      row: i + 2,
      cells: { Cédula: Number(id), Nombres: first, Apellidos: last, Área: `Área ${i % 7}` },
      inputs: { national_id: id, first_name: first, last_name: last },
      country: 'CO',
      type: 'person',
      issues: [],
      status: 'ok'
    })
  }
  store.drafts.add(batchId, rows)
  const at = new Date().toISOString()
  store.db.transaction(() => {
    rows.forEach((row, seq) => {
      // Check ids are unique across batches: each seeded batch gets its own.
      const checkId =
        batchId === 'b-seeded-100k' ? `CHKseed${seq}` : `CHKseed${batchId.replace(/\W/g, '')}${seq}`
      const score = ((seq * 37) % 101) / 100
      const criminal = seq % 13 === 0
      const scores = DATASETS.map((dataSet) => {
        const found = dataSet === 'personal_identity' || (criminal && dataSet === 'criminal_record')
        const detail = {
          result: found ? 'found' : 'not_found',
          severity: criminal && dataSet === 'criminal_record' ? 'high' : 'none',
          score: found && dataSet !== 'personal_identity' ? 0 : 1
        }
        return { dataSet, ...detail, byId: detail, byName: detail }
      })
      const check: Check = {
        id: checkId,
        country: 'CO',
        type: 'person',
        status: 'completed',
        score,
        idScore: score,
        nameScore: 1,
        scores,
        statuses: [],
        summary: null,
        creationDate: at,
        updateDate: at,
        customInput: null,
        reportId: null,
        previousCheck: null,
        billingHub: null,
        detailsPath: null,
        selfPath: null,
        inputs: row.inputs as Record<string, string>,
        raw: {
          check_id: checkId,
          status: 'completed',
          score,
          statuses: DATASETS.map((data_set) => ({
            database_name: `Base ${data_set}`,
            data_set,
            status: 'completed'
          }))
        }
      }
      store.ledger.recordCreated(batchId, seq, check, null)
      store.ledger.markDone(checkId)
    })
  })
  store.batches.setStatus(batchId, 'completed', null, { started: true, finished: true })
  store.close()
  return batchId
}

if (process.argv[1]?.endsWith('seed-results.ts')) {
  const [dataDir, rows, batchId] = process.argv.slice(2)
  const started = Date.now()
  const id = seedResults(dataDir, Number(rows ?? 100_000), batchId)
  console.log(`${id}: ${rows} rows in ${Date.now() - started} ms`)
}
