// The Electron main process: app lifecycle and the window. Everything else lives in Core.
import { app, BrowserWindow, dialog, type WebFrameMain } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ElectronStore from 'electron-store'
import { Core } from './core'
import { createDispatcher } from './ipc/dispatch'
import { createHandlers } from './ipc/handlers'
import { createLogger } from './log'
import { launchBuiltInSandbox } from './builtin-sandbox'
import { forwardEvents, registerIpc } from './electron/ipc'
import { utilityReaderLauncher } from './electron/reader-launcher'
import { SafeStorageSecretStore } from './electron/safe-storage'
import { hardenSession, hardenWebContents } from './electron/security'
import type { KeyValueFile } from './store/settings'
import type { Dialogs } from './core'

const SPREADSHEETS = [{ name: 'Spreadsheets', extensions: ['xlsx', 'csv'] }]

const dialogs: Dialogs = {
  async open() {
    const parent = BrowserWindow.getFocusedWindow()
    const options = { properties: ['openFile' as const], filters: SPREADSHEETS }
    const result = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async save(suggestedName) {
    const parent = BrowserWindow.getFocusedWindow()
    const options = { defaultPath: join(app.getPath('documents'), suggestedName) }
    const result = parent
      ? await dialog.showSaveDialog(parent, options)
      : await dialog.showSaveDialog(options)
    return result.canceled ? null : (result.filePath ?? null)
  }
}

const rendererDevUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const rendererFile = join(import.meta.dirname, '../renderer/index.html')

function isAppUrl(url: string): boolean {
  if (rendererDevUrl) return url.startsWith(rendererDevUrl)
  return url.split('#')[0] === pathToFileURL(rendererFile).href
}

function isTrustedFrame(frame: WebFrameMain | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url)
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Lote',
    backgroundColor: '#f6f7f9',
    icon: join(import.meta.dirname, '../../resources/icon.png'),
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())
  if (rendererDevUrl) void window.loadURL(rendererDevUrl)
  else void window.loadFile(rendererFile)
  return window
}

async function start(): Promise<void> {
  await app.whenReady()
  const dataDir = app.getPath('userData')
  const logger = createLogger({ file: join(dataDir, 'logs', 'lote.log'), console: !app.isPackaged })
  const core = new Core({
    dataDir,
    shell: 'electron',
    version: app.getVersion(),
    systemLocale: app.getLocale(),
    launchSandbox: launchBuiltInSandbox,
    safeStorage: new SafeStorageSecretStore(dataDir),
    settingsFile: ({ cwd, name }) => new ElectronStore({ cwd, name }) as unknown as KeyValueFile,
    logger,
    dialogs,
    // index.js and import-worker.js are built side by side (electron.vite.config.ts).
    importWorkerUrl: new URL('./import-worker.js', import.meta.url),
    readerLauncher: utilityReaderLauncher,
    samplesDir: app.isPackaged
      ? join(process.resourcesPath, 'samples')
      : join(import.meta.dirname, '../../resources/samples')
  })
  hardenSession()
  hardenWebContents(isAppUrl)
  registerIpc(createDispatcher(createHandlers(core), logger), isTrustedFrame)
  forwardEvents(core.events, () => BrowserWindow.getAllWindows())
  createWindow()
  void core
    .startBackground()
    .catch((error: unknown) => logger.error('Could not resume unfinished batches', error))

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', () => void core.close())
}

void start()
