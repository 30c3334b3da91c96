// The connections the analyst keeps, as profiles in the settings: the built-in Sandbox and Truora accounts, each
// with its addresses, its key version and which one is active. Their keys are keys.ts's.
import { randomUUID } from 'node:crypto'
import type { ProfileView } from '../../shared/contract'
import { AppError } from '../../shared/result'
import {
  DEFAULT_BATCH_BASE_URL,
  DEFAULT_CHECKS_BASE_URL,
  SANDBOX_PROFILE_ID,
  type KeyVersion,
  type Profile
} from '../../shared/settings'
import type { Keys } from './keys'
import type { ConnectionsOptions } from './types'

export class Profiles {
  constructor(
    private readonly options: ConnectionsOptions,
    private readonly keys: Keys
  ) {}

  find(id: string): Profile {
    const profile = this.options.settings.get().profiles.find((p) => p.id === id)
    if (!profile) throw new AppError('not_found', 'That connection no longer exists. Pick another one.')
    return profile
  }

  nameOf(profileId: string): string {
    return this.options.settings.get().profiles.find((p) => p.id === profileId)?.name ?? profileId
  }

  /** The connection the app uses when nothing else is chosen. */
  activeId(): string {
    return this.options.settings.get().activeProfileId
  }

  private async view(profile: Profile, activeId: string): Promise<ProfileView> {
    const keyConfigured = await this.keys.has(profile)
    return {
      ...profile,
      keyConfigured,
      keyState: keyConfigured ? this.keys.storedState(profile) : 'missing',
      active: profile.id === activeId
    }
  }

  async list(): Promise<ProfileView[]> {
    const { profiles, activeProfileId } = this.options.settings.get()
    return Promise.all(profiles.map((p) => this.view(p, activeProfileId)))
  }

  async get(id: string): Promise<ProfileView> {
    return this.view(this.find(id), this.activeId())
  }

  async create(input: { name: string; checksBaseUrl?: string; batchBaseUrl?: string; apiKey?: string }) {
    const id = `truora-${randomUUID().slice(0, 8)}`
    // Store the key first: a profile that claims a key it does not have would fail at the first batch.
    if (input.apiKey) await this.keys.set(id, input.apiKey)
    this.options.settings.update((s) => {
      s.profiles.push({
        id,
        name: input.name,
        kind: 'truora',
        checksBaseUrl: input.checksBaseUrl ?? DEFAULT_CHECKS_BASE_URL,
        batchBaseUrl: input.batchBaseUrl ?? DEFAULT_BATCH_BASE_URL,
        keyVersion: 0
      })
    })
    this.options.log.info(`Created connection ${id}`)
    return this.get(id)
  }

  async update(input: {
    id: string
    name?: string
    checksBaseUrl?: string
    batchBaseUrl?: string
    keyVersion?: KeyVersion
  }) {
    const profile = this.find(input.id)
    if (profile.kind === 'sandbox' && (input.checksBaseUrl || input.batchBaseUrl))
      throw new AppError('invalid_input', 'The Sandbox runs inside Lote; its address cannot be changed.')
    this.options.settings.update((s) => {
      const target = s.profiles.find((p) => p.id === input.id)
      if (!target) return
      if (input.name) target.name = input.name
      if (input.keyVersion !== undefined) target.keyVersion = input.keyVersion
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
    await this.keys.forget(id)
    this.options.settings.update((s) => {
      s.profiles = s.profiles.filter((p) => p.id !== id)
      delete s.keyStates[id]
      delete s.connectionPreferences[id]
      if (s.activeProfileId === id) s.activeProfileId = SANDBOX_PROFILE_ID
    })
    return this.list()
  }

  async activate(id: string): Promise<ProfileView[]> {
    this.find(id)
    this.options.settings.update((s) => {
      s.activeProfileId = id
    })
    return this.list()
  }
}
