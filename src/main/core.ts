// The backend of Lote, free of Electron: it builds the parts once — settings, the results store, connections,
// the batch service — and the application layer on top of them (`core.app`). The Electron main process, the
// browser host and the CLI each build one Core and differ only in how they carry calls and events.
import { join } from 'node:path'
import { Account } from './app/account'
import { Batches } from './app/batches'
import { Checks } from './app/checks'
import { Decisions, defaultReviewer } from './app/decisions'
import { localTimeZone } from './export/i18n'
import { resolveLanguage } from '../shared/settings'
import { Costs } from './app/costs'
import { Drafts } from './app/drafts'
import { Files, type Dialogs } from './app/files'
import type { Application } from './app/index'
import { People } from './app/people'
import { Preferences, type SystemNotifier } from './app/preferences'
import { Privacy } from './app/privacy'
import { AuditLog, osUser } from './store/audit-log'
import { Reuse } from './app/reuse'
import { Spreadsheets } from './app/spreadsheets'
import { BatchService } from './batch/service'
import { Connections, type ClientTuning } from './connections/connections'
import type { SandboxLauncher } from './connections/connections'
import type { SandboxPlace } from './connections/builtin-sandbox'
import { EventBus } from './events'
import { FileRegistry } from './files'
import { createLogger, type Logger } from './log'
import { ResultsStore } from './store/results/results-store'
import { ensurePrivateDir, tightenPermissions, usePrivateUmask } from './store/private-files'
import { KeytarSecretStore, type SecretStore } from './store/secrets'
import { resolveStoreKey, type StoreKey, type StoreKeySources } from './store/store-key'
import { SettingsStore, type KeyValueFileFactory } from './store/settings'
import type { ReaderLauncher } from './sheets/workers'

export type { Dialogs } from './app/files'

export interface CoreOptions {
  dataDir: string
  shell: 'electron' | 'browser' | 'cli'
  /** The key the results store and the files beside it are encrypted with (see `openCore`). */
  storeKey: StoreKey
  version: string
  systemLocale: string
  /**
   * Starts the built-in Sandbox; given the data folder and the store's vault, it keeps its state there
   * (launchBuiltInSandbox). Tests may ignore them and give their own Sandbox.
   */
  launchSandbox: (place: SandboxPlace) => ReturnType<SandboxLauncher>
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
  /** The time retention and the audit log go by (tests move it). */
  clock?: () => Date
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

/**
 * Finds the store key (LOTE_STORE_KEY, a key file, or the keychain entry made on first start) and builds the
 * Core. Rejects with an AppError `store_key` that says what to do when the key cannot be had.
 */
export async function openCore(
  options: Omit<CoreOptions, 'storeKey'> & { storeKeyFile?: string; env?: NodeJS.ProcessEnv }
): Promise<Core> {
  const { storeKeyFile, env, ...rest } = options
  const sources: StoreKeySources = {
    dataDir: options.dataDir,
    env,
    keyFile: storeKeyFile,
    keychain: options.keychain ?? new KeytarSecretStore(),
    safeStorage: options.safeStorage
  }
  usePrivateUmask()
  const { key } = await resolveStoreKey(sources)
  return new Core({ ...rest, keychain: sources.keychain, storeKey: key })
}

export class Core {
  readonly events = new EventBus()
  readonly log: Logger
  readonly settings: SettingsStore
  readonly files: FileRegistry
  readonly store: ResultsStore
  readonly connections: Connections
  readonly batchService: BatchService
  readonly audit: AuditLog
  readonly app: Application

  constructor(readonly options: CoreOptions) {
    const { dataDir } = options
    // Everything Lote writes from here on is its user's alone; what an older version left is tightened.
    usePrivateUmask()
    ensurePrivateDir(dataDir)
    tightenPermissions(dataDir)
    this.log = options.logger ?? createLogger({ file: join(dataDir, 'logs', 'lote.log') })
    this.settings = new SettingsStore(dataDir, options.settingsFile)
    this.store = ResultsStore.inDataDir(dataDir, options.storeKey, (moved) =>
      this.log.info(
        `Encrypted the results store of an earlier version: ${moved.rows} rows in ${moved.tables} tables`
      )
    )
    this.files = new FileRegistry(dataDir, this.store.vault)
    // Who acted: the OS account and the active connection, unless the action names its own connection.
    this.audit = new AuditLog(
      dataDir,
      () => ({ user: osUser(), connection: this.connections?.activeProfileId() ?? null }),
      options.clock,
      (entry) => this.store.privacy.setAuditAnchor(entry.seq, entry.hash),
      // The store's write lock is shared by every process on the folder: an append holds it.
      (work) => this.store.db.transaction(work)
    )
    this.connections = new Connections({
      audit: this.audit,
      settings: this.settings,
      keychain: options.keychain ?? new KeytarSecretStore(),
      safeStorage: options.safeStorage,
      launchSandbox: () => options.launchSandbox({ dataDir, vault: this.store.vault, log: this.log }),
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
      { version: options.version, shell: options.shell, systemLocale: options.systemLocale },
      this.log,
      this.audit,
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
      leasing: this.batchService.leasing,
      files: this.files,
      events: this.events,
      log: this.log,
      spreadsheets,
      activeProfileId: () => this.connections.activeProfileId(),
      rememberFile: (file) => files.remember(file),
      customTypeKinds: () => account.customTypeKinds(),
      importWorkerUrl: options.importWorkerUrl,
      readerLauncher: options.readerLauncher,
      audit: this.audit
    })
    const costs = new Costs(this.settings, preferences)
    const reuse = new Reuse(this.store, this.batchService, costs, () => this.connections.activeProfileId())
    const people = new People(this.store)
    this.app = {
      preferences,
      connections: this.connections,
      account,
      files,
      spreadsheets,
      drafts,
      batches: new Batches(
        this.batchService,
        this.store,
        drafts,
        this.connections,
        this.settings,
        this.files,
        this.audit,
        reuse,
        costs
      ),
      checks: new Checks(this.store, this.connections, this.files, this.audit, people, () => ({
        language: resolveLanguage(this.settings.get().language, options.systemLocale),
        timeZone: localTimeZone(),
        reviewer: defaultReviewer(this.settings)
      })),
      costs,
      reuse,
      people,
      privacy: new Privacy({
        store: this.store,
        audit: this.audit,
        files: this.files,
        settings: this.settings,
        connections: this.connections,
        log: this.log,
        clock: options.clock
      }),
      decisions: new Decisions(this.store, this.settings, this.audit)
    }
  }

  get dataDir(): string {
    return this.options.dataDir
  }

  /** Work that continues by itself when the app opens: batches left running, old temporary files. */
  async startBackground(): Promise<void> {
    // Uploads a draft still reads from stay, however old.
    this.files.sweep(Date.now(), (folder) => this.store.privacy.uploadInUse(folder))
    // Personal data whose retention ended goes now, and then once a day while Lote runs.
    this.app.privacy.startRetention()
    const resumed = await this.batchService.resumeUnfinished()
    if (resumed.length > 0)
      this.log.info(`Resumed ${resumed.length} unfinished batch(es): ${resumed.join(', ')}`)
  }

  async close(): Promise<void> {
    this.app.privacy.stop()
    await this.batchService.close()
    this.store.close()
    await this.connections.close()
  }
}
