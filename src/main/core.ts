// The backend of Lote, free of Electron: settings, connections and keys, the Sandbox, and (as they land) the
// import, batch and results services. The Electron main process, the browser host and the CLI each build one
// Core and differ only in how they carry calls and events.
import { join } from 'node:path'
import type { KeychainStatus, Notice, PublicSettings } from '../shared/contract'
import type { Settings } from '../shared/settings'
import { AppError } from '../shared/result'
import { EventBus } from './events'
import { createLogger, type Logger } from './log'
import { ProfileService, type SandboxProvider } from './profiles'
import { SettingsStore, type KeyValueFileFactory } from './store/settings'
import { KeytarSecretStore, type SecretStore } from './store/secrets'
import { unknownShapeLogLine } from './truora/parse'
import { TruoraClient } from './truora/client'
import type { RateLimiter } from './truora/rate-limiter'
import { FileRegistry } from './files'
import { ResultsStore } from './store/results/results-store'
import { BatchService } from './batch/service'
import { DraftService } from './drafts'
import type { ReaderLauncher } from './sheets/workers'

export interface RunningSandbox {
  url: string
  close(): Promise<void>
}

export type SandboxLauncher = () => Promise<RunningSandbox>

/** The Sandbox accepts any key but a refused one; the app's Sandbox profile uses this one. */
export const SANDBOX_API_KEY = 'lote-sandbox-key'

const RECENT_FILES = 10

/** The system's file dialogs (desktop only). Each resolves with a path, or null when closed. */
export interface Dialogs {
  open(): Promise<string | null>
  save(suggestedName: string): Promise<string | null>
}

export interface CoreOptions {
  dataDir: string
  shell: 'electron' | 'browser' | 'cli'
  version: string
  systemLocale: string
  launchSandbox: SandboxLauncher
  /** The OS keychain; keytar unless a test injects another store. */
  keychain?: SecretStore
  /** Electron's safeStorage, offered when the keychain cannot be reached. */
  safeStorage?: SecretStore
  settingsFile?: KeyValueFileFactory
  logger?: Logger
  dialogs?: Dialogs
  /** The import worker's entry in a bundled app (the bundler puts shared code in chunks elsewhere). */
  importWorkerUrl?: URL
  /** Starts the processes that read spreadsheets (the desktop app passes Electron's utilityProcess). */
  readerLauncher?: ReaderLauncher
  /** Where the sample spreadsheets are (resources/samples in the repository, the app's resources when packaged). */
  samplesDir?: string
}

export class Core {
  readonly events = new EventBus()
  readonly log: Logger
  readonly settings: SettingsStore
  readonly profiles: ProfileService
  private readonly keychain: SecretStore
  private sandboxRun: Promise<RunningSandbox> | undefined
  private readonly notices: Notice[]
  readonly files: FileRegistry
  private resultsStore: ResultsStore | undefined
  private batchService: BatchService | undefined
  private draftService: DraftService | undefined

  constructor(readonly options: CoreOptions) {
    this.log = options.logger ?? createLogger({ file: join(options.dataDir, 'logs', 'lote.log') })
    this.settings = new SettingsStore(options.dataDir, options.settingsFile)
    this.notices = [...this.settings.notices]
    for (const notice of this.notices) this.log.warn(notice.message)
    this.keychain = options.keychain ?? new KeytarSecretStore()
    const sandbox: SandboxProvider = async () => ({
      url: (await this.sandbox()).url,
      apiKey: SANDBOX_API_KEY
    })
    this.profiles = new ProfileService(this.settings, () => this.secretStore(), sandbox, this.log)
    this.files = new FileRegistry(options.dataDir)
  }

  get samplesDir(): string {
    return this.options.samplesDir ?? join(import.meta.dirname, '../../resources/samples')
  }

  /** The SQLite results store, opened on first use. */
  get results(): ResultsStore {
    this.resultsStore ??= ResultsStore.inDataDir(this.dataDir)
    return this.resultsStore
  }

  get batches(): BatchService {
    this.batchService ??= new BatchService({
      store: this.results,
      connectionFor: (profileId) => this.profiles.connection(profileId || undefined),
      logger: this.log,
      dataDir: this.dataDir,
      onEvent: (event) => this.events.emit('batch:event', event)
    })
    return this.batchService
  }

  get drafts(): DraftService {
    this.draftService ??= new DraftService({
      batches: this.batches,
      store: this.results,
      files: this.files,
      events: this.events,
      log: this.log,
      dataDir: this.dataDir,
      activeProfileId: () => this.settings.get().activeProfileId,
      rememberFile: (file) => this.rememberFile(file),
      importWorkerUrl: this.options.importWorkerUrl,
      readerLauncher: this.options.readerLauncher
    })
    return this.draftService
  }

  /** Keeps the last spreadsheets the analyst imported, newest first, each once. */
  rememberFile(file: { path: string; name: string }): void {
    // Uploads through the browser host are temporary copies: there is nothing to open again later.
    if (file.path.startsWith(this.files.uploadDir)) return
    const next = this.settings.update((s) => {
      s.recentFiles = [
        { path: file.path, name: file.name, openedAt: new Date().toISOString() },
        ...s.recentFiles.filter((f) => f.path !== file.path)
      ].slice(0, RECENT_FILES)
    })
    this.events.emit('settings:changed', this.publicSettings(next))
  }

  /** Settings as the renderer may see them: everything but the connection list (it has its own channel). */
  publicSettings(settings: Settings = this.settings.get()): PublicSettings {
    const { profiles: _profiles, ...visible } = settings
    return visible
  }

  /** Work that continues by itself when the app opens: batches left running, old temporary files. */
  async startBackground(): Promise<void> {
    this.files.sweep()
    const resumed = await this.batches.resumeUnfinished()
    if (resumed.length > 0)
      this.log.info(`Resumed ${resumed.length} unfinished batch(es): ${resumed.join(', ')}`)
  }

  get dataDir(): string {
    return this.options.dataDir
  }

  /** The store API keys go to: the keychain, or safeStorage once the analyst chose it. */
  secretStore(): SecretStore {
    if (this.settings.get().secretBackend === 'safeStorage' && this.options.safeStorage)
      return this.options.safeStorage
    return this.keychain
  }

  async keychainStatus(): Promise<KeychainStatus> {
    const store = this.secretStore()
    const fallbackAvailable = Boolean(this.options.safeStorage) && store !== this.options.safeStorage
    try {
      await store.probe()
      return { backend: store.backend, available: true, fallbackAvailable }
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'The system keychain could not be reached.'
      return {
        backend: store.backend,
        available: false,
        fallbackAvailable,
        message: fallbackAvailable
          ? `${message} You can instead keep keys in a file encrypted by your operating system.`
          : this.options.shell === 'electron'
            ? message
            : `${message} For servers, the lote command also reads the key from LOTE_API_KEY.`
      }
    }
  }

  async useSafeStorage(): Promise<KeychainStatus> {
    if (!this.options.safeStorage)
      throw new AppError('keychain_unavailable', 'Encrypted storage is only available in the desktop app.')
    await this.options.safeStorage.probe()
    this.settings.update((s) => {
      s.secretBackend = 'safeStorage'
    })
    this.log.info('Keys are now kept with safeStorage encryption')
    return this.keychainStatus()
  }

  currentNotices(): Notice[] {
    return [...this.notices]
  }

  dismissNotice(id: string): void {
    const index = this.notices.findIndex((n) => n.id === id)
    if (index >= 0) this.notices.splice(index, 1)
  }

  /**
   * One limiter per account (the batch service keeps them), shared by every request the app makes with it.
   */
  limiterFor(profileId: string): RateLimiter {
    return this.batches.limiterFor(profileId)
  }

  /** A client for a profile (the active one by default). The key stays inside the client. */
  async client(profileId?: string): Promise<TruoraClient> {
    const connection = await this.profiles.connection(profileId)
    return new TruoraClient({
      ...connection,
      limiter: this.limiterFor(connection.profileId),
      // Only the structure of the answer is logged, never its values.
      onUnknownShape: (report) => this.log.warn(unknownShapeLogLine(report))
    })
  }

  /** The built-in Sandbox, started on first use and shared by everything in this process. */
  sandbox(): Promise<RunningSandbox> {
    this.sandboxRun ??= this.options.launchSandbox().catch((error: unknown) => {
      this.sandboxRun = undefined
      throw error
    })
    return this.sandboxRun
  }

  async close(): Promise<void> {
    await this.batchService?.close()
    this.resultsStore?.close()
    const run = this.sandboxRun
    this.sandboxRun = undefined
    if (run) await (await run).close().catch(() => undefined)
  }
}
