// The backend of Lote, free of Electron: it builds the parts once — settings, the results store, connections,
// the batch service — and the application layer on top of them (`core.app`). The Electron main process, the
// browser host and the CLI each build one Core and differ only in how they carry calls and events.
import { join } from 'node:path'
import { Account } from './app/account'
import { Batches } from './app/batches'
import { Checks } from './app/checks'
import { Drafts } from './app/drafts'
import { Files, type Dialogs } from './app/files'
import type { Application } from './app/index'
import { Preferences, type SystemNotifier } from './app/preferences'
import { Spreadsheets } from './app/spreadsheets'
import { BatchService } from './batch/service'
import { Connections, type ClientTuning } from './connections/connections'
import type { SandboxLauncher } from './connections/connections'
import { EventBus } from './events'
import { FileRegistry } from './files'
import { createLogger, type Logger } from './log'
import { ResultsStore } from './store/results/results-store'
import { KeytarSecretStore, type SecretStore } from './store/secrets'
import { SettingsStore, type KeyValueFileFactory } from './store/settings'
import type { ReaderLauncher } from './sheets/workers'

export type { Dialogs } from './app/files'

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
  /** The operating system's notifications (the desktop app). */
  notifier?: SystemNotifier
  /** The import worker's entry in a bundled app (the bundler puts shared code in chunks elsewhere). */
  importWorkerUrl?: URL
  /** Starts the processes that read spreadsheets (the desktop app passes Electron's utilityProcess). */
  readerLauncher?: ReaderLauncher
  /** Where the sample spreadsheets are (resources/samples in the repository, the app's resources when packaged). */
  samplesDir?: string
  /** Timeouts and retry pacing of the Truora client (tests shorten them). */
  clientTuning?: ClientTuning
  /**
   * What this process is, as other processes name it when they find a batch it works on ("lote run"); by
   * default what the shell is.
   */
  workerName?: string
}

/** How other processes name this one when they find a batch it works on. */
const WORKER_NAMES: Record<CoreOptions['shell'], string> = {
  electron: 'the Lote desktop app',
  browser: 'lote serve',
  cli: 'a lote command'
}

export class Core {
  readonly events = new EventBus()
  readonly log: Logger
  readonly settings: SettingsStore
  readonly files: FileRegistry
  readonly store: ResultsStore
  readonly connections: Connections
  readonly batchService: BatchService
  readonly app: Application

  constructor(readonly options: CoreOptions) {
    const { dataDir } = options
    this.log = options.logger ?? createLogger({ file: join(dataDir, 'logs', 'lote.log') })
    this.settings = new SettingsStore(dataDir, options.settingsFile)
    this.files = new FileRegistry(dataDir)
    this.store = ResultsStore.inDataDir(dataDir)
    this.connections = new Connections({
      settings: this.settings,
      keychain: options.keychain ?? new KeytarSecretStore(),
      safeStorage: options.safeStorage,
      launchSandbox: options.launchSandbox,
      log: this.log,
      shell: options.shell,
      clientTuning: options.clientTuning
    })
    this.batchService = new BatchService({
      store: this.store,
      accounts: this.connections,
      logger: this.log,
      dataDir,
      onEvent: (event) => this.events.emit('batch:event', event),
      holderName: options.workerName ?? WORKER_NAMES[options.shell],
      // The app keeps an eye out for batches whose worker (a lote command, another app) died, and finishes them.
      adoptOrphans: options.shell !== 'cli'
    })
    const preferences = new Preferences(
      this.settings,
      this.events,
      { version: options.version, shell: options.shell, systemLocale: options.systemLocale, dataDir },
      this.log,
      options.notifier
    )
    const files = new Files(this.files, preferences, {
      desktop: options.shell === 'electron',
      dialogs: options.dialogs,
      samplesDir: options.samplesDir ?? join(import.meta.dirname, '../../resources/samples')
    })
    const spreadsheets = new Spreadsheets(this.files, this.log, {
      dataDir,
      workerUrl: options.importWorkerUrl,
      launch: options.readerLauncher
    })
    const account = new Account(this.connections, this.settings)
    const drafts = new Drafts({
      store: this.store,
      runner: this.batchService,
      files: this.files,
      events: this.events,
      log: this.log,
      spreadsheets,
      activeProfileId: () => this.connections.activeProfileId(),
      rememberFile: (file) => files.remember(file),
      customTypeKinds: () => account.customTypeKinds(),
      importWorkerUrl: options.importWorkerUrl,
      readerLauncher: options.readerLauncher
    })
    this.app = {
      preferences,
      connections: this.connections,
      account,
      files,
      spreadsheets,
      drafts,
      batches: new Batches(this.batchService, this.store.results, drafts, this.connections, this.settings),
      checks: new Checks(this.store, this.connections, this.files)
    }
  }

  get dataDir(): string {
    return this.options.dataDir
  }

  /** Work that continues by itself when the app opens: batches left running, old temporary files. */
  async startBackground(): Promise<void> {
    this.files.sweep()
    const resumed = await this.batchService.resumeUnfinished()
    if (resumed.length > 0)
      this.log.info(`Resumed ${resumed.length} unfinished batch(es): ${resumed.join(', ')}`)
  }

  async close(): Promise<void> {
    await this.batchService.close()
    this.store.close()
    await this.connections.close()
  }
}
