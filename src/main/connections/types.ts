// What reaching an account involves, as the rest of the app sees it: a connection with its key, a client with
// its account's limiter, where a batch's checks live, and what a `lote` command chose. The classes that make
// them are Connections (connections.ts) and its parts: profiles.ts, keys.ts, clients.ts.
import type { KeyState, KeyVersion, Profile } from '../../shared/settings'
import type { Logger } from '../log'
import type { SecretStore } from '../store/secrets'
import type { SettingsStore } from '../store/settings'
import type { TruoraClient, TruoraClientOptions } from '../truora/client'
import type { UnknownShapeListener } from '../truora/types'
import type { Clock } from '../truora/clock'
import type { RateLimiter } from '../truora/rate-limiter'
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
