// A batch continues only against the connection it was started with. One started on a Sandbox given by its
// address is resumed there by the app (never on the app's own Sandbox); while that Sandbox does not answer,
// the batch waits and says so, and it finishes when the Sandbox is back — every row checked exactly once.
import { afterEach, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { BatchService } from '../../../src/main/batch/service'
import { Connections } from '../../../src/main/connections/connections'
import { createLogger } from '../../../src/main/log'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { MemorySecretStore } from '../../../src/main/store/secrets'
import { SettingsStore } from '../../../src/main/store/settings'
import { makeTempDir } from '../../helpers/env'
import { startTruoraProxy, type TruoraProxy } from '../../helpers/truora-proxy'
import { personMapping, personRows } from './harness'
import { waitUntil } from '../../helpers/wait'
import { testStoreKey } from '../../helpers/store-key'

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

/** A batch service as the app builds it: not pinned to any connection, with a built-in Sandbox of its own. */
function appService(dataDir: string, builtIn: () => Promise<RunningSandbox>) {
  const store = new ResultsStore(join(dataDir, 'lote.db'), testStoreKey())
  const logger = createLogger({ file: join(dataDir, 'logs', 'lote.log'), level: 'debug' })
  const connections = new Connections({
    settings: new SettingsStore(dataDir),
    keychain: new MemorySecretStore(),
    launchSandbox: builtIn,
    log: logger,
    shell: 'browser',
    clientTuning: { retryBaseMs: 10, retryMaxMs: 50, maxRetries: 1, timeoutMs: 5_000 }
  })
  const service = new BatchService({
    store,
    dataDir,
    logger,
    accounts: connections,
    pollSchedule: { initialMs: 50, minMs: 20 },
    connectionRetryMs: 100,
    adoptOrphans: true
  })
  cleanup.push(async () => {
    await service.close()
    store.close()
  })
  return { store, service }
}

describe('the connection a batch was started with', () => {
  it('is where it resumes; while it is gone the batch waits and says so, and it finishes when it is back', async () => {
    const sandbox = await startSandbox({ port: 0, timeScale: 2000, seed: 9, outageRate: 0, latencyMs: 20 })
    cleanup.push(() => sandbox.close())
    let proxy: TruoraProxy = await startTruoraProxy(sandbox.url)
    const port = Number(new URL(proxy.url).port)
    const dataDir = makeTempDir('lote-connection-')
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    let builtInAsked = 0
    const builtIn = async (): Promise<RunningSandbox> => {
      builtInAsked++
      throw new Error('the app’s own Sandbox must not be used for this batch')
    }

    // Started on the Sandbox at the proxy's address (as `lote run --sandbox-url` does), then the process stops.
    const first = appService(dataDir, builtIn)
    const created = first.service.create(
      { mapping: personMapping, fileName: 'personas.xlsx', options: { endpoint: proxy.url } },
      personRows(40)
    )
    first.service.authorize(created.id, { profileId: 'sandbox' })
    await first.service.start(created.id, { skipHealthCheck: true })
    await waitUntil(() => sandbox.stats().checksCreated >= 8)
    await first.service.close()
    await proxy.close()

    // The app opens while that Sandbox is gone: the batch waits, paused, saying where its checks are.
    const second = appService(dataDir, builtIn)
    await second.service.resumeUnfinished()
    await waitUntil(() => second.service.get(created.id).status === 'paused')
    expect(second.service.get(created.id).statusMessage).toMatch(
      new RegExp(`Sandbox this batch ran on \\(http://127\\.0\\.0\\.1:${port}\\) is not answering.*waits`)
    )
    const createdWhileGone = sandbox.stats().checksCreated

    // The Sandbox answers again at the same address: the batch continues there and finishes.
    proxy = await startTruoraProxy(sandbox.url, { port })
    cleanup.push(() => proxy.close())
    const done = await second.service.whenIdle(created.id)
    expect(done.status).toBe('completed')
    expect(done.counts.done).toBe(40)
    expect(createdWhileGone).toBeLessThan(40)
    expect(sandbox.stats()).toMatchObject({ checksCreated: 40, duplicates: 0 })
    expect(builtInAsked).toBe(0)
  })

  it('a lote command pinned to another place refuses the batch instead of creating its checks again', async () => {
    const sandbox = await startSandbox({ port: 0, timeScale: 2000, seed: 9, outageRate: 0 })
    cleanup.push(() => sandbox.close())
    const dataDir = makeTempDir('lote-connection-')
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const { store, service } = appService(dataDir, async () => sandbox)
    const created = service.create(
      { mapping: personMapping, options: { endpoint: 'http://127.0.0.1:9/' } },
      personRows(3)
    )
    service.authorize(created.id, { profileId: 'sandbox' })
    const connections = new Connections({
      settings: new SettingsStore(dataDir),
      keychain: new MemorySecretStore(),
      launchSandbox: async () => sandbox,
      log: createLogger({}),
      shell: 'cli'
    })
    await connections.pin({ sandboxUrl: sandbox.url })
    await expect(
      connections.connectionForBatch({
        profileId: 'sandbox',
        endpoint: store.batches.get(created.id).options.endpoint
      })
    ).rejects.toThrow(/ran on the Sandbox at http:\/\/127\.0\.0\.1:9; it continues only there/)
    expect(sandbox.stats().checksCreated).toBe(0)
  })
})
