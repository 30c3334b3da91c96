// A batch service on a temporary data folder against a real Sandbox over HTTP, for the batch and export tests.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { createLogger } from '../../../src/main/log'
import { Connections, type ClientTuning, type Connection } from '../../../src/main/connections/connections'
import { MemorySecretStore } from '../../../src/main/store/secrets'
import { SettingsStore } from '../../../src/main/store/settings'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/main/sandbox/server'
import { BatchService, type BatchServiceOptions } from '../../../src/main/batch/service'
import type { BatchEvent, BatchSummary, NewBatch } from '../../../src/shared/batch'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import type { CellValue, ColumnMapping, ImportedRow } from '../../../src/shared/sheets/types'
import { makeTempDir } from '../../helpers/env'
import { testStoreKey } from '../../helpers/store-key'

export interface Harness {
  sandbox: RunningSandbox
  store: ResultsStore
  service: BatchService
  dataDir: string
  events: BatchEvent[]
  connection: Connection
  /** Where the service gets its clients: pin another address to send the batch elsewhere. */
  connections: Connections
  /** Creates, authorises and starts a batch of these rows; resolves when its job ends. */
  run(rows: ImportedRow[], batch?: Partial<NewBatch>): Promise<BatchSummary>
  dispose(): Promise<void>
}

export const PERSON_HEADERS = ['Nombre', 'Apellido', 'Cédula']

export const personMapping: ColumnMapping = {
  headers: PERSON_HEADERS,
  targets: ['first_name', 'last_name', 'national_id'],
  defaults: { country: 'CO', type: 'person' }
}

const FIRST = ['Ana', 'Luis', 'María José', 'Andrés', 'Lucía', 'Jorge']
const LAST = ['Peña', 'García', 'Muñoz', 'López', 'Díaz', 'Rojas']

/**
 * Valid Colombian person rows with distinct ids. Ids end in 00..39 so no check lands on the Sandbox's
 * `delayed` magic ending (44), which takes hours of simulated time; every 10th row ends in 11 (a record).
 */
export function personRows(count: number, start = 0): ImportedRow[] {
  return Array.from({ length: count }, (_, index) => {
    const n = start + index
    const ending = n % 10 === 3 ? 11 : n % 40
    const id = `${1000 + n}${String(ending).padStart(2, '0')}`
    return personRow(n + 2, [FIRST[n % FIRST.length], LAST[n % LAST.length]], id, { Cédula: Number(id) })
  })
}

/**
 * A valid Colombian person row as the import makes it, on sheet row `row`: name, surname and cédula in the
 * `PERSON_HEADERS` columns, then any `cells` added (or written otherwise, e.g. the cédula as a number).
 */
export function personRow(
  row: number,
  [first, last]: readonly [string, string],
  id: string,
  cells: Record<string, CellValue> = {}
): ImportedRow {
  return {
    row,
    cells: { Nombre: first, Apellido: last, Cédula: id, ...cells },
    inputs: { first_name: first, last_name: last, national_id: id },
    country: 'CO',
    type: 'person',
    issues: [],
    status: 'ok'
  }
}

export async function createHarness(
  sandboxOptions: SandboxOptions = {},
  { clientTuning, ...serviceOptions }: Partial<BatchServiceOptions> & { clientTuning?: ClientTuning } = {}
): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, timeScale: 2000, seed: 7, outageRate: 0, ...sandboxOptions })
  const dataDir = makeTempDir('lote-batch-')
  const store = new ResultsStore(join(dataDir, 'lote.db'), testStoreKey())
  const events: BatchEvent[] = []
  const logger = createLogger({ file: join(dataDir, 'logs', 'lote.log'), level: 'debug' })
  const connections = new Connections({
    settings: new SettingsStore(dataDir),
    keychain: new MemorySecretStore(),
    launchSandbox: async () => sandbox,
    log: logger,
    shell: 'cli',
    clientTuning: { retryBaseMs: 20, retryMaxMs: 200, timeoutMs: 5_000, ...clientTuning }
  })
  // Every batch, whatever profile it names, runs on this test's Sandbox.
  const connection: Connection = await connections.pin({ sandboxUrl: sandbox.url })
  const service = new BatchService({
    store,
    dataDir,
    logger,
    accounts: connections,
    onEvent: (event) => events.push(event),
    pollSchedule: { initialMs: 50, minMs: 20 },
    progressIntervalMs: 50,
    remotePollMs: 50,
    ...serviceOptions
  })
  return {
    sandbox,
    store,
    service,
    dataDir,
    events,
    connection,
    connections,
    async run(rows, batch = {}) {
      const created = service.create({ mapping: personMapping, fileName: 'personas.xlsx', ...batch }, rows)
      service.authorize(created.id, { profileId: 'sandbox' })
      await service.start(created.id)
      return service.whenIdle(created.id)
    },
    async dispose() {
      await service.close()
      store.close()
      await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
