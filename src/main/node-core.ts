// Builds a Core for plain Node (the browser host and the lote command), sharing the desktop app's data folder.
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { openCore, type Core, type CoreOptions } from './core'
import { launchBuiltInSandbox } from './connections/builtin-sandbox'
import { createLogger } from './log'
import { usePrivateUmask } from './store/private-files'

export const PRODUCT_NAME = 'Lote'

/** The folder Electron's `app.getPath('userData')` gives the desktop app, so both see the same data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LOTE_DATA_DIR) return isAbsolute(env.LOTE_DATA_DIR) ? env.LOTE_DATA_DIR : resolve(env.LOTE_DATA_DIR)
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return pkg.version
}

export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.LC_ALL || env.LC_MESSAGES || env.LANG
  if (fromEnv && fromEnv !== 'C' && !fromEnv.startsWith('C.')) return fromEnv.split('.')[0].replace('_', '-')
  return Intl.DateTimeFormat().resolvedOptions().locale
}

/** Opens the data folder for the browser host or a lote command: the store key comes from `env`
 * (LOTE_STORE_KEY), `storeKeyFile` or the keychain. */
export function createNodeCore(
  options: Partial<Omit<CoreOptions, 'storeKey'>> & {
    shell: CoreOptions['shell']
    logToConsole?: boolean
    storeKeyFile?: string
    env?: NodeJS.ProcessEnv
  }
): Promise<Core> {
  usePrivateUmask()
  const dataDir = options.dataDir ?? defaultDataDir(options.env)
  return openCore({
    version: appVersion(),
    systemLocale: systemLocale(),
    launchSandbox: launchBuiltInSandbox,
    logger: createLogger({ file: join(dataDir, 'logs', 'lote.log'), console: options.logToConsole }),
    ...options,
    dataDir
  })
}
