// Starts the real desktop main process (src/main/index.ts) and its preload against the stand-in Electron, the
// way Electron would: a process, its window, the page's `window.api`.
import { vi } from 'vitest'
import type { BridgeEvent, LoteBridge } from '../../src/shared/bridge'
import { makeTempDir } from '../helpers/env'
import {
  currentProcess,
  machine,
  type ElectronProcess,
  type FakeBrowserWindow,
  type FakeRenderer,
  type ProcessConfig
} from './fake-electron'

export interface DesktopApp {
  process: ElectronProcess
  window: FakeBrowserWindow
  renderer: FakeRenderer
  /** What the page sees as `window.api`. */
  api: LoteBridge
  dataDir: string
  /** Every event the page received through `api.onEvent`, in order. */
  events: BridgeEvent[]
  /** The analyst quits (Ctrl+Q, or the last window closed); resolves with the exit code. */
  quit(): Promise<number>
}

/** Loads the main process as a new Electron process, with fresh modules (and so a fresh `electron`). */
export async function startMainProcess(
  dataDir: string,
  config: Partial<ProcessConfig> = {}
): Promise<ElectronProcess> {
  Object.assign(machine().next, { encryption: 'available', locale: 'es-CO' }, config)
  process.env.LOTE_DATA_DIR = dataDir
  vi.resetModules()
  vi.doMock('electron', () => import('./fake-electron').then((m) => m.startElectronProcess()))
  await import('../../src/main/index')
  return currentProcess()
}

export async function launchDesktopApp(
  options: { dataDir?: string; config?: Partial<ProcessConfig> } = {}
): Promise<DesktopApp> {
  const dataDir = options.dataDir ?? makeTempDir('lote-desktop-')
  const electron = await startMainProcess(dataDir, options.config)
  const window = await vi.waitFor(
    () => {
      const created = electron.windows[0]
      if (!created?.webContents.getURL().startsWith('file:')) throw new Error('the window has not loaded')
      return created
    },
    { timeout: 20_000, interval: 20 }
  )
  const renderer = await electron.runPreload(window, () => import('../../src/preload/index'))
  const api = renderer.mainWorld.api as LoteBridge
  const events: BridgeEvent[] = []
  api.onEvent((event) => events.push(event))
  return {
    process: electron,
    window,
    renderer,
    api,
    dataDir,
    events,
    quit: () => {
      electron.app.quit()
      return electron.whenExited()
    }
  }
}

/** Waits for a state, polling: no fixed sleeps. */
export function waitFor<T>(check: () => T | Promise<T>, timeout = 20_000): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 25 })
}
