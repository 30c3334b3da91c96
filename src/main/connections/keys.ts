// A connection's API key: where it is kept (the OS keychain, or safeStorage once the analyst chose it), what
// its last use said of it (its key state, kept in the settings by connection), and the one door every key goes
// through on its way in or out, which registers it with the log's redaction.
import type { KeychainStatus } from '../../shared/contract'
import { AppError } from '../../shared/result'
import type { KeyState, Profile } from '../../shared/settings'
import type { SecretStore } from '../store/secrets'
import type { Clock } from '../truora/clock'
import type { ConnectionsOptions } from './types'

/** What a failed key test says of the key: only a 401/403 blames it. */
export function keyStateOfFailure(kind: string): KeyState {
  if (kind === 'key_refused') return 'refused'
  // Truora answered 2xx in a shape Lote does not know: the key was accepted.
  if (kind === 'unknown_shape') return 'works'
  return 'unreachable'
}

export class Keys {
  constructor(
    private readonly options: ConnectionsOptions,
    private readonly clock: Clock
  ) {}

  /** The one door a key goes through on its way in or out: from here on the log never shows it. */
  remember(apiKey: string): string {
    this.options.log.addSecret(apiKey)
    return apiKey
  }

  /** The store API keys go to: the keychain, or safeStorage once the analyst chose it. */
  secrets(): SecretStore {
    const { settings, safeStorage, keychain } = this.options
    if (settings.get().secretBackend === 'safeStorage' && safeStorage) return safeStorage
    return keychain
  }

  /** The stored key of a connection (registered for redaction), or null when it has none. */
  async stored(id: string): Promise<string | null> {
    const apiKey = await this.secrets().get(id)
    return apiKey === null ? null : this.remember(apiKey)
  }

  async has(profile: Profile): Promise<boolean> {
    if (profile.kind === 'sandbox') return true
    try {
      return (await this.secrets().get(profile.id)) !== null
    } catch {
      return false
    }
  }

  /** What the last use of a stored key said; the Sandbox's key always works. */
  storedState(profile: Profile): KeyState {
    if (profile.kind === 'sandbox') return 'works'
    return this.options.settings.get().keyStates[profile.id]?.state ?? 'untested'
  }

  /** Records what Truora said of a stored key (written only when it changes). `null` forgets it: untested. */
  record(id: string, state: KeyState | null): void {
    const current = this.options.settings.get()
    const profile = current.profiles.find((p) => p.id === id)
    if (!profile || profile.kind === 'sandbox') return
    if ((current.keyStates[id]?.state ?? null) === state) return
    this.options.settings.update((s) => {
      if (state === null) delete s.keyStates[id]
      else s.keyStates[id] = { state, at: new Date(this.clock.now()).toISOString() }
    })
    if (state === 'refused') this.options.log.warn(`Truora refused the API key of ${id}`)
  }

  /** Stores a connection's key, added or replaced, and records which. A new key is untested. */
  async set(id: string, apiKey: string): Promise<void> {
    const replaced =
      (await this.secrets()
        .get(id)
        .catch(() => null)) !== null
    await this.secrets().set(id, this.remember(apiKey))
    this.record(id, null)
    this.options.audit?.record(
      replaced ? 'key.replaced' : 'key.added',
      { backend: this.secrets().backend },
      { connection: id }
    )
  }

  /** Removes a connection's key from where it is kept, and records that it did. */
  async delete(id: string): Promise<void> {
    const removed = await this.secrets().delete(id)
    if (removed)
      this.options.audit?.record('key.removed', { backend: this.secrets().backend }, { connection: id })
    this.record(id, null)
  }

  /** A connection is deleted: its key goes too, and a keychain that cannot be reached does not stop that. */
  async forget(id: string): Promise<void> {
    await this.secrets()
      .delete(id)
      .catch((error: unknown) =>
        this.options.log.warn(`Could not delete the key of ${id} from the keychain`, error)
      )
  }

  async keychainStatus(): Promise<KeychainStatus> {
    const store = this.secrets()
    const fallbackAvailable = Boolean(this.options.safeStorage) && store !== this.options.safeStorage
    try {
      await store.probe()
      return { backend: store.backend, available: true, fallbackAvailable }
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'The system keychain could not be reached.'
      const code =
        error instanceof AppError && error.details?.keychain === 'module-missing'
          ? 'module-missing'
          : 'unreachable'
      return {
        backend: store.backend,
        available: false,
        code,
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
    const { safeStorage, settings, log } = this.options
    if (!safeStorage)
      throw new AppError('keychain_unavailable', 'Encrypted storage is only available in the desktop app.')
    await safeStorage.probe()
    settings.update((s) => {
      s.secretBackend = 'safeStorage'
    })
    log.info('Keys are now kept with safeStorage encryption')
    return this.keychainStatus()
  }
}
