// Where API keys live: the OS keychain through keytar (service `lote`, account = profile id). Only the main
// process holds a SecretStore; the renderer can learn whether a key exists, never read one.
import { AppError } from '../../shared/result'

export const KEYCHAIN_SERVICE = 'lote'

export interface SecretStore {
  readonly backend: 'keychain' | 'safeStorage' | 'memory'
  /** Resolves when the store can be used; rejects with an AppError `keychain_unavailable` saying why. */
  probe(): Promise<void>
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

const UNAVAILABLE_MESSAGE =
  'The system keychain could not be reached, so Lote cannot store an API key safely. ' +
  'On Linux, install and unlock a Secret Service keyring (gnome-keyring or KWallet) and restart Lote.'

/** keytar is an optional dependency: where it could not be compiled, installation went on without it. */
const MODULE_MISSING_MESSAGE =
  process.platform === 'linux'
    ? 'The keychain module of this copy of Lote (keytar) is not installed: it is compiled when Lote is ' +
      'installed, and that needs the libsecret development files. Install them ' +
      '(Debian and Ubuntu: sudo apt-get install libsecret-1-dev), run npm run setup again and restart Lote.'
    : 'The keychain module of this copy of Lote (keytar) is not installed. Run npm run setup again and ' +
      'restart Lote.'

/** The OS keychain: Keychain on macOS, Credential Manager on Windows, Secret Service on Linux. */
export class KeytarSecretStore implements SecretStore {
  readonly backend = 'keychain' as const
  private module: Promise<KeytarModule> | undefined

  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  /** Loaded on first use, so that Lote starts (on the Sandbox) where keytar is not installed. */
  private keytar(): Promise<KeytarModule> {
    this.module ??= import('keytar').then((m) => (m.default ?? m) as KeytarModule)
    return this.module
  }

  private async call<T>(action: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    let keytar: KeytarModule
    try {
      keytar = await this.keytar()
    } catch (error) {
      throw new AppError('keychain_unavailable', MODULE_MISSING_MESSAGE, {
        keychain: 'module-missing',
        reason: String(error)
      })
    }
    try {
      return await action(keytar)
    } catch (error) {
      throw new AppError('keychain_unavailable', UNAVAILABLE_MESSAGE, {
        keychain: 'unreachable',
        reason: error instanceof Error ? error.message : String(error)
      })
    }
  }

  async probe(): Promise<void> {
    // A read of an account that never exists proves the Secret Service answers, without prompting.
    await this.call((k) => k.getPassword(this.service, '__lote_probe__'))
  }

  get(account: string): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, account))
  }

  set(account: string, secret: string): Promise<void> {
    return this.call((k) => k.setPassword(this.service, account, secret))
  }

  delete(account: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, account))
  }
}

/** For tests only: keys vanish with the process. */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory' as const
  private readonly secrets = new Map<string, string>()

  async probe(): Promise<void> {}

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret)
  }

  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account)
  }
}
