// Connections: the built-in Sandbox and the analyst's Truora accounts. This facade owns everything about
// reaching an account — the profiles (profiles.ts, kept in settings), their API keys (keys.ts: only ever in the
// SecretStore, the OS keychain or safeStorage once the analyst chose it), the Sandbox started on first use —
// and it is the one place a Truora client is built (clients.ts): with the account's shared rate limiter, and
// with its key registered for redaction by the log before any request can carry it.
import type { KeychainStatus, ProfileView } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { isApiKeyDestination, isLoopbackUrl } from '../../shared/security'
import { SANDBOX_PROFILE_ID, type KeyState, type KeyVersion } from '../../shared/settings'
import type { UnknownShapeListener } from '../truora/types'
import { systemClock, type Clock } from '../truora/clock'
import { isTruoraError } from '../truora/errors'
import type { RateLimiter } from '../truora/rate-limiter'
import { AccountClients } from './clients'
import { Keys, keyStateOfFailure } from './keys'
import { Profiles } from './profiles'
import {
  SANDBOX_API_KEY,
  type AccountClient,
  type AccountRates,
  type BatchConnection,
  type ClientListeners,
  type Connection,
  type ConnectionChoice,
  type ConnectionKeyState,
  type ConnectionsOptions,
  type KeyTest,
  type RunningSandbox
} from './types'

export {
  SANDBOX_API_KEY,
  type AccountClient,
  type AccountRates,
  type BatchConnection,
  type ClientListeners,
  type ClientTuning,
  type Connection,
  type ConnectionChoice,
  type ConnectionKeyState,
  type ConnectionsOptions,
  type KeyTest,
  type RunningSandbox,
  type SandboxLauncher
} from './types'

export class Connections {
  private sandboxRun: Promise<RunningSandbox> | undefined
  /** Set by a `lote` command: every account this process asks for is this one. */
  private pinned: Connection | undefined
  private readonly keys: Keys
  private readonly profiles: Profiles
  private readonly clients: AccountClients

  constructor(private readonly options: ConnectionsOptions) {
    const clock: Clock = options.clock ?? systemClock
    this.keys = new Keys(options, clock)
    this.profiles = new Profiles(options, this.keys)
    this.clients = new AccountClients(options, clock, this.keys)
  }

  // ---- Profiles ----

  list(): Promise<ProfileView[]> {
    return this.profiles.list()
  }

  get(id: string): Promise<ProfileView> {
    return this.profiles.get(id)
  }

  /** The connection new batches use: the one a command chose, else the active one. */
  activeProfileId(): string {
    return this.pinned?.profileId ?? this.profiles.activeId()
  }

  create(input: {
    name: string
    checksBaseUrl?: string
    batchBaseUrl?: string
    apiKey?: string
  }): Promise<ProfileView> {
    return this.profiles.create(input)
  }

  update(input: {
    id: string
    name?: string
    checksBaseUrl?: string
    batchBaseUrl?: string
    keyVersion?: KeyVersion
  }): Promise<ProfileView> {
    return this.profiles.update(input)
  }

  delete(id: string): Promise<ProfileView[]> {
    return this.profiles.delete(id)
  }

  activate(id: string): Promise<ProfileView[]> {
    return this.profiles.activate(id)
  }

  // ---- Keys and their states ----

  /** The state of a connection's key: `missing` when none is stored. */
  async keyState(id: string): Promise<ConnectionKeyState> {
    const profile = this.profiles.find(id)
    return (await this.keys.has(profile)) ? this.keys.storedState(profile) : 'missing'
  }

  async setKey(id: string, apiKey: string): Promise<ProfileView> {
    const profile = this.profiles.find(id)
    if (profile.kind === 'sandbox') throw new AppError('invalid_input', 'The Sandbox needs no API key.')
    await this.keys.set(id, apiKey)
    this.options.log.info(`Stored the API key of ${id} in the ${this.keys.secrets().backend}`)
    return this.get(id)
  }

  async deleteKey(id: string): Promise<ProfileView> {
    this.profiles.find(id)
    await this.keys.delete(id)
    this.options.log.info(`Deleted the API key of ${id}`)
    return this.get(id)
  }

  keychainStatus(): Promise<KeychainStatus> {
    return this.keys.keychainStatus()
  }

  useSafeStorage(): Promise<KeychainStatus> {
    return this.keys.useSafeStorage()
  }

  /**
   * "Test key": one cheap authenticated read. Its outcome becomes the key's state: a 401/403 is a refused key,
   * a network failure, timeout or server error leaves the key blameless (`unreachable`).
   */
  async test(id: string): Promise<KeyTest> {
    const connection = await this.connection(id)
    const client = this.clients.build(connection, { maxRetries: 3, timeoutMs: 15_000 })
    const record = (state: KeyState) => {
      if (!connection.keyFromEnvironment) this.keys.record(connection.profileId, state)
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
    if ((pinned?.kind ?? this.profiles.find(id).kind) === 'sandbox') return
    if (pinned) id = pinned.profileId
    const profile = this.profiles.find(id)
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

  // ---- The built-in Sandbox ----

  /** The built-in Sandbox, started on first use and shared by everything in this process. */
  sandbox(): Promise<RunningSandbox> {
    this.sandboxRun ??= this.options.launchSandbox().catch((error: unknown) => {
      this.sandboxRun = undefined
      throw error
    })
    return this.sandboxRun
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

  // ---- Connections and clients ----

  /** The connection of a profile (the active one by default), with its key. Never leaves the main process. */
  async connection(id?: string): Promise<Connection> {
    if (this.pinned) return this.pinned
    return this.connectionOf(id ?? this.profiles.activeId())
  }

  private async connectionOf(id: string, envKey?: string): Promise<Connection> {
    const profile = this.profiles.find(id)
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
    const apiKey = envKey ? this.keys.remember(envKey) : await this.keys.stored(id)
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
      apiKey,
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
            : `This batch ran on the connection "${this.profiles.nameOf(profileId)}"; it continues only there, where its checks are.`
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
    return this.clients.account(connection, limiterKey, rates, listen)
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
      const apiKey = this.keys.remember(choice.envKey && isLoopbackUrl(url) ? choice.envKey : SANDBOX_API_KEY)
      return { profileId: SANDBOX_PROFILE_ID, kind: 'sandbox', checksBaseUrl: url, batchBaseUrl: url, apiKey }
    }
    if (choice.sandbox) return this.connectionOf(SANDBOX_PROFILE_ID)
    let profileId = this.profiles.activeId()
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
  limiterFor(profileId: string, rates?: AccountRates): RateLimiter {
    return this.clients.limiterFor(profileId, rates)
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
    return this.clients.account(connection, connection.profileId, rates, listen)
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
