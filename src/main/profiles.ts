// Connection profiles: the built-in Sandbox and Truora accounts. Profiles live in settings; their keys live
// only in the SecretStore, and leave this module only inside a Connection used by the HTTP client.
import { randomUUID } from 'node:crypto'
import type { ProfileView } from '../shared/contract'
import { AppError } from '../shared/result'
import { isApiKeyDestination } from '../shared/security'
import {
  DEFAULT_BATCH_BASE_URL,
  DEFAULT_CHECKS_BASE_URL,
  SANDBOX_PROFILE_ID,
  type Profile
} from '../shared/settings'
import type { Logger } from './log'
import type { SettingsStore } from './store/settings'
import type { SecretStore } from './store/secrets'

/** What the HTTP client needs to talk to one account. */
export interface Connection {
  profileId: string
  kind: Profile['kind']
  checksBaseUrl: string
  batchBaseUrl: string
  apiKey: string
}

/** Starts the built-in Sandbox on first use and returns its address and the key it accepts. */
export type SandboxProvider = () => Promise<{ url: string; apiKey: string }>

export class ProfileService {
  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: () => SecretStore,
    private readonly sandbox: SandboxProvider,
    private readonly log: Logger
  ) {}

  private find(id: string): Profile {
    const profile = this.settings.get().profiles.find((p) => p.id === id)
    if (!profile) throw new AppError('not_found', 'That connection no longer exists. Pick another one.')
    return profile
  }

  private async hasKey(profile: Profile): Promise<boolean> {
    if (profile.kind === 'sandbox') return true
    try {
      return (await this.secrets().get(profile.id)) !== null
    } catch {
      return false
    }
  }

  private async view(profile: Profile, activeId: string): Promise<ProfileView> {
    return { ...profile, keyConfigured: await this.hasKey(profile), active: profile.id === activeId }
  }

  async list(): Promise<ProfileView[]> {
    const { profiles, activeProfileId } = this.settings.get()
    return Promise.all(profiles.map((p) => this.view(p, activeProfileId)))
  }

  async get(id: string): Promise<ProfileView> {
    return this.view(this.find(id), this.settings.get().activeProfileId)
  }

  async create(input: { name: string; checksBaseUrl?: string; batchBaseUrl?: string; apiKey?: string }) {
    const id = `truora-${randomUUID().slice(0, 8)}`
    // Store the key first: a profile that claims a key it does not have would fail at the first batch.
    if (input.apiKey) await this.setKeyFor(id, input.apiKey)
    this.settings.update((s) => {
      s.profiles.push({
        id,
        name: input.name,
        kind: 'truora',
        checksBaseUrl: input.checksBaseUrl ?? DEFAULT_CHECKS_BASE_URL,
        batchBaseUrl: input.batchBaseUrl ?? DEFAULT_BATCH_BASE_URL
      })
    })
    this.log.info(`Created connection ${id}`)
    return this.get(id)
  }

  async update(input: { id: string; name?: string; checksBaseUrl?: string; batchBaseUrl?: string }) {
    const profile = this.find(input.id)
    if (profile.kind === 'sandbox' && (input.checksBaseUrl || input.batchBaseUrl))
      throw new AppError('invalid_input', 'The Sandbox runs inside Lote; its address cannot be changed.')
    this.settings.update((s) => {
      const target = s.profiles.find((p) => p.id === input.id)
      if (!target) return
      if (input.name) target.name = input.name
      if (target.kind === 'truora') {
        if (input.checksBaseUrl) target.checksBaseUrl = input.checksBaseUrl
        if (input.batchBaseUrl) target.batchBaseUrl = input.batchBaseUrl
      }
    })
    return this.get(input.id)
  }

  async delete(id: string): Promise<ProfileView[]> {
    const profile = this.find(id)
    if (profile.kind === 'sandbox')
      throw new AppError('invalid_input', 'The Sandbox connection is built in and cannot be deleted.')
    await this.secrets()
      .delete(id)
      .catch((error: unknown) => this.log.warn(`Could not delete the key of ${id} from the keychain`, error))
    this.settings.update((s) => {
      s.profiles = s.profiles.filter((p) => p.id !== id)
      if (s.activeProfileId === id) s.activeProfileId = SANDBOX_PROFILE_ID
    })
    return this.list()
  }

  async activate(id: string): Promise<ProfileView[]> {
    this.find(id)
    this.settings.update((s) => {
      s.activeProfileId = id
    })
    return this.list()
  }

  private async setKeyFor(id: string, apiKey: string): Promise<void> {
    this.log.addSecret(apiKey)
    await this.secrets().set(id, apiKey)
  }

  async setKey(id: string, apiKey: string): Promise<ProfileView> {
    const profile = this.find(id)
    if (profile.kind === 'sandbox') throw new AppError('invalid_input', 'The Sandbox needs no API key.')
    await this.setKeyFor(id, apiKey)
    this.log.info(`Stored the API key of ${id} in the ${this.secrets().backend}`)
    return this.get(id)
  }

  async deleteKey(id: string): Promise<ProfileView> {
    this.find(id)
    await this.secrets().delete(id)
    this.log.info(`Deleted the API key of ${id}`)
    return this.get(id)
  }

  /** The connection for a profile (the active one by default), with its key. Main process only. */
  async connection(id = this.settings.get().activeProfileId, envKey?: string): Promise<Connection> {
    const profile = this.find(id)
    if (profile.kind === 'sandbox') {
      const { url, apiKey } = await this.sandbox()
      return { profileId: id, kind: 'sandbox', checksBaseUrl: url, batchBaseUrl: url, apiKey }
    }
    for (const url of [profile.checksBaseUrl, profile.batchBaseUrl])
      if (!isApiKeyDestination(url))
        throw new AppError(
          'invalid_input',
          `The connection "${profile.name}" points at ${new URL(url).host}, which is neither Truora nor a Sandbox on this computer: Lote does not send an API key there. Change its address in Connections.`
        )
    const apiKey = envKey ?? (await this.secrets().get(id))
    if (!apiKey)
      throw new AppError(
        'key_refused',
        `The connection "${profile.name}" has no API key yet. Add one in Connections.`
      )
    this.log.addSecret(apiKey)
    return {
      profileId: id,
      kind: 'truora',
      checksBaseUrl: profile.checksBaseUrl,
      batchBaseUrl: profile.batchBaseUrl,
      apiKey
    }
  }
}
