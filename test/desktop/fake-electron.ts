// A stand-in for the `electron` module, faithful to what Lote's main process and preload use, so the real
// src/main/index.ts and src/preload/index.ts run under plain Node. It records what they ask of Electron (window
// options, IPC registrations, session and webContents handlers, bridge exposures, app events) and lets a test
// play the parts Electron and Chromium play: the page calling over IPC, a navigation, a permission request, a
// response's headers, a system notification clicked, a second start of the app, the analyst quitting.
//
// Each load of the module (vi.mock's factory) is one Electron process. Processes share one machine: the
// single-instance locks and the safeStorage key, as on a real computer.
import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import type { Readable } from 'node:stream'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

// ---- The machine: what outlives one process ----------------------------------------------------------------

interface Machine {
  processes: ElectronProcess[]
  /** userData folder -> the process holding its single-instance lock. */
  locks: Map<string, ElectronProcess>
  /** The key safeStorage derives from the OS keyring. */
  safeStorageKey: Buffer
  /** What the next process is configured with. */
  next: ProcessConfig
}

export interface ProcessConfig {
  /** app.getPath('userData') before any setPath (Electron's default, ~/.config/Lote). */
  userData?: string
  /** What safeStorage finds on this desktop. */
  encryption: 'available' | 'unavailable' | 'basic_text'
  locale: string
  argv: string[]
}

const MACHINE = Symbol.for('lote.test.fake-electron.machine')
type GlobalWithMachine = typeof globalThis & { [MACHINE]?: Machine }

/** The machine, kept on globalThis so it survives vi.resetModules() between two "processes". */
export function machine(): Machine {
  const g = globalThis as GlobalWithMachine
  g[MACHINE] ??= {
    processes: [],
    locks: new Map(),
    safeStorageKey: randomBytes(32),
    next: { encryption: 'available', locale: 'es-CO', argv: ['electron', '.'] }
  }
  return g[MACHINE]
}

/** The process started last. */
export function currentProcess(): ElectronProcess {
  const processes = machine().processes
  const last = processes[processes.length - 1]
  if (!last) throw new Error('No Electron process has started: import src/main/index.ts first.')
  return last
}

// ---- Events ------------------------------------------------------------------------------------------------

/** Electron's Event: handlers call preventDefault() to stop what would happen next. */
export class PreventableEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

// ---- Frames and webContents --------------------------------------------------------------------------------

export interface FakeFrame {
  url: string
  origin: string
  parent: FakeFrame | null
  top: FakeFrame | null
  frameTreeNodeId: number
  routingId: number
  processId: number
  isDestroyed(): boolean
}

let nextId = 1

export function frame(url: string, parent: FakeFrame | null = null): FakeFrame {
  const created: FakeFrame = {
    url,
    origin: url.startsWith('file:') ? 'file://' : new URL(url).origin,
    parent,
    top: null,
    frameTreeNodeId: nextId++,
    routingId: nextId++,
    processId: 1,
    isDestroyed: () => false
  }
  created.top = parent?.top ?? created
  return created
}

type WindowOpenHandler = (details: {
  url: string
  frameName: string
  features: string
  disposition: string
  referrer: { url: string; policy: string }
}) => { action: 'allow' | 'deny' }

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++
  url = ''
  mainFrame: FakeFrame = frame('about:blank')
  destroyed = false
  windowOpenHandler: WindowOpenHandler | undefined
  /** Every message the main process sent to this page, in order. */
  readonly sent: { channel: string; args: unknown[] }[] = []
  /** The page's side: what the preload listens to (set when a preload runs in this page). */
  renderer: FakeRenderer | undefined

  constructor(
    readonly owner: ElectronProcess,
    readonly webPreferences: Record<string, unknown>
  ) {
    super()
  }

  get session(): FakeSession {
    return this.owner.session.defaultSession
  }

  getURL(): string {
    return this.url
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }

  /** Main -> renderer. Arguments cross by structured clone, as over real IPC; delivery is asynchronous. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    const cloned = structuredClone(args)
    this.sent.push({ channel, args: cloned })
    setImmediate(() => this.renderer?.deliver(channel, cloned))
  }

  /** Loads a page, as a navigation the main process started (no will-navigate, as in Electron). */
  load(url: string): void {
    this.url = url
    this.mainFrame = frame(url)
    setImmediate(() => {
      this.emit('did-finish-load')
    })
  }

  // -- What the page or Chromium does --

  /** The page navigates itself (a link, a form, location.href): returns whether it was let through. */
  navigate(url: string): boolean {
    const event = Object.assign(new PreventableEvent(), { url, isMainFrame: true, frame: this.mainFrame })
    this.emit('will-navigate', event, url)
    if (!event.defaultPrevented) this.load(url)
    return !event.defaultPrevented
  }

  /** A server redirects the page's navigation: returns whether it was let through. */
  redirect(url: string): boolean {
    const event = Object.assign(new PreventableEvent(), { url, isMainFrame: true, frame: this.mainFrame })
    this.emit('will-redirect', event, url)
    return !event.defaultPrevented
  }

  /** The page asks for a new window (window.open, target=_blank): Electron's answer comes from the handler. */
  openWindow(url: string): 'allow' | 'deny' {
    const answer = this.windowOpenHandler?.({
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: this.url, policy: 'strict-origin-when-cross-origin' }
    }) ?? { action: 'allow' }
    if (answer.action === 'allow') new this.owner.BrowserWindow({}).loadURL(url)
    return answer.action
  }

  /** The page adds a <webview>: returns whether it was let through. */
  attachWebview(src: string): boolean {
    const event = new PreventableEvent()
    this.emit('will-attach-webview', event, { nodeIntegration: false }, { src })
    return !event.defaultPrevented
  }

  destroy(): void {
    this.destroyed = true
    this.emit('destroyed')
  }
}

// ---- Windows -------------------------------------------------------------------------------------------------

export class FakeBrowserWindow extends EventEmitter {
  readonly id = nextId++
  readonly webContents: FakeWebContents
  visible = false
  focused = false
  minimized = false
  destroyed = false
  title: string

  constructor(
    readonly owner: ElectronProcess,
    readonly options: Record<string, unknown>
  ) {
    super()
    if (!owner.app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready')
    this.title = String(options.title ?? '')
    const webPreferences = (options.webPreferences ?? {}) as Record<string, unknown>
    this.webContents = new FakeWebContents(owner, {
      // Electron's defaults, for what the options leave out.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      ...webPreferences
    })
    owner.windows.push(this)
    owner.app.emit('web-contents-created', new PreventableEvent(), this.webContents)
    owner.app.emit('browser-window-created', new PreventableEvent(), this)
    if (options.show !== false) this.show()
  }

  loadURL(url: string): Promise<void> {
    this.webContents.load(url)
    return new Promise((done) => {
      this.webContents.once('did-finish-load', () => {
        this.emit('ready-to-show')
        done()
      })
    })
  }

  loadFile(path: string, options: { hash?: string } = {}): Promise<void> {
    const url = pathToFileURL(resolve(path)).href + (options.hash ? `#${options.hash}` : '')
    return this.loadURL(url)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
  isVisible(): boolean {
    return this.visible
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isFocused(): boolean {
    return this.focused
  }
  getTitle(): string {
    return this.title
  }
  setTitle(title: string): void {
    this.title = title
  }

  show(): void {
    this.visible = true
    this.minimized = false
    this.emit('show')
    this.focus()
  }
  hide(): void {
    this.visible = false
    this.emit('hide')
  }
  focus(): void {
    for (const other of this.owner.windows) other.focused = false
    this.focused = true
    this.emit('focus')
  }
  blur(): void {
    this.focused = false
    this.emit('blur')
  }
  minimize(): void {
    this.minimized = true
    this.blur()
    this.emit('minimize')
  }
  restore(): void {
    this.minimized = false
    this.emit('restore')
  }

  /** The analyst closes the window (it may be prevented by a 'close' handler). */
  close(): void {
    if (this.destroyed) return
    const event = new PreventableEvent()
    this.emit('close', event)
    if (!event.defaultPrevented) this.destroy()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.visible = false
    this.focused = false
    this.webContents.destroy()
    this.owner.windows.splice(this.owner.windows.indexOf(this), 1)
    this.emit('closed')
    this.owner.windowClosed()
  }
}

// ---- Session -------------------------------------------------------------------------------------------------

type PermissionRequestHandler = (
  webContents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean }
) => void
type PermissionCheckHandler = (
  webContents: FakeWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame: boolean }
) => boolean
type HeadersListener = (
  details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string[]> }) => void
) => void

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  headersListener: HeadersListener | null = null

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler
  }

  readonly webRequest = {
    onHeadersReceived: (...args: [HeadersListener | null] | [unknown, HeadersListener | null]) => {
      this.headersListener = (args.length === 2 ? args[1] : args[0]) as HeadersListener | null
    }
  }

  // -- What Chromium does --

  /** A page asks for a permission. Without a handler Electron grants everything. */
  requestPermission(contents: FakeWebContents, permission: string): Promise<boolean> {
    if (!this.permissionRequestHandler) return Promise.resolve(true)
    return new Promise((done) =>
      this.permissionRequestHandler!(contents, permission, done, {
        requestingUrl: contents.getURL(),
        isMainFrame: true
      })
    )
  }

  /** A page checks a permission synchronously. Without a handler Electron grants everything. */
  checkPermission(contents: FakeWebContents | null, permission: string): boolean {
    if (!this.permissionCheckHandler) return true
    const url = contents?.getURL() ?? ''
    return this.permissionCheckHandler(contents, permission, url ? new URL(url).origin : '', {
      requestingUrl: url,
      isMainFrame: true
    })
  }

  /** A response arrives: returns the headers the page sees. */
  receive(url: string, responseHeaders: Record<string, string[]>): Promise<Record<string, string[]>> {
    if (!this.headersListener) return Promise.resolve(responseHeaders)
    return new Promise((done) =>
      this.headersListener!({ url, resourceType: 'mainFrame', responseHeaders }, (response) =>
        done(response.responseHeaders ?? responseHeaders)
      )
    )
  }
}

// ---- Notifications -------------------------------------------------------------------------------------------

/** Electron's main-process Notification: recorded when shown; a test plays the analyst clicking it. */
export class FakeNotification extends EventEmitter {
  shown = false

  constructor(
    readonly owner: ElectronProcess,
    readonly options: { title?: string; body?: string }
  ) {
    super()
  }

  show(): void {
    this.shown = true
    this.owner.notifications.push(this)
    this.emit('show', new PreventableEvent())
  }

  close(): void {
    this.emit('close', new PreventableEvent())
  }

  /** The analyst clicks the notification. */
  click(): void {
    this.emit('click', new PreventableEvent())
  }
}

// ---- IPC -----------------------------------------------------------------------------------------------------

type InvokeHandler = (
  event: { sender: FakeWebContents; senderFrame: FakeFrame | null; frameId: number; processId: number },
  ...args: unknown[]
) => unknown

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>()
  /** Every handle() call, duplicates included (Electron throws on them; this records them first). */
  readonly registrations: string[] = []

  handle(channel: string, handler: InvokeHandler): void {
    this.registrations.push(channel)
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  /** A page invokes a channel from a frame. Payload and answer cross by structured clone. */
  async invoke(
    channel: string,
    payload: unknown,
    from: { sender: FakeWebContents; frame: FakeFrame | null }
  ): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`)
    const args = structuredClone([payload])
    const event = {
      sender: from.sender,
      senderFrame: from.frame,
      frameId: from.frame?.routingId ?? -1,
      processId: from.frame?.processId ?? -1
    }
    try {
      return structuredClone(await handler(event, ...args))
    } catch (error) {
      // Electron passes the page only the message; the cause stays here for the test's eyes.
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error })
    }
  }
}

/** The page side of one window: its ipcRenderer listeners and what contextBridge put in its main world. */
export class FakeRenderer {
  readonly listeners = new EventEmitter()
  /** What the page's scripts see on `window`, put there by contextBridge. */
  readonly mainWorld: Record<string, unknown> = {}

  constructor(readonly contents: FakeWebContents) {}

  deliver(channel: string, args: unknown[]): void {
    this.listeners.emit(channel, { sender: null, ports: [] }, ...structuredClone(args))
  }
}

/**
 * contextBridge copies what crosses it, both ways: plain data by value, functions as proxies whose arguments
 * and results cross the same way, promises as promises; class instances lose their prototype (refused here, so a
 * test notices).
 */
function crossBridge(value: unknown, path: string): unknown {
  if (typeof value === 'function')
    return (...args: unknown[]) =>
      crossBridge(
        (value as (...a: unknown[]) => unknown)(...args.map((arg, i) => crossBridge(arg, `${path}(${i})`))),
        `${path}()`
      )
  if (value instanceof Promise) return value.then((result) => crossBridge(result, path))
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item, index) => crossBridge(item, `${path}[${index}]`))
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value)
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      crossBridge(item, `${path}.${key}`)
    ])
  )
}

// ---- Utility processes ----------------------------------------------------------------------------------------

type Stdio = 'pipe' | 'ignore' | 'inherit'

/**
 * utilityProcess.fork: a real Node child process running the module with `process.parentPort`, messages by
 * structured clone, 'spawn', 'message' and 'exit' (with the exit code) as Electron emits them.
 */
export class FakeUtilityProcess extends EventEmitter {
  private readonly child: ChildProcess
  readonly stdout: Readable | null
  readonly stderr: Readable | null

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: { execArgv?: string[]; stdio?: Stdio | Stdio[]; serviceName?: string }
  ) {
    super()
    const stdio = options.stdio ?? 'inherit'
    const [, out, err] = Array.isArray(stdio) ? stdio : [stdio, stdio, stdio]
    this.child = fork(join(import.meta.dirname, 'utility-bootstrap.mjs'), [modulePath, ...args], {
      execArgv: options.execArgv ?? [],
      serialization: 'advanced',
      stdio: ['ignore', out, err, 'ipc']
    })
    this.stdout = this.child.stdout
    this.stderr = this.child.stderr
    this.child.on('spawn', () => this.emit('spawn'))
    this.child.on('message', (message) => this.emit('message', message))
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)))
  }

  get pid(): number | undefined {
    return this.child.exitCode === null ? this.child.pid : undefined
  }

  postMessage(message: unknown): void {
    if (!this.child.connected) throw new Error('The utility process has exited')
    this.child.send(message as never)
  }

  kill(): boolean {
    return this.child.kill()
  }
}

// ---- One Electron process ------------------------------------------------------------------------------------

export class FakeApp extends EventEmitter {
  readonly name = 'Lote'
  isPackaged = false
  private ready = false
  private readonly readyPromise: Promise<void>
  private readonly paths = new Map<string, string>()

  constructor(private readonly owner: ElectronProcess) {
    super()
    const home = mkdtempSync(join(tmpdir(), 'lote-fake-home-'))
    this.paths.set('home', home)
    this.paths.set('appData', join(home, '.config'))
    this.paths.set('userData', owner.config.userData ?? join(home, '.config', 'Lote'))
    this.paths.set('documents', join(home, 'Documents'))
    this.paths.set('temp', tmpdir())
    this.paths.set('logs', join(home, '.config', 'Lote', 'logs'))
    this.readyPromise = new Promise((done) => this.once('ready', () => done()))
    // Electron emits 'ready' once the main script has run its first turn.
    setImmediate(() => {
      if (owner.state.kind !== 'running') return
      this.ready = true
      this.emit('ready', new PreventableEvent(), {})
    })
  }

  getPath(name: string): string {
    const path = this.paths.get(name)
    if (!path) throw new Error(`Failed to get '${name}' path`)
    return path
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path)
  }
  getVersion(): string {
    return '0.1.0'
  }
  getName(): string {
    return this.name
  }
  getLocale(): string {
    return this.owner.config.locale
  }
  getAppPath(): string {
    return process.cwd()
  }
  isReady(): boolean {
    return this.ready
  }
  whenReady(): Promise<void> {
    return this.readyPromise
  }
  focus(): void {}

  /** Chromium's process singleton: one holder per userData folder; a later one tells the holder and fails. */
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const folder = resolve(this.getPath('userData'))
    const locks = machine().locks
    const holder = locks.get(folder)
    if (holder && holder !== this.owner && holder.state.kind === 'running') {
      const argv = [...this.owner.config.argv]
      setImmediate(() =>
        holder.app.emit('second-instance', new PreventableEvent(), argv, process.cwd(), additionalData)
      )
      return false
    }
    locks.set(folder, this.owner)
    return true
  }
  hasSingleInstanceLock(): boolean {
    return [...machine().locks.values()].includes(this.owner)
  }
  releaseSingleInstanceLock(): void {
    for (const [folder, holder] of machine().locks) if (holder === this.owner) machine().locks.delete(folder)
  }

  /**
   * Electron's quit: 'before-quit' (preventable), then every window is closed (each 'close' preventable),
   * then 'will-quit' (preventable), then 'quit' and the process ends.
   */
  quit(): void {
    if (this.owner.state.kind !== 'running') return
    const beforeQuit = new PreventableEvent()
    this.emit('before-quit', beforeQuit)
    if (beforeQuit.defaultPrevented) return
    this.owner.state = { kind: 'quitting' }
    setImmediate(() => {
      for (const window of [...this.owner.windows]) {
        const event = new PreventableEvent()
        window.emit('close', event)
        if (event.defaultPrevented) {
          this.owner.state = { kind: 'running' }
          return
        }
        window.destroy()
      }
      const willQuit = new PreventableEvent()
      this.emit('will-quit', willQuit)
      if (willQuit.defaultPrevented) {
        this.owner.state = { kind: 'running' }
        return
      }
      this.emit('quit', new PreventableEvent(), 0)
      this.owner.end(0)
    })
  }

  /** Ends the process at once: no events, windows destroyed. */
  exit(code = 0): void {
    if (this.owner.state.kind === 'exited') return
    for (const window of [...this.owner.windows]) window.destroy()
    this.owner.end(code)
  }
}

type ProcessState = { kind: 'running' } | { kind: 'quitting' } | { kind: 'exited'; code: number }

export class ElectronProcess {
  readonly config: ProcessConfig
  state: ProcessState = { kind: 'running' }
  readonly app: FakeApp
  readonly windows: FakeBrowserWindow[] = []
  readonly ipcMain = new FakeIpcMain()
  readonly session = { defaultSession: new FakeSession() }
  /** URLs the app asked the system browser to open. */
  readonly openedExternally: string[] = []
  /** Answers for the next dialogs, in order (a path, or null for "cancelled"). */
  readonly dialogAnswers: (string | null)[] = []
  readonly dialogsShown: { kind: 'open' | 'save'; options: unknown }[] = []
  /** Every utility process started, in order. */
  readonly utilityProcesses: FakeUtilityProcess[] = []
  /** Every system notification shown, in order. */
  readonly notifications: FakeNotification[] = []
  /** The window whose page runs the preload loaded by runPreload(). */
  private preloadWindow: FakeBrowserWindow | undefined
  private readonly exited: Promise<number>
  private onExit!: (code: number) => void

  constructor(config: ProcessConfig) {
    this.config = { ...config, argv: [...config.argv] }
    this.app = new FakeApp(this)
    this.exited = new Promise((done) => (this.onExit = done))
  }

  /** Resolves with the exit code when the process has ended. */
  whenExited(): Promise<number> {
    return this.exited
  }

  end(code: number): void {
    this.state = { kind: 'exited', code }
    // Electron ends its utility processes with it.
    for (const child of this.utilityProcesses) child.kill()
    this.app.releaseSingleInstanceLock()
    this.onExit(code)
  }

  windowClosed(): void {
    if (this.windows.length > 0 || this.state.kind !== 'running') return
    // Electron quits by itself when the last window closes and nobody listens for this.
    if (this.app.listenerCount('window-all-closed') === 0) this.app.quit()
    else this.app.emit('window-all-closed', new PreventableEvent())
  }

  // -- The module's exports --

  readonly BrowserWindow = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const owner = this
    return class BrowserWindow extends FakeBrowserWindow {
      constructor(options: Record<string, unknown> = {}) {
        super(owner, options)
      }
      static getAllWindows(): FakeBrowserWindow[] {
        return [...owner.windows]
      }
      static getFocusedWindow(): FakeBrowserWindow | null {
        return owner.windows.find((window) => window.focused) ?? null
      }
      static fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null {
        return owner.windows.find((window) => window.webContents === contents) ?? null
      }
    }
  })()

  readonly utilityProcess = {
    fork: (
      modulePath: string,
      args: string[] = [],
      options: ConstructorParameters<typeof FakeUtilityProcess>[2] = {}
    ) => {
      if (!this.app.isReady()) throw new Error('utilityProcess cannot be forked before the app is ready')
      const child = new FakeUtilityProcess(modulePath, args, options)
      this.utilityProcesses.push(child)
      return child
    }
  }

  readonly Notification = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const owner = this
    return class Notification extends FakeNotification {
      constructor(options: { title?: string; body?: string } = {}) {
        super(owner, options)
      }
      static isSupported(): boolean {
        return owner.app.isReady()
      }
    }
  })()

  readonly shell = {
    openExternal: async (url: string) => {
      this.openedExternally.push(url)
    },
    openPath: async () => ''
  }

  readonly dialog = {
    showOpenDialog: async (...args: unknown[]) => {
      this.dialogsShown.push({ kind: 'open', options: args[args.length - 1] })
      const answer = this.dialogAnswers.shift() ?? null
      return { canceled: answer === null, filePaths: answer === null ? [] : [answer] }
    },
    showSaveDialog: async (...args: unknown[]) => {
      this.dialogsShown.push({ kind: 'save', options: args[args.length - 1] })
      const answer = this.dialogAnswers.shift() ?? null
      return { canceled: answer === null, filePath: answer ?? '' }
    },
    showErrorBox: () => undefined
  }

  /** Chromium's OSCrypt as the app sees it: AES with a key kept by the OS keyring, "v11" prefixed. */
  readonly safeStorage = {
    isEncryptionAvailable: () => this.app.isReady() && this.config.encryption !== 'unavailable',
    getSelectedStorageBackend: () =>
      this.config.encryption === 'basic_text' ? 'basic_text' : 'gnome_libsecret',
    encryptString: (plain: string): Buffer => {
      if (!this.safeStorage.isEncryptionAvailable()) throw new Error('Encryption is not available.')
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', machine().safeStorageKey, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body])
    },
    decryptString: (sealed: Buffer): string => {
      if (!this.safeStorage.isEncryptionAvailable()) throw new Error('Encryption is not available.')
      if (sealed.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext')
      const decipher = createDecipheriv('aes-256-gcm', machine().safeStorageKey, sealed.subarray(3, 15))
      decipher.setAuthTag(sealed.subarray(15, 31))
      return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8')
    }
  }

  // -- The renderer side: only usable by a preload that runPreload() loads --

  private rendererOf(): FakeRenderer {
    const window = this.preloadWindow
    if (!window || window.isDestroyed()) throw new Error('No page is running a preload')
    window.webContents.renderer ??= new FakeRenderer(window.webContents)
    return window.webContents.renderer
  }

  readonly ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      const contents = this.rendererOf().contents
      return this.ipcMain.invoke(channel, args[0], { sender: contents, frame: contents.mainFrame })
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      this.rendererOf().listeners.on(channel, listener)
      return this.ipcRenderer
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      this.rendererOf().listeners.removeListener(channel, listener)
      return this.ipcRenderer
    }
  }

  readonly contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      const renderer = this.rendererOf()
      if (renderer.contents.webPreferences.contextIsolation === false)
        throw new Error('contextBridge API can only be used when contextIsolation is enabled')
      if (key in renderer.mainWorld) throw new Error(`Cannot bind an API on top of an existing property`)
      renderer.mainWorld[key] = crossBridge(api, key)
    }
  }

  readonly webUtils = {
    getPathForFile: (file: { path?: string }) => file.path ?? ''
  }

  /**
   * Runs a preload in a window's page, as Electron does when the page loads: `load` imports the preload
   * module, whose `electron` import is this process's.
   */
  async runPreload(window: FakeBrowserWindow, load: () => Promise<unknown>): Promise<FakeRenderer> {
    if (this.preloadWindow && this.preloadWindow !== window)
      throw new Error('This stand-in runs a preload in one window per process')
    this.preloadWindow = window
    const renderer = this.rendererOf()
    await load()
    return renderer
  }

  /** The `electron` module as `import ... from 'electron'` sees it in this process. */
  module(): Record<string, unknown> {
    const exports = {
      app: this.app,
      BrowserWindow: this.BrowserWindow,
      ipcMain: this.ipcMain,
      session: this.session,
      shell: this.shell,
      dialog: this.dialog,
      safeStorage: this.safeStorage,
      utilityProcess: this.utilityProcess,
      Notification: this.Notification,
      ipcRenderer: this.ipcRenderer,
      contextBridge: this.contextBridge,
      webUtils: this.webUtils
    }
    return { ...exports, default: exports }
  }
}

/** vi.mock('electron')'s factory: every load of the module is a new process on the same machine. */
export function startElectronProcess(): Record<string, unknown> {
  const process = new ElectronProcess(machine().next)
  machine().processes.push(process)
  return process.module()
}
