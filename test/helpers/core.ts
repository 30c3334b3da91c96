// A real Core on a temporary data folder, with the built-in Sandbox, for tests.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { Core } from '../../src/main/core'
import { launchBuiltInSandbox } from '../../src/main/connections/builtin-sandbox'
import { createLogger } from '../../src/main/log'
import { MemorySecretStore, type SecretStore } from '../../src/main/store/secrets'
import { createDispatcher } from '../../src/main/ipc/dispatch'
import { createHandlers } from '../../src/main/ipc/handlers'
import { makeTempDir } from './env'
import { testStoreKey } from './store-key'

export interface TestCore {
  core: Core
  dataDir: string
  logFile: string
  dispatch: ReturnType<typeof createDispatcher>
  dispose(): Promise<void>
}

export function createTestCore(
  options: { keychain?: SecretStore; dataDir?: string; clock?: () => Date } = {}
): TestCore {
  const dataDir = options.dataDir ?? makeTempDir()
  const logFile = join(dataDir, 'logs', 'lote.log')
  const logger = createLogger({ file: logFile, level: 'debug' })
  const core = new Core({
    dataDir,
    shell: 'browser',
    version: '0.0.0-test',
    systemLocale: 'es-CO',
    launchSandbox: launchBuiltInSandbox,
    keychain: options.keychain ?? new MemorySecretStore(),
    storeKey: testStoreKey(),
    clock: options.clock,
    logger
  })
  return {
    core,
    dataDir,
    logFile,
    dispatch: createDispatcher(createHandlers(core), logger),
    dispose: async () => {
      await core.close()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** The value of a dispatched call; throws with the error when the call failed. */
export async function value<T>(
  promise: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>
): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`)
  return result.value
}

/** Resolves when the next draft's file has been read to the end (subscribe before opening the draft). */
export function nextDraftReady(core: Core): Promise<void> {
  return new Promise<void>((resolve) => {
    const off = core.events.subscribe((name, payload) => {
      const status = payload as { read: { state: string } }
      if (name === 'drafts:status' && status.read.state === 'ready') {
        off()
        resolve()
      }
    })
  })
}
