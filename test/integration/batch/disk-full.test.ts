// A full disk pauses a running batch with a clear message — it does not fail it, and nothing crashes — and the
// batch continues by itself once there is space again, with every row checked exactly once. The data folder
// is on a real tmpfs of a few megabytes that the test fills up.
import { afterAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { Connections } from '../../../src/main/connections/connections'
import { MemorySecretStore } from '../../../src/main/store/secrets'
import { SettingsStore } from '../../../src/main/store/settings'
import { createLogger } from '../../../src/main/log'
import { BatchService } from '../../../src/main/batch/service'
import type { BatchEvent } from '../../../src/shared/batch'
import { startSandbox } from '../../../src/main/sandbox/server'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { mountSmallDisk } from '../../helpers/small-disk'
import { personMapping, personRows } from './harness'
import { waitUntil } from '../../helpers/wait'
import { testStoreKey } from '../../helpers/store-key'

const disk = mountSmallDisk(24)
afterAll(() => disk?.unmount())

describe('a full disk', () => {
  it.skipIf(!disk)(
    'pauses the batch, says so, and it continues by itself when there is space again (real tmpfs)',
    async () => {
      const sandbox = await startSandbox({ port: 0, timeScale: 2000, seed: 5, outageRate: 0, latencyMs: 20 })
      const dataDir = join(disk!.dir, 'data')
      const store = new ResultsStore(join(dataDir, 'lote.db'), testStoreKey())
      const events: BatchEvent[] = []
      const logger = createLogger({ file: join(dataDir, 'logs', 'lote.log') })
      const connections = new Connections({
        settings: new SettingsStore(dataDir),
        keychain: new MemorySecretStore(),
        launchSandbox: async () => sandbox,
        log: logger,
        shell: 'cli',
        clientTuning: { retryBaseMs: 20, retryMaxMs: 200, timeoutMs: 5_000 }
      })
      await connections.pin({ sandboxUrl: sandbox.url })
      const service = new BatchService({
        store,
        dataDir,
        logger,
        accounts: connections,
        onEvent: (event) => events.push(event),
        pollSchedule: { initialMs: 50, minMs: 20 },
        storageRetryMs: 100
      })
      try {
        const created = service.create({ mapping: personMapping, fileName: 'personas.xlsx' }, personRows(120))
        service.authorize(created.id, { profileId: 'sandbox' })
        await service.start(created.id, { skipHealthCheck: true })
        await waitUntil(() => sandbox.stats().checksCreated >= 10)

        const filler = disk!.fill()
        await waitUntil(() => service.get(created.id).status === 'paused')
        const paused = service.get(created.id)
        expect(paused.statusMessage).toMatch(/disk holding Lote’s data is full.*continues by itself/)
        expect(events).toContainEqual(expect.objectContaining({ type: 'warning', code: 'storage' }))
        expect(service.isRunning(created.id)).toBe(true)
        // While paused, nothing more is created.
        const createdWhilePaused = sandbox.stats().checksCreated
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(sandbox.stats().checksCreated).toBe(createdWhilePaused)

        disk!.free(filler)
        const done = await service.whenIdle(created.id)
        expect(done.status).toBe('completed')
        expect(done.counts.done).toBe(120)
        expect(sandbox.stats()).toMatchObject({ checksCreated: 120, duplicates: 0 })
        expect(
          events.filter((e) => e.type === 'finished').map((e) => e.type === 'finished' && e.status)
        ).toEqual(['completed'])
      } finally {
        await service.close()
        store.close()
        await sandbox.close()
      }
    }
  )
})
