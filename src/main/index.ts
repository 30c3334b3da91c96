// The Electron main process: app lifecycle and the window. Everything else lives in Core.
import { app, BrowserWindow, dialog, type WebFrameMain } from 'electron'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ElectronStore from 'electron-store'
import { openCore, type Core } from './core'
import { AppError } from '../shared/result'
import { createDispatcher } from './ipc/dispatch'
import { createHandlers } from './ipc/handlers'
import { createLogger } from './log'
import { launchBuiltInSandbox } from './connections/builtin-sandbox'
import { forwardEvents, registerIpc } from './electron/ipc'
import { utilityReaderLauncher } from './electron/reader-launcher'
import { SafeStorageSecretStore } from './electron/safe-storage'
import { electronNotifier } from './electron/notifications'
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
  async save(suggestedName, folder) {
    const parent = BrowserWindow.getFocusedWindow()
    const options = { defaultPath: join(folder ?? app.getPath('documents'), suggestedName) }
    const result = parent
      ? await dialog.showSaveDialog(parent, options)
      : await dialog.showSaveDialog(options)
    return result.canceled ? null : (result.filePath ?? null)
  }
}

/** Longest wait for running batches to stop at their next safe point when the app quits. */
const SHUTDOWN_GRACE_MS = 20_000

// The same LOTE_DATA_DIR the lote command reads, set before anything reads the folder or takes its lock.
if (process.env.LOTE_DATA_DIR) app.setPath('userData', resolve(process.env.LOTE_DATA_DIR))

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

/**
 * Opens the data folder. When its store key cannot be had (a folder copied from another computer, no keyring),
 * the analyst reads why in a plain dialog and the app quits; it never starts on an empty store.
 */
async function openStore(
  logger: ReturnType<typeof createLogger>,
  options: Parameters<typeof openCore>[0]
): Promise<Core> {
  try {
    return await openCore(options)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    logger.error('Could not open the data folder', error)
    dialog.showErrorBox('Lote cannot open its data', error.message)
    app.exit(1)
    throw error
  }
}

/** Quitting waits for running batches to stop cleanly; they stay `running` and resume on the next start. */
type Shutdown = { state: 'open' } | { state: 'stopping' } | { state: 'stopped' }

async function start(): Promise<void> {
  await app.whenReady()
  const dataDir = app.getPath('userData')
  const logger = createLogger({ file: join(dataDir, 'logs', 'lote.log'), console: !app.isPackaged })
  const core = await openStore(logger, {
    dataDir,
    shell: 'electron',
    version: app.getVersion(),
    systemLocale: app.getLocale(),
    launchSandbox: launchBuiltInSandbox,
    safeStorage: new SafeStorageSecretStore(dataDir),
    settingsFile: ({ cwd, name }) => new ElectronStore({ cwd, name }) as unknown as KeyValueFile,
    logger,
    dialogs,
    notifier: electronNotifier,
    // Built, import-worker.js sits beside index.js (electron.vite.config.ts); run from source (the shell tests),
    // the import finds its worker itself.
    importWorkerUrl: import.meta.url.endsWith('.ts')
      ? undefined
      : new URL('./import-worker.js', import.meta.url),
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

  let shutdown: Shutdown = { state: 'open' }
  app.on('before-quit', (event) => {
    if (shutdown.state === 'stopped') return
    // Electron would quit now; batches first stop at a safe point, so nothing paid for is left half-recorded.
    event.preventDefault()
    if (shutdown.state === 'stopping') return
    shutdown = { state: 'stopping' }
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>((done) => {
      timer = setTimeout(() => {
        logger.warn('Batches did not stop in time; quitting anyway (they resume on the next start)')
        done()
      }, SHUTDOWN_GRACE_MS)
    })
    void Promise.race([
      core.close().catch((error: unknown) => logger.error('Could not close cleanly', error)),
      grace
    ]).finally(() => {
      clearTimeout(timer)
      shutdown = { state: 'stopped' }
      app.quit()
    })
  })
}

/** The window of the app already running, brought to the front when Lote is started a second time. */
function focusExistingWindow(): void {
  const window = BrowserWindow.getAllWindows()[0]
  if (!window) {
    if (app.isReady()) createWindow()
    return
  }
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

// One desktop app per data folder (the lock lives in it): a second start hands over to the first and exits.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusExistingWindow)
  void start()
} else {
  app.quit()
}
