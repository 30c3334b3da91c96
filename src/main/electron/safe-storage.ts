// Keys encrypted with Electron's safeStorage (DPAPI, Keychain or libsecret-derived keys), in a file in the
// app's data folder. Offered only when the keychain itself cannot be reached.
import { safeStorage } from 'electron'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/result'
import type { SecretStore } from '../store/secrets'

export class SafeStorageSecretStore implements SecretStore {
  readonly backend = 'safeStorage' as const
  private readonly file: string

  constructor(dataDir: string) {
    this.file = join(dataDir, 'keys.enc.json')
  }

  async probe(): Promise<void> {
    if (!safeStorage.isEncryptionAvailable())
      throw new AppError(
        'keychain_unavailable',
        'Your operating system offers no encryption for stored keys.'
      )
    if (safeStorage.getSelectedStorageBackend?.() === 'basic_text')
      throw new AppError(
        'keychain_unavailable',
        'Your desktop has no keyring, so keys could only be stored with weak obfuscation. Install gnome-keyring or KWallet.'
      )
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {}
    return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>
  }

  private write(entries: Record<string, string>): void {
    const temp = `${this.file}.tmp`
    writeFileSync(temp, JSON.stringify(entries), { mode: 0o600 })
    renameSync(temp, this.file)
  }

  async get(account: string): Promise<string | null> {
    const sealed = this.read()[account]
    return sealed ? safeStorage.decryptString(Buffer.from(sealed, 'base64')) : null
  }

  async set(account: string, secret: string): Promise<void> {
    await this.probe()
    this.write({ ...this.read(), [account]: safeStorage.encryptString(secret).toString('base64') })
  }

  async delete(account: string): Promise<boolean> {
    const entries = this.read()
    if (!(account in entries)) return false
    delete entries[account]
    this.write(entries)
    return true
  }
}
