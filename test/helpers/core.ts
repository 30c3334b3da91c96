// A real Core on a temporary data folder, with the built-in Sandbox, for tests.
import { rmSync, writeFileSync } from 'node:fs'
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

/** Resolves when the batch's job sends its `finished` event (subscribe before starting it). */
export function whenFinished(env: TestCore, batchId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = env.core.events.subscribe((name, payload) => {
      const event = payload as { batchId: string; type: string }
      if (name === 'batch:event' && event.batchId === batchId && event.type === 'finished') {
        off()
        resolve()
      }
    })
  })
}

/**
 * A draft of Colombian people ("Persona 0", "Persona 1"… with these cédulas) from a csv written in the data
 * folder, read to the end.
 */
export async function draftOfCedulas(env: TestCore, name: string, cedulas: string[]): Promise<string> {
  const file = join(env.dataDir, `${name}.csv`)
  writeFileSync(file, ['Nombre,Cedula', ...cedulas.map((id, i) => `Persona ${i},${id}`)].join('\n'))
  const batchId = await openDraftOf(env, env.core.files.registerPath(file).fileId, [
    'first_name',
    'national_id'
  ])
  await env.core.app.drafts.whenRead(batchId)
  return batchId
}

/**
 * Inspects a file Lote knows and opens a draft of its first sheet for Colombian people with these targets for
 * its columns, through the app's dispatch; the read goes on in the background.
 */
export async function openDraftOf(
  env: TestCore,
  fileId: string,
  targets: (string | null)[],
  headerRow?: number
): Promise<string> {
  const workbook = await value(env.dispatch('import:inspect', { fileId, headerRow }))
  const sheet = (workbook as { sheets: { name: string; headers: string[] }[] }).sheets[0]
  const { batchId } = (await value(
    env.dispatch('drafts:open', {
      fileId,
      sheet: sheet.name,
      headerRow,
      mapping: { headers: sheet.headers, targets, defaults: { country: 'CO', type: 'person' } }
    })
  )) as { batchId: string }
  return batchId
}
