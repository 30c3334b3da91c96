// Connections: the built-in Sandbox and the analyst's Truora accounts. This module owns everything about
// reaching an account — the profiles (kept in settings), their API keys (only ever in the SecretStore: the OS
// keychain, or safeStorage once the analyst chose it), the Sandbox started on first use — and it is the one
// place a Truora client is built: with the account's shared rate limiter, and with its key registered for
// redaction by the log before any request can carry it.
import { randomUUID } from 'node:crypto'
import type { KeychainStatus, ProfileView } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { isApiKeyDestination, isLoopbackUrl } from '../../shared/security'
import {
  DEFAULT_BATCH_BASE_URL,
  DEFAULT_CHECKS_BASE_URL,
  SANDBOX_PROFILE_ID,
  type KeyState,
  type KeyVersion,
  type Profile
} from '../../shared/settings'
import type { Logger } from '../log'
import type { SecretStore } from '../store/secrets'
import type { SettingsStore } from '../store/settings'
import { TruoraClient, type TruoraClientOptions } from '../truora/client'
import type { UnknownShapeListener } from '../truora/types'
import { unknownShapeLogLine } from '../truora/parse'
import { systemClock, type Clock } from '../truora/clock'
import { isTruoraError } from '../truora/errors'
import { RateLimiter } from '../truora/rate-limiter'
import type { Auditor } from '../store/audit-log'

export interface RunningSandbox {
  url: string
  close(): Promise<void>
  /** Removes these checks from the Sandbox's state for good (a person erased in Lote), where it keeps one. */
  forget?(checkIds: readonly string[]): void
}

/** Starts the built-in Sandbox (launchBuiltInSandbox in the app, bound to the data folder; tests give their own). */
export type SandboxLauncher = () => Promise<RunningSandbox>

/** The Sandbox accepts any key but a refused one; the app's Sandbox connection uses this one. */
export const SANDBOX_API_KEY = 'lote-sandbox-key'

/** What the HTTP client needs to talk to one account. */
export interface Connection {
  profileId: string
  kind: Profile['kind']
  checksBaseUrl: string
  batchBaseUrl: string
  apiKey: string
  /** Sent with continuous checks (docs/truora-api.md decision 21); 0 unless the analyst chose 1. */
  keyVersion?: KeyVersion
  /** The key came from LOTE_API_KEY, not the keychain: what Truora says of it is not the stored key's state. */
  keyFromEnvironment?: boolean
}

/** How fast an account may be asked: where its shared limiter starts, and the ceiling it may climb back to. */
export interface AccountRates {
  requestsPerSecond: number
  maxRequestsPerSecond: number
}

const DEFAULT_RATES: AccountRates = { requestsPerSecond: 10, maxRequestsPerSecond: 20 }

/** A client for one account, with the limiter every request to that account goes through. */
export interface AccountClient {
  profileId: string
  kind: Profile['kind']
  client: TruoraClient
  limiter: RateLimiter
  /** The connection key's version, sent with continuous checks (decision 21). */
  keyVersion: KeyVersion
}

/**
 * Where a batch's checks live, as recorded with the batch: its profile's account, or the Sandbox at the address
 * given on the command line. A batch continues only there.
 */
export interface BatchConnection {
  profileId: string | null
  /** The Sandbox address the batch ran on (lote run --sandbox-url, or a command's own --sandbox). */
  endpoint?: string
}

/** Which account a `lote` command talks to, from its flags and environment. */
export interface ConnectionChoice {
  /** A connection by id or name. */
  profile?: string
  /** The built-in Sandbox. */
  sandbox?: boolean
  /** A Sandbox already running at this address. */
  sandboxUrl?: string
  /** LOTE_API_KEY, for servers without a keychain. */
  envKey?: string
}

/** A connection's key as the analyst sees it: none stored yet, or what its last use said. */
export type ConnectionKeyState = KeyState | 'missing'

/** What a batch's client tells as it goes: answers in unknown shapes, and whether Truora answers. */
export interface ClientListeners {
  onUnknownShape?: UnknownShapeListener
  onReachability?: TruoraClientOptions['onReachability']
}

export interface KeyTest {
  ok: boolean
  /** What the test says of the key; `unreachable` blames the network or Truora, never the key. */
  state: KeyState
  /** Stable code of the outcome: `key_works`, or the error kind (`key_refused`, `network`, `timeout`…). */
  code: string
  /** In English, for the command and the log; the app shows its own text for the code and folds this away. */
  message: string
}

/** What a failed key test says of the key: only a 401/403 blames it. */
function keyStateOfFailure(kind: string): KeyState {
  if (kind === 'key_refused') return 'refused'
  // Truora answered 2xx in a shape Lote does not know: the key was accepted.
  if (kind === 'unknown_shape') return 'works'
  return 'unreachable'
}

export type ClientTuning = Pick<
  TruoraClientOptions,
  'timeoutMs' | 'maxRetries' | 'retryBaseMs' | 'retryMaxMs'
>

export interface ConnectionsOptions {
  settings: SettingsStore
  /** The OS keychain. */
  keychain: SecretStore
  /** Where adding, replacing and removing keys is recorded. */
  audit?: Auditor
  /** Electron's safeStorage, offered when the keychain cannot be reached (desktop only). */
  safeStorage?: SecretStore
  launchSandbox: SandboxLauncher
  log: Logger
  shell: 'electron' | 'browser' | 'cli'
  clock?: Clock
  /** Timeouts and retry pacing of every client (tests shorten them). */
  clientTuning?: ClientTuning
}

export class Connections {
  private sandboxRun: Promise<RunningSandbox> | undefined
  private readonly limiters = new Map<string, RateLimiter>()
  /** Set by a `lote` command: every account this process asks for is this one. */
  private pinned: Connection | undefined
  private readonly clock: Clock

  constructor(private readonly options: ConnectionsOptions) {
    this.clock = options.clock ?? systemClock
  }

  // ---- Profiles ----

  private find(id: string): Profile {
    const profile = this.options.settings.get().profiles.find((p) => p.id === id)
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
    const keyConfigured = await this.hasKey(profile)
    return {
      ...profile,
      keyConfigured,
      keyState: keyConfigured ? this.storedKeyState(profile) : 'missing',
      active: profile.id === activeId
    }
  }

  /** What the last use of a stored key said; the Sandbox's key always works. */
  private storedKeyState(profile: Profile): KeyState {
    if (profile.kind === 'sandbox') return 'works'
    return this.options.settings.get().keyStates[profile.id]?.state ?? 'untested'
  }

  /** The state of a connection's key: `missing` when none is stored. */
  async keyState(id: string): Promise<ConnectionKeyState> {
    const profile = this.find(id)
    return (await this.hasKey(profile)) ? this.storedKeyState(profile) : 'missing'
  }

  /** Records what Truora said of a stored key (written only when it changes). `null` forgets it: untested. */
  private recordKeyState(id: string, state: KeyState | null): void {
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

  /**
   * Tests a key that is untested or whose last test could not reach Truora, and says where it stands. A refused
   * key is not tried again on its own: the analyst replaces it or tests it from Connections.
   */
  async checkKey(id: string): Promise<ConnectionKeyState> {
    const state = await this.keyState(id)
    if (state === 'untested' || state === 'unreachable') return (await this.test(id)).state
    return state
  }

  /**
   * Refuses to go on unless the connection's key works: a paid batch never starts on a key that is missing,
   * refused, untested or that Truora could not be asked about (an untested one is tested here first).
   */
  async requireWorkingKey(id: string): Promise<void> {
    // A command pinned to a connection uses that one whatever the batch recorded.
    const pinned = this.pinned
    if ((pinned?.kind ?? this.find(id).kind) === 'sandbox') return
    if (pinned) id = pinned.profileId
    const profile = this.find(id)
    // A key from LOTE_API_KEY has no stored state: it is tested each time.
    const state = pinned?.keyFromEnvironment ? (await this.test(id)).state : await this.checkKey(id)
    switch (state) {
      case 'works':
        return
      case 'missing':
        throw new AppError(
          'key_refused',
          `The connection "${profile.name}" has no API key yet. Add one in Connections.`,
          { keyState: state, profileId: id }
        )
      case 'refused':
        throw new AppError(
          'key_refused',
          `Truora refused the API key of the connection "${profile.name}". Replace it in Connections; nothing was sent.`,
          { keyState: state, profileId: id }
        )
      default:
        throw new AppError(
          'network',
          `Truora could not be reached to test the key of "${profile.name}", so the batch was not started. Check the connection and try again.`,
          { keyState: state, profileId: id }
        )
    }
  }

  async list(): Promise<ProfileView[]> {
    const { profiles, activeProfileId } = this.options.settings.get()
    return Promise.all(profiles.map((p) => this.view(p, activeProfileId)))
  }

  async get(id: string): Promise<ProfileView> {
    return this.view(this.find(id), this.options.settings.get().activeProfileId)
  }

  /** The connection new batches use: the one a command chose, else the active one. */
  activeProfileId(): string {
    return this.pinned?.profileId ?? this.options.settings.get().activeProfileId
  }

  async create(input: { name: string; checksBaseUrl?: string; batchBaseUrl?: string; apiKey?: string }) {
    const id = `truora-${randomUUID().slice(0, 8)}`
    // Store the key first: a profile that claims a key it does not have would fail at the first batch.
    if (input.apiKey) {
      await this.storeKey(id, input.apiKey)
      this.options.audit?.record('key.added', { backend: this.secrets().backend }, { connection: id })
    }
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
    await this.secrets()
      .delete(id)
      .catch((error: unknown) =>
        this.options.log.warn(`Could not delete the key of ${id} from the keychain`, error)
      )
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

  // ---- Keys ----

  /** The one door a key goes through on its way in or out: from here on the log never shows it. */
  private remember(apiKey: string): string {
    this.options.log.addSecret(apiKey)
    return apiKey
  }

  /** A new key is untested until Truora has answered a request made with it. */
  private async storeKey(id: string, apiKey: string): Promise<void> {
    await this.secrets().set(id, this.remember(apiKey))
    this.recordKeyState(id, null)
  }

  async setKey(id: string, apiKey: string): Promise<ProfileView> {
    const profile = this.find(id)
    if (profile.kind === 'sandbox') throw new AppError('invalid_input', 'The Sandbox needs no API key.')
    const replaced =
      (await this.secrets()
        .get(id)
        .catch(() => null)) !== null
    await this.storeKey(id, apiKey)
    this.options.audit?.record(
      replaced ? 'key.replaced' : 'key.added',
      { backend: this.secrets().backend },
      {
        connection: id
      }
    )
    this.options.log.info(`Stored the API key of ${id} in the ${this.secrets().backend}`)
    return this.get(id)
  }

  async deleteKey(id: string): Promise<ProfileView> {
    this.find(id)
    const removed = await this.secrets().delete(id)
    if (removed)
      this.options.audit?.record('key.removed', { backend: this.secrets().backend }, { connection: id })
    this.recordKeyState(id, null)
    this.options.log.info(`Deleted the API key of ${id}`)
    return this.get(id)
  }

  /**
   * "Test key": one cheap authenticated read. Its outcome becomes the key's state: a 401/403 is a refused key,
   * a network failure, timeout or server error leaves the key blameless (`unreachable`).
   */
  async test(id: string): Promise<KeyTest> {
    const connection = await this.connection(id)
    const client = this.build(connection, { maxRetries: 3, timeoutMs: 15_000 })
    const record = (state: KeyState) => {
      if (!connection.keyFromEnvironment) this.recordKeyState(connection.profileId, state)
    }
    try {
      const types = await client.listCustomTypes()
      const where = connection.kind === 'sandbox' ? 'the Sandbox' : new URL(connection.checksBaseUrl).host
      record('works')
      return {
        ok: true,
        state: 'works',
        code: 'key_works',
        message: `${where} accepted the key (${types.length} custom types on the account).`
      }
    } catch (error) {
      if (!isTruoraError(error)) throw error
      this.options.log.info(`Key test for ${connection.profileId} failed: ${error.kind}`)
      const state = keyStateOfFailure(error.kind)
      record(state)
      return { ok: state === 'works', state, code: error.kind, message: error.message }
    }
  }

  // ---- Where keys are kept ----

  /** The store API keys go to: the keychain, or safeStorage once the analyst chose it. */
  private secrets(): SecretStore {
    const { settings, safeStorage, keychain } = this.options
    if (settings.get().secretBackend === 'safeStorage' && safeStorage) return safeStorage
    return keychain
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

  // ---- The built-in Sandbox ----

  /** The built-in Sandbox, started on first use and shared by everything in this process. */
  sandbox(): Promise<RunningSandbox> {
    this.sandboxRun ??= this.options.launchSandbox().catch((error: unknown) => {
      this.sandboxRun = undefined
      throw error
    })
    return this.sandboxRun
  }

  // ---- Connections and clients ----

  /** The connection of a profile (the active one by default), with its key. Never leaves the main process. */
  async connection(id?: string): Promise<Connection> {
    if (this.pinned) return this.pinned
    return this.connectionOf(id ?? this.options.settings.get().activeProfileId)
  }

  private async connectionOf(id: string, envKey?: string): Promise<Connection> {
    const profile = this.find(id)
    if (profile.kind === 'sandbox') {
      const { url } = await this.sandbox()
      return {
        profileId: id,
        kind: 'sandbox',
        checksBaseUrl: url,
        batchBaseUrl: url,
        apiKey: SANDBOX_API_KEY,
        keyVersion: profile.keyVersion
      }
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
    return {
      profileId: id,
      kind: 'truora',
      checksBaseUrl: profile.checksBaseUrl,
      batchBaseUrl: profile.batchBaseUrl,
      apiKey: this.remember(apiKey),
      keyVersion: profile.keyVersion,
      ...(envKey ? { keyFromEnvironment: true } : {})
    }
  }

  /**
   * The connection a batch ran with, and only that one: its Sandbox address, or its profile's account. A
   * command pinned to another connection is refused rather than sent to the wrong place (the batch's checks
   * live where it started; asking elsewhere would create them again).
   */
  async connectionForBatch(batch: BatchConnection): Promise<Connection> {
    const endpoint = batch.endpoint ? normaliseUrl(batch.endpoint) : undefined
    const profileId = batch.profileId ?? SANDBOX_PROFILE_ID
    if (this.pinned) {
      const pinned = this.pinned
      const same = endpoint
        ? pinned.kind === 'sandbox' && normaliseUrl(pinned.checksBaseUrl) === endpoint
        : profileId === SANDBOX_PROFILE_ID
          ? pinned.kind === 'sandbox'
          : pinned.profileId === profileId
      if (!same)
        throw new AppError(
          'conflict',
          endpoint
            ? `This batch ran on the Sandbox at ${endpoint}; it continues only there, where its checks are.`
            : `This batch ran on the connection "${this.nameOf(profileId)}"; it continues only there, where its checks are.`
        )
      return pinned
    }
    if (endpoint)
      return {
        profileId: SANDBOX_PROFILE_ID,
        kind: 'sandbox',
        checksBaseUrl: endpoint,
        batchBaseUrl: endpoint,
        apiKey: SANDBOX_API_KEY
      }
    return this.connectionOf(profileId)
  }

  /** A client for the account a batch ran on (see connectionForBatch); `listen` hears what its answers say. */
  async clientForBatch(
    batch: BatchConnection,
    rates?: AccountRates,
    listen: ClientListeners = {}
  ): Promise<AccountClient> {
    const connection = await this.connectionForBatch(batch)
    // A Sandbox at its own address has its own limiter: it is not the built-in one.
    const limiterKey = batch.endpoint ? `sandbox@${connection.checksBaseUrl}` : connection.profileId
    const limiter = this.limiterFor(limiterKey, rates)
    return {
      profileId: limiterKey,
      kind: connection.kind,
      client: this.build(
        connection,
        { limiter, onReachability: listen.onReachability },
        listen.onUnknownShape
      ),
      limiter,
      keyVersion: connection.keyVersion ?? 0
    }
  }

  private nameOf(profileId: string): string {
    return this.options.settings.get().profiles.find((p) => p.id === profileId)?.name ?? profileId
  }

  /**
   * For a `lote` command: resolves the connection its flags name and makes it the only one this process uses,
   * whatever profile a batch recorded.
   */
  async pin(choice: ConnectionChoice): Promise<Connection> {
    this.pinned = await this.choose(choice)
    return this.pinned
  }

  private async choose(choice: ConnectionChoice): Promise<Connection> {
    if (choice.sandboxUrl) {
      const url = normaliseUrl(choice.sandboxUrl)
      // LOTE_API_KEY goes only to a Sandbox on this computer; any other address gets the Sandbox's own key.
      const apiKey = this.remember(choice.envKey && isLoopbackUrl(url) ? choice.envKey : SANDBOX_API_KEY)
      return { profileId: SANDBOX_PROFILE_ID, kind: 'sandbox', checksBaseUrl: url, batchBaseUrl: url, apiKey }
    }
    if (choice.sandbox) return this.connectionOf(SANDBOX_PROFILE_ID)
    let profileId = this.options.settings.get().activeProfileId
    if (choice.profile) {
      const wanted = choice.profile.toLowerCase()
      const profiles = this.options.settings.get().profiles
      const profile = profiles.find((p) => p.id === choice.profile || p.name.toLowerCase() === wanted)
      if (!profile)
        throw new AppError(
          'not_found',
          `There is no connection named "${choice.profile}". Connections: ${profiles.map((p) => p.name).join(', ')}.`
        )
      profileId = profile.id
    }
    return this.connectionOf(profileId, choice.envKey)
  }

  /**
   * The one rate limiter of an account, shared by batches and every other request the app makes with it, so
   * together they stay within what Truora accepts. The first caller's rates set where it starts.
   */
  limiterFor(profileId: string, rates: AccountRates = DEFAULT_RATES): RateLimiter {
    let limiter = this.limiters.get(profileId)
    if (!limiter) {
      limiter = new RateLimiter({
        rate: rates.requestsPerSecond,
        maxRate: Math.max(rates.requestsPerSecond, rates.maxRequestsPerSecond),
        // Retry-After already pauses everyone; a gentle cut keeps the rate near the limit instead of half.
        decreaseFactor: 0.75,
        clock: this.clock
      })
      this.limiters.set(profileId, limiter)
    }
    return limiter
  }

  /**
   * A client for a profile's account (the active one by default). The key stays inside the client.
   * `onUnknownShape` also hears of answers in a shape Lote does not know (a batch tells its analyst).
   */
  async client(
    profileId?: string,
    rates?: AccountRates,
    listen: { onUnknownShape?: UnknownShapeListener } = {}
  ): Promise<AccountClient> {
    const connection = await this.connection(profileId)
    const limiter = this.limiterFor(connection.profileId, rates)
    return {
      profileId: connection.profileId,
      kind: connection.kind,
      client: this.build(connection, { limiter }, listen.onUnknownShape),
      limiter,
      keyVersion: connection.keyVersion ?? 0
    }
  }

  /** Where every client is made. */
  private build(
    connection: Connection,
    extra: Partial<TruoraClientOptions>,
    onUnknownShape?: UnknownShapeListener
  ): TruoraClient {
    // Every request made with a stored key tells its state: a batch that meets a refused key marks it refused,
    // and the wizard then refuses to start another until the key is replaced.
    const tracked = connection.kind === 'truora' && !connection.keyFromEnvironment
    return new TruoraClient({
      onKeyAnswer: tracked
        ? (answer) => this.recordKeyState(connection.profileId, answer === 'accepted' ? 'works' : 'refused')
        : undefined,
      onUnknownShape: (report) => {
        // Only the structure of the answer is logged, never its values.
        this.options.log.warn(unknownShapeLogLine(report))
        onUnknownShape?.(report)
      },
      checksBaseUrl: connection.checksBaseUrl,
      batchBaseUrl: connection.batchBaseUrl,
      apiKey: this.remember(connection.apiKey),
      clock: this.clock,
      userAgent: 'Lote',
      ...this.options.clientTuning,
      ...extra
    })
  }

  /**
   * Personal data Lote no longer keeps (a person erased, a batch purged or deleted) leaves the built-in
   * Sandbox's kept state too: its checks of them are removed for good. A failure is logged, never passed on:
   * what Lote itself held is gone already.
   */
  async forgetSandboxChecks(checkIds: readonly string[]): Promise<void> {
    if (checkIds.length === 0) return
    try {
      const sandbox = await this.sandbox()
      sandbox.forget?.(checkIds)
    } catch (error) {
      this.options.log.warn("Could not remove checks from the built-in Sandbox's kept state", error)
    }
  }

  async close(): Promise<void> {
    const run = this.sandboxRun
    this.sandboxRun = undefined
    if (run) await (await run).close().catch(() => undefined)
  }
}

/** An address as recorded and compared: no trailing slash. */
function normaliseUrl(url: string): string {
  return url.replace(/\/+$/, '')
}
