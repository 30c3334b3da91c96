// npm run bench:batch — 1,000 checks against the Sandbox (150 ms latency, 20 requests/s, checks finishing in
// a few seconds), (a) the naive way: create, then poll that check until final, one row after another (capped
// and extrapolated), (b) with Lote's direct engine and (c) with the Truora-batch engine, on the same rows.
// Last line: one JSON object with the figures.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { mkdtempSync } from 'node:fs'
import { BatchService } from '../src/main/batch/service'
import { Connections, SANDBOX_API_KEY } from '../src/main/connections/connections'
import { createLogger } from '../src/main/log'
import { startSandbox, type SandboxStats } from '../src/main/sandbox/server'
import { ResultsStore } from '../src/main/store/results/results-store'
import { StoreKey } from '../src/main/store/store-key'
import { MemorySecretStore } from '../src/main/store/secrets'
import { SettingsStore } from '../src/main/store/settings'
import { TruoraClient } from '../src/main/truora/client'
import { isFinalCheckStatus } from '../src/main/truora/types'
import type { EngineKind } from '../src/shared/batch'
import type { ColumnMapping, ImportedRow } from '../src/shared/sheets/types'

const ROWS = 1000
const RATE_LIMIT = 20
const LATENCY_MS = 150
/** Simulated seconds per real second: Sandbox checks take 4-28 simulated seconds, so 0.4-2.8 s here. */
const TIME_SCALE = 10
/** The naive loop polls like the guide's example script: once a second. */
const NAIVE_POLL_MS = 1000
const NAIVE_CAP_MS = Number(process.env.BENCH_NAIVE_CAP_MS ?? 60_000)

function rows(count: number, offset: number): ImportedRow[] {
  return Array.from({ length: count }, (_, i) => {
    // Ids ending 00-39: no Sandbox magic ending that delays a check for hours.
    const id = `${5000000 + offset + i}`.slice(0, -2) + String((offset + i) % 40).padStart(2, '0')
    return {
      row: i + 2,
      cells: { Cedula: id },
      inputs: { national_id: id },
      country: 'CO',
      type: 'person',
      issues: [],
      status: 'ok'
    }
  })
}

function apiRequests(stats: SandboxStats): number {
  return Object.entries(stats.requests)
    .filter(([endpoint]) => endpoint.includes(' /v1/'))
    .reduce((sum, [, count]) => sum + count, 0)
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: 0,
    latencyMs: LATENCY_MS,
    rateLimit: RATE_LIMIT,
    timeScale: TIME_SCALE,
    outageRate: 0,
    seed: 42
  })
  const dataDir = mkdtempSync(join(tmpdir(), 'lote-bench-'))
  try {
    // (a) The naive way, one row after another.
    const naive = new TruoraClient({
      checksBaseUrl: sandbox.url,
      batchBaseUrl: sandbox.url,
      apiKey: SANDBOX_API_KEY
    })
    const naiveRows = rows(ROWS, 100_000)
    const naiveStart = Date.now()
    let naiveDone = 0
    for (const row of naiveRows) {
      if (Date.now() - naiveStart > NAIVE_CAP_MS) break
      const created = await naive.createCheck({
        country: 'CO',
        type: 'person',
        inputs: row.inputs,
        forceCreation: true
      })
      let check = created
      while (!isFinalCheckStatus(check.status)) {
        await new Promise((resolve) => setTimeout(resolve, NAIVE_POLL_MS))
        check = await naive.getCheck(created.id)
      }
      for await (const page of naive.listDetails(created.id)) void page
      naiveDone++
    }
    const naivePerRow = (Date.now() - naiveStart) / 1000 / naiveDone
    const naiveSeconds = naivePerRow * ROWS
    console.log(
      `naive: ${naiveDone} rows in ${(naivePerRow * naiveDone).toFixed(1)} s, ${naivePerRow.toFixed(2)} s per row → ${naiveSeconds.toFixed(0)} s for ${ROWS}`
    )

    // (b) and (c): Lote's engines on the same rows, each on a fresh Sandbox state.
    const store = new ResultsStore(join(dataDir, 'lote.db'), StoreKey.generate())
    const logger = createLogger({ file: join(dataDir, 'lote.log') })
    const connections = new Connections({
      settings: new SettingsStore(dataDir),
      keychain: new MemorySecretStore(),
      launchSandbox: async () => sandbox,
      log: logger,
      shell: 'cli'
    })
    const { profileId } = await connections.pin({ sandboxUrl: sandbox.url })
    const service = new BatchService({ store, dataDir, logger, accounts: connections })
    const mapping: ColumnMapping = {
      headers: ['Cedula'],
      targets: ['national_id'],
      defaults: { country: 'CO', type: 'person' }
    }
    const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits
    const runEngine = async (engine: EngineKind) => {
      sandbox.reset()
      const batch = service.create(
        {
          mapping,
          name: `bench ${engine}`,
          engine,
          options: { concurrency: 8, requestsPerSecond: RATE_LIMIT, maxRequestsPerSecond: RATE_LIMIT }
        },
        rows(ROWS, 0)
      )
      service.authorize(batch.id, { profileId })
      const start = Date.now()
      await service.start(batch.id, { skipHealthCheck: true })
      const done = await service.whenIdle(batch.id)
      const seconds = (Date.now() - start) / 1000
      const stats = sandbox.stats()
      const requests = apiRequests(stats)
      if (done.counts.done !== ROWS)
        throw new Error(`The ${engine} engine finished ${done.counts.done} of ${ROWS} rows (${done.status}).`)
      console.log(
        `${engine}: ${ROWS} rows in ${seconds.toFixed(1)} s, ${requests} requests (${JSON.stringify(stats.requests)}), ${stats.throttled} answered 429, ${stats.duplicates} duplicates${done.remote?.found ? `, checks found by ${JSON.stringify(done.remote.found)}` : ''}`
      )
      // Details are fetched for the rows that need attention, by both engines alike (the default policy).
      const details = stats.requests['GET /v1/checks/{check_id}/details'] ?? 0
      return { seconds, requests, details, throttled: stats.throttled }
    }
    const direct = await runEngine('direct')
    const truoraBatch = await runEngine('truora-batch')
    await service.close()
    store.close()
    console.log(
      JSON.stringify({
        rows: ROWS,
        naive_s: round(naiveSeconds, 1),
        lote_s: round(direct.seconds, 1),
        speedup: round(naiveSeconds / direct.seconds, 1),
        requests_per_check: round(direct.requests / ROWS),
        rate_utilisation: round(direct.requests / direct.seconds / RATE_LIMIT),
        throttled: direct.throttled,
        truora_batch_s: round(truoraBatch.seconds, 1),
        truora_batch_requests_per_check: round(truoraBatch.requests / ROWS, 3),
        truora_batch_requests_per_check_before_details: round(
          (truoraBatch.requests - truoraBatch.details) / ROWS,
          3
        ),
        truora_batch_throttled: truoraBatch.throttled
      })
    )
  } finally {
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
