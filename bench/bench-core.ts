// The Core the benchmarks drive: the browser host's, with the built-in Sandbox, keys in memory and a log that
// keeps only warnings, on a data folder of the benchmark's own, with its dispatch (what the app calls).
import { join } from 'node:path'
import { Core } from '../src/main/core'
import { launchBuiltInSandbox } from '../src/main/connections/builtin-sandbox'
import { createLogger } from '../src/main/log'
import { createDispatcher } from '../src/main/ipc/dispatch'
import { createHandlers } from '../src/main/ipc/handlers'
import { MemorySecretStore } from '../src/main/store/secrets'
import type { StoreKey } from '../src/main/store/store-key'

export function benchCore(dataDir: string, storeKey: StoreKey) {
  const logger = createLogger({ file: join(dataDir, 'logs', 'lote.log'), level: 'warn' })
  const core = new Core({
    dataDir,
    shell: 'browser',
    version: 'bench',
    systemLocale: 'es-CO',
    launchSandbox: launchBuiltInSandbox,
    keychain: new MemorySecretStore(),
    storeKey,
    logger
  })
  return { core, dispatch: createDispatcher(createHandlers(core), logger) }
}
