// How Lote talks to Truora, below the endpoints: one request sent with the API key (only to the configured
// hosts), form-encoded, under a timeout and the account's shared rate limiter; retried with backoff by a policy
// that never creates a check twice (decision 7); its failure mapped to a TruoraError (http-errors.ts); its JSON
// answer parsed with every unknown shape reported; pages followed as async iterators. Listeners hear what each
// answer says about the key and about whether Truora answers at all. Runs in plain Node on the global fetch.
import { systemClock, type Clock } from './clock'
import { mayHaveReachedServer, NOT_REACHED_CODES, TruoraError } from './errors'
import { abortedError, httpError, noAnswerError, type HttpResponse } from './http-errors'
import { describeShape, type ShapeReporter } from './parse'
import type { RateLimiter } from './rate-limiter'
import type { Page, UnknownShapeListener } from './types'

export type { HttpResponse } from './http-errors'

export interface TruoraClientOptions {
  /** e.g. https://api.checks.truora.com */
  checksBaseUrl: string
  /** e.g. https://api.account.truora.com (decision 1) */
  batchBaseUrl: string
  apiKey: string
  /** Shared by every client of the same account, so their requests add up to one rate. */
  limiter?: RateLimiter
  /** Per attempt, from sending the request to the end of the body. Default 30 s. */
  timeoutMs?: number
  /** Attempts after the first one for transient failures. Default 5. */
  maxRetries?: number
  /** First backoff ceiling; doubles per attempt up to `retryMaxMs`. Default 500 ms. */
  retryBaseMs?: number
  retryMaxMs?: number
  clock?: Clock
  /** Source of jitter, 0 ≤ x < 1. */
  random?: () => number
  userAgent?: string
  /**
   * Told about every answer (or part of one) that matches no shape Lote knows, with its structure only.
   * Whole answers of an unknown shape also fail with a `unknown_shape` error; parts are left out or kept
   * without what could not be read.
   */
  onUnknownShape?: UnknownShapeListener
  /**
   * Told what an answer said about the API key: accepted (a 2xx to a request that carried it) or refused
   * (401/403). Connections keep it as the key's state; network failures say nothing about the key.
   */
  onKeyAnswer?: (answer: 'accepted' | 'refused') => void
  /**
   * Told after every attempt whether Truora answered (`answering`), could not be reached or failed on its side
   * (`unreachable`: the network, a timeout, a 5xx), or asked to slow down (`throttled`: a 429). A batch shows
   * outages and throttling as they happen from it.
   */
  onReachability?: (state: Reachability, error?: TruoraError) => void
}

export type Reachability = 'answering' | 'unreachable' | 'throttled'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * - safe: repeating it changes nothing (GET, idempotent PUT/DELETE/POST): retry any transient failure.
 * - create-check: retry, but once the server may have seen it, only with force_creation=false.
 * - unsafe: retry only when the server certainly did not act (429, connection refused).
 */
export type RetryPolicy = 'safe' | 'create-check' | 'unsafe'

export type FormFields = Record<string, string | number | boolean | undefined | null>

export interface RequestSpec {
  method: Method
  url: URL
  /** Built per attempt: a create's retry differs from its first attempt. */
  form?: (serverMayHaveSeenIt: boolean) => FormFields
  body?: Uint8Array
  contentType?: string
  /** Off for upload links and foreign download links: the key goes only to the configured hosts. */
  sendKey?: boolean
  retry: RetryPolicy
  signal?: AbortSignal
  /** A PUT to a batch upload link: its refusals mean the link, not the key. */
  upload?: boolean
  beforeSend?: () => void
}

export function encodeForm(fields: FormFields): string {
  const form = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue
    form.append(name, typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value))
  }
  return form.toString()
}

/** A path segment, escaped. */
export function enc(segment: string): string {
  return encodeURIComponent(segment)
}

function joinUrl(base: URL, path: string, query?: Record<string, string | number | undefined>): URL {
  const url = new URL(base.href.replace(/\/+$/, '') + path)
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value))
  return url
}

export class TruoraHttp {
  readonly checksBase: URL
  readonly batchBase: URL
  private readonly apiKey: string
  private readonly limiter?: RateLimiter
  private readonly timeoutMs: number
  private readonly maxRetries: number
  private readonly retryBaseMs: number
  private readonly retryMaxMs: number
  private readonly clock: Clock
  private readonly random: () => number
  private readonly userAgent: string
  private readonly onUnknownShape: UnknownShapeListener
  private readonly onKeyAnswer: (answer: 'accepted' | 'refused') => void
  private readonly onReachability: (state: Reachability, error?: TruoraError) => void

  constructor(options: TruoraClientOptions) {
    this.checksBase = new URL(options.checksBaseUrl)
    this.batchBase = new URL(options.batchBaseUrl)
    this.apiKey = options.apiKey
    this.limiter = options.limiter
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.maxRetries = options.maxRetries ?? 5
    this.retryBaseMs = options.retryBaseMs ?? 500
    this.retryMaxMs = options.retryMaxMs ?? 20_000
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.userAgent = options.userAgent ?? 'Lote'
    this.onUnknownShape = options.onUnknownShape ?? (() => undefined)
    this.onKeyAnswer = options.onKeyAnswer ?? (() => undefined)
    this.onReachability = options.onReachability ?? (() => undefined)
  }

  now(): number {
    return this.clock.now()
  }

  checksUrl(path: string, query?: Record<string, string | number | undefined>): URL {
    return joinUrl(this.checksBase, path, query)
  }

  batchUrl(path: string, query?: Record<string, string | number | undefined>): URL {
    return joinUrl(this.batchBase, path, query)
  }

  async getJson(url: URL, signal?: AbortSignal): Promise<unknown> {
    return this.json(await this.send({ method: 'GET', url, retry: 'safe', signal }))
  }

  json(response: HttpResponse): unknown {
    if (response.bytes.length === 0) return null
    try {
      return JSON.parse(response.bytes.toString('utf8'))
    } catch {
      throw new TruoraError({
        kind: 'unexpected_response',
        status: response.status,
        message: `Truora answered HTTP ${response.status} with a body that is not JSON.`
      })
    }
  }

  reportShape(what: string, request: string, value: unknown): void {
    this.onUnknownShape({ what, request, shape: describeShape(value) })
  }

  /**
   * Parses an answer, telling the listener about any part of it in an unknown shape; an answer that is
   * unknown as a whole is told about too, then thrown as an `unknown_shape` error naming the request.
   */
  read<T>(request: string, body: unknown, parse: (body: unknown, report: ShapeReporter) => T): T {
    try {
      return parse(body, (what, value) => this.reportShape(what, request, value))
    } catch (error) {
      if (error instanceof TruoraError && error.kind === 'unknown_shape') {
        this.onUnknownShape({ what: error.message, request, shape: error.shape ?? describeShape(body) })
        throw new TruoraError({
          kind: 'unknown_shape',
          request,
          shape: error.shape,
          message: `${error.message.replace(/\.$/, '')} to ${request}. Its structure (no values) is in the log.`
        })
      }
      throw error
    }
  }

  async *pages<T>(
    first: URL,
    parse: (body: unknown, report: ShapeReporter) => Page<T>,
    signal?: AbortSignal
  ): AsyncGenerator<T[]> {
    const seen = new Set<string>()
    let url = first
    const request = `GET ${first.pathname}`
    for (;;) {
      seen.add(url.href)
      const page = this.read(request, await this.getJson(url, signal), parse)
      yield page.items
      if (!page.next) return
      url = this.followNext(url, page.next, this.checksBase)
      // A server that hands back a page already read would otherwise loop forever.
      if (seen.has(url.href)) return
    }
  }

  /** `next` may be a path, a full URL or an opaque key; only its path and query are kept. */
  followNext(current: URL, next: string, base: URL): URL {
    if (next.startsWith('/') || /^https?:\/\//i.test(next)) {
      const target = new URL(next, base)
      return joinUrl(base, target.pathname + target.search)
    }
    const url = new URL(current)
    url.searchParams.set('start_key', next)
    return url
  }

  async send(spec: RequestSpec): Promise<HttpResponse> {
    const label = `${spec.method} ${spec.url.pathname}`
    let serverMayHaveSeenIt = false
    let attempt = 0
    for (;;) {
      attempt++
      let error: TruoraError
      try {
        const response = await this.attempt(spec, label, serverMayHaveSeenIt)
        if (response.status >= 200 && response.status < 300) {
          this.limiter?.report({ kind: 'success' })
          if (spec.sendKey !== false) this.onKeyAnswer('accepted')
          this.onReachability('answering')
          return response
        }
        error = httpError(
          response,
          label,
          spec.upload === true,
          (message) => this.redact(message),
          this.clock.now()
        )
        if (error.kind === 'key_refused') this.onKeyAnswer('refused')
      } catch (thrown) {
        if (!(thrown instanceof TruoraError)) throw thrown
        error = thrown
      }
      this.reportToLimiter(error)
      if (error.kind !== 'aborted')
        this.onReachability(
          error.kind === 'rate_limited' ? 'throttled' : error.transient ? 'unreachable' : 'answering',
          error
        )
      error.attempts = attempt
      if (attempt > this.maxRetries || !this.shouldRetry(spec.retry, error)) throw error
      if (mayHaveReachedServer(error)) serverMayHaveSeenIt = true
      await this.backoff(attempt, error, spec.signal)
    }
  }

  private async attempt(
    spec: RequestSpec,
    label: string,
    serverMayHaveSeenIt: boolean
  ): Promise<HttpResponse> {
    try {
      if (this.limiter) await this.limiter.acquire(spec.signal)
    } catch {
      throw abortedError(label)
    }
    spec.beforeSend?.()
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.userAgent }
    if (spec.sendKey !== false) headers['Truora-API-Key'] = this.apiKey
    let body: Uint8Array | string | undefined = spec.body
    if (spec.form) {
      body = encodeForm(spec.form(serverMayHaveSeenIt))
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
    } else if (spec.contentType) headers['Content-Type'] = spec.contentType

    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs)
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout.signal]) : timeout.signal
    try {
      const response = await fetch(spec.url, {
        method: spec.method,
        headers,
        body,
        signal,
        redirect: 'manual'
      })
      const bytes = Buffer.from(await response.arrayBuffer())
      return { status: response.status, headers: response.headers, bytes }
    } catch (error) {
      if (spec.signal?.aborted) throw abortedError(label)
      throw noAnswerError(error, {
        label,
        origin: spec.url.origin,
        timedOut: timeout.signal.aborted,
        timeoutMs: this.timeoutMs
      })
    } finally {
      clearTimeout(timer)
    }
  }

  private shouldRetry(policy: RetryPolicy, error: TruoraError): boolean {
    if (!error.transient) return false
    if (policy === 'unsafe')
      return error.kind === 'rate_limited' || NOT_REACHED_CODES.has(error.networkCode ?? '')
    return true
  }

  private reportToLimiter(error: TruoraError): void {
    if (!this.limiter) return
    if (error.kind === 'rate_limited' || error.status === 503)
      this.limiter.report({ kind: 'throttled', retryAfterMs: error.retryAfterMs })
    else if (error.kind === 'server_error' || error.kind === 'network' || error.kind === 'timeout')
      this.limiter.report({ kind: 'failure' })
    else if (error.kind !== 'aborted') this.limiter.report({ kind: 'success' })
  }

  /** Full jitter (a random wait up to an exponentially growing ceiling), or what the server asked for. */
  private async backoff(attempt: number, error: TruoraError, signal?: AbortSignal): Promise<void> {
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (attempt - 1))
    const delay = error.retryAfterMs ?? Math.floor(this.random() * ceiling)
    try {
      await this.clock.sleep(delay, signal)
    } catch {
      throw abortedError(error.request ?? 'The request')
    }
  }

  /** Defence in depth: a server that echoes the key back must not get it into logs or the UI. */
  private redact(message: string): string {
    return this.apiKey.length >= 4 ? message.split(this.apiKey).join('[redacted]') : message
  }
}
