// The backend of Lote, free of Electron: settings, connections and keys, the Sandbox, and (as they land) the
// import, batch and results services. The Electron main process, the browser host and the CLI each build one
// Core and differ only in how they carry calls and events.
import { join } from 'node:path'
import type { KeychainStatus, Notice } from '../shared/contract'
import { AppError } from '../shared/result'
import { EventBus } from './events'
import { createLogger, type Logger } from './log'
import { ProfileService, type SandboxProvider } from './profiles'
import { SettingsStore, type KeyValueFileFactory } from './store/settings'
import { KeytarSecretStore, type SecretStore } from './store/secrets'
import { TruoraClient } from './truora/client'
import { RateLimiter } from './truora/rate-limiter'

export interface RunningSandbox {
  url: string
  close(): Promise<void>
}

export type SandboxLauncher = () => Promise<RunningSandbox>

/** The Sandbox accepts any key but a refused one; the app's Sandbox profile uses this one. */
export const SANDBOX_API_KEY = 'lote-sandbox-key'

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
}

export class Core {
  readonly events = new EventBus()
  readonly log: Logger
  readonly settings: SettingsStore
  readonly profiles: ProfileService
  private readonly keychain: SecretStore
  private sandboxRun: Promise<RunningSandbox> | undefined
  private readonly notices: Notice[]
  private readonly limiters = new Map<string, RateLimiter>()

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
   * One limiter per account, shared by every request the app makes with it, so batches, the results screen
   * and account screens together stay within what Truora accepts. Truora publishes no limit: start modestly
   * and let the limiter adapt.
   */
  limiterFor(profileId: string): RateLimiter {
    let limiter = this.limiters.get(profileId)
    if (!limiter) {
      limiter = new RateLimiter({ rate: 10, maxRate: 50, burst: 5 })
      this.limiters.set(profileId, limiter)
    }
    return limiter
  }

  /** A client for a profile (the active one by default). The key stays inside the client. */
  async client(profileId?: string): Promise<TruoraClient> {
    const connection = await this.profiles.connection(profileId)
    return new TruoraClient({ ...connection, limiter: this.limiterFor(connection.profileId) })
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
    const run = this.sandboxRun
    this.sandboxRun = undefined
    if (run) await (await run).close().catch(() => undefined)
  }
}
