// The Sandbox: a local imitation of Truora's Checks API (and batch API) on one 127.0.0.1 origin, with knobs
// for latency, speed, rate limits and faults, and a test API under /__sandbox/. See docs/sandbox.md. This
// file is the server and the door every request passes (the key, the rate limit, latency, faults); the
// endpoints are routes declared by area (routes.ts), answering from the Sandbox's world of stores.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { accountRoutes } from './account-routes'
import { CustomTypeStore } from './account-config'
import { batchRoutes } from './batch-routes'
import { BatchStore } from './batches'
import { checkRoutes } from './check-routes'
import { CheckStore, type StoredCheck } from './check-store'
import { ContinuousCheckStore } from './continuous-checks'
import { ApiError, errorBody, formOf, readBody, type Reply } from './http'
import { DEFAULT_KNOBS, parseKnobChanges, type FaultMode, type SandboxKnobs } from './knobs'
import type { RequestContext, Route, SandboxHost, World } from './routes'
import { TokenBucket } from './rate-limit'
import { randomStream } from './seeded'
import { SimulatedClock } from './sim-clock'
import { StatsCounter, type SandboxStats } from './stats'
import type { SandboxState } from './state'
import { testRoutes } from './test-routes'

export type { SandboxKnobs } from './knobs'
export type { SandboxStats } from './stats'

export interface SandboxOptions extends Partial<SandboxKnobs> {
  /** 0 (default) picks a free port. */
  port?: number
  /** Time source (epoch ms), for tests that drive time by hand. */
  clock?: () => number
  /** What an earlier run of this Sandbox kept (its `snapshot()`): it goes on from there. */
  state?: SandboxState
  /** Told after every request that may have changed the Sandbox's state, so it can be kept. */
  onChange?: () => void
  /** Asked for a check it does not hold: one another process's Sandbox kept in the same place. */
  findElsewhere?: (checkId: string) => StoredCheck | null
}

export interface RunningSandbox {
  url: string
  port: number
  close(): Promise<void>
  stats(): SandboxStats
  knobs(): SandboxKnobs
  /** Changes knobs while running; throws a RangeError naming a bad value. */
  configure(changes: Partial<SandboxKnobs>): SandboxKnobs
  /** Forgets every check, type, setting, batch and counter; knobs stay. */
  reset(): void
  /** Moves the Sandbox's clock forward (real and simulated), e.g. to expire an upload link. */
  advance(ms: number): void
  /** Resolves when started batches have read their files. */
  idle(): Promise<void>
  /** Everything it holds (checks, types, settings, continuous checks, batches, its clock), to go on from later. */
  snapshot(): SandboxState
  /** Removes these checks for good, and the inputs of the batch rows they came from; how many it held. */
  forget(checkIds: readonly string[]): number
}

class Sandbox implements SandboxHost {
  knobs: SandboxKnobs
  readonly clock: SimulatedClock
  stats = new StatsCounter()
  origin = ''
  private random: () => number
  private readonly rateLimit: TokenBucket
  /** Everything it holds; a reset replaces it. */
  world!: World
  readonly routes: Route[]

  private readonly onChange: (() => void) | undefined
  private readonly findElsewhere: ((checkId: string) => StoredCheck | null) | undefined

  constructor(options: SandboxOptions) {
    const { port: _port, clock, state, onChange, findElsewhere, ...knobChanges } = options
    this.knobs = { ...DEFAULT_KNOBS, ...parseKnobChanges(knobChanges) }
    this.clock = new SimulatedClock(clock ?? Date.now, this.knobs.timeScale)
    this.random = randomStream(this.knobs.seed)
    this.rateLimit = new TokenBucket(
      () => this.knobs,
      () => this.clock.now()
    )
    this.onChange = onChange
    this.findElsewhere = findElsewhere
    this.resetWorld()
    if (state) this.restore(state)
    this.routes = [...checkRoutes(this), ...accountRoutes(this), ...batchRoutes(this), ...testRoutes(this)]
  }

  snapshot(): SandboxState {
    return {
      version: 1,
      clock: this.clock.snapshot(),
      checks: this.world.checks.snapshot(),
      types: this.world.types.snapshot(),
      settings: { ...this.world.settings },
      continuous: this.world.continuous.snapshot(),
      batches: this.world.batches.snapshot()
    }
  }

  private restore(state: SandboxState): void {
    this.clock.resumeFrom(state.clock)
    this.world.checks.restore(state.checks)
    this.world.types.restore(state.types)
    this.world.settings = { ...state.settings }
    this.world.continuous.restore(state.continuous)
    this.world.batches.restore(state.batches)
  }

  forget(checkIds: readonly string[]): number {
    const forgotten = this.world.checks.forget(checkIds)
    this.world.batches.forget(new Set(checkIds))
    return forgotten
  }

  resetWorld(): void {
    const checks = new CheckStore(
      this.clock,
      () => ({
        seed: this.knobs.seed,
        dedupeWindowMs: this.knobs.dedupeWindowMs,
        legacy: this.knobs.responseStyle === 'legacy',
        unusual: {
          unknownStatusRate: this.knobs.unknownStatusRate,
          unknownStatus: this.knobs.unknownStatus,
          stuckRate: this.knobs.stuckRate
        }
      }),
      (id) => this.findElsewhere?.(id) ?? null
    )
    const types = new CustomTypeStore(this.knobs.seed)
    const weightsFor = (country: string, type: string) => types.weightsFor(country, type)
    this.world = {
      checks,
      types,
      settings: { names_matching_type: 'soft', retries: false },
      continuous: new ContinuousCheckStore(this.clock, checks, () => this.knobs.seed),
      batches: new BatchStore(
        this.clock,
        checks,
        weightsFor,
        () => ({
          seed: this.knobs.seed,
          linkTtlMs: this.knobs.linkTtlMs,
          reportDelivery: this.knobs.reportDelivery,
          omitReportId: this.knobs.omitReportId
        }),
        () => this.onChange?.()
      )
    }
  }

  reset(): void {
    this.resetWorld()
    this.stats = new StatsCounter()
    this.random = randomStream(this.knobs.seed)
  }

  configure(changes: Partial<SandboxKnobs>): SandboxKnobs {
    const parsed = parseKnobChanges(changes)
    const next = { ...this.knobs, ...parsed }
    if (parsed.timeScale !== undefined) this.clock.setTimeScale(parsed.timeScale)
    if (parsed.seed !== undefined) this.random = randomStream(parsed.seed)
    this.knobs = next
    if (parsed.rateLimit !== undefined || parsed.rateLimitBurst !== undefined) this.rateLimit.refill()
    return this.knobs
  }

  statsSnapshot(): SandboxStats {
    return {
      requests: { ...this.stats.requests },
      responses: { ...this.stats.responses },
      throttled: this.stats.throttled,
      refusedKeys: this.stats.refusedKeys,
      faults: { ...this.stats.faults },
      checksCreated: this.world.checks.created,
      checksReturnedExisting: this.world.checks.returnedExisting,
      duplicates: this.world.checks.duplicates()
    }
  }

  idle(): Promise<void> {
    return this.world.batches.idle()
  }

  private pickFault(): FaultMode | null {
    if (this.knobs.faultRate <= 0 || this.random() >= this.knobs.faultRate) return null
    const modes = this.knobs.faultModes
    return modes[Math.floor(this.random() * modes.length)]
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.answer(req, res)
    } finally {
      // Reads change nothing (a check's progress is computed from the clock); anything else may have.
      if (req.method !== 'GET' && req.method !== 'HEAD') this.onChange?.()
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin)
    const method = req.method ?? 'GET'
    let body: Buffer
    try {
      body = await readBody(req)
    } catch (error) {
      return this.send(res, this.errorReply(error))
    }
    const ctx: RequestContext = {
      req,
      url,
      body,
      form: formOf(
        req,
        body,
        method === 'GET' || method === 'DELETE' ? new URLSearchParams() : url.searchParams
      )
    }
    const path = url.pathname
    const matched = this.match(method, path)
    const endpoint = matched ? `${method} ${matched.route.name}` : `${method} (unknown)`

    if (!path.startsWith('/v1/')) {
      // The test API, upload links and file links: no key, no faults, no rate limit.
      if (!path.startsWith('/__sandbox/')) this.stats.request(endpoint)
      return this.send(res, await this.dispatch(ctx, matched, method, path))
    }

    this.stats.request(endpoint)
    const latency = this.knobs.latencyMs + this.random() * this.knobs.latencyJitterMs
    if (latency > 0) await delay(latency)

    const wait = this.rateLimit.take()
    if (wait !== null) {
      this.stats.throttled++
      return this.send(res, {
        status: 429,
        json: errorBody(429, 'Too many requests: slow down and try again later', this.legacy()),
        headers: { 'Retry-After': String(wait) }
      })
    }
    const key = req.headers['truora-api-key']
    const keyText = Array.isArray(key) ? key[0] : key
    if (!keyText || this.knobs.refusedKeys.includes(keyText)) {
      this.stats.refusedKeys++
      const message = keyText
        ? 'The API key was refused'
        : 'Missing API key: send it in the Truora-API-Key header'
      return this.send(res, { status: 401, json: errorBody(401, message, this.legacy()) })
    }

    const fault = this.pickFault()
    if (fault === 'drop-before' || fault === 'error-before') return this.inject(res, fault)
    // A client that gave up before the Sandbox acted (its timeout ran out while this process was busy) has
    // closed the connection: the request has no effect, as a gateway that cancels it would ensure. Without
    // this, a retry could be acted on before the request it replaces.
    if (req.socket.destroyed || res.destroyed) return
    let reply = await this.dispatch(ctx, matched, method, path)
    if (this.knobs.listShape === 'unknown' && method === 'GET' && reply.status === 200 && 'json' in reply)
      reply = { ...reply, json: reshapeList(reply.json) }
    if (fault) return this.inject(res, fault)
    if (this.knobs.slowRate > 0 && this.random() < this.knobs.slowRate) {
      this.stats.faults.slow++
      await delay(this.knobs.slowMs)
    }
    return this.send(res, reply)
  }

  private inject(res: ServerResponse, fault: FaultMode): void {
    this.stats.faults[fault]++
    if (fault === 'drop-before' || fault === 'drop-after') {
      res.socket?.destroy()
      return
    }
    const statuses = this.knobs.faultStatuses
    const status = statuses[Math.floor(this.random() * statuses.length)]
    this.send(res, { status, json: errorBody(status, 'Internal error, please try again', this.legacy()) })
  }

  private match(method: string, path: string): { route: Route; params: string[] } | null {
    let fallback: { route: Route; params: string[] } | null = null
    for (const route of this.routes) {
      const found = route.pattern.exec(path)
      if (!found) continue
      const params = found.slice(1).map(decodeURIComponent)
      if (route.method === method) return { route, params }
      fallback ??= { route: { ...route, method: '' }, params }
    }
    return fallback
  }

  private async dispatch(
    ctx: RequestContext,
    matched: { route: Route; params: string[] } | null,
    method: string,
    path: string
  ): Promise<Reply> {
    try {
      if (!matched) throw new ApiError(404, `No endpoint ${method} ${path}`)
      if (matched.route.method !== method) throw new ApiError(405, `${method} is not allowed on ${path}`)
      return await matched.route.handle(ctx, matched.params)
    } catch (error) {
      return this.errorReply(error)
    }
  }

  private errorReply(error: unknown): Reply {
    if (error instanceof ApiError)
      return {
        status: error.status,
        json: errorBody(error.status, error.message, this.legacy()),
        headers: error.headers
      }
    const message = error instanceof Error ? error.message : String(error)
    return { status: 500, json: errorBody(500, `Sandbox internal error: ${message}`, this.legacy()) }
  }

  private legacy(): boolean {
    return this.knobs.responseStyle === 'legacy'
  }

  private send(res: ServerResponse, reply: Reply): void {
    if (res.destroyed) return
    this.stats.response(reply.status)
    const headers: Record<string, string> = { ...(reply.headers ?? {}) }
    let payload: Buffer
    if ('bytes' in reply) {
      payload = reply.bytes
      headers['Content-Type'] = reply.contentType
    } else {
      payload = Buffer.from(JSON.stringify(reply.json))
      headers['Content-Type'] = 'application/json; charset=utf-8'
    }
    headers['Content-Length'] = String(payload.length)
    res.writeHead(reply.status, headers)
    res.end(payload)
  }

  private pageSize(): number {
    return this.knobs.pageSize
  }
}

const LIST_KEYS = ['checks', 'details', 'attachments', 'continuous_checks', 'history']

/**
 * The `unknown` list shape: every list answers in a structure no Truora document shows, so the client's
 * handling of the unexpected can be tested. Health becomes a map by database; other lists move their items
 * to `records` and their next page to `cursor`.
 */
function reshapeList(body: unknown): unknown {
  if (Array.isArray(body))
    return {
      status_by_database: Object.fromEntries(
        body.map((entry: { database_name?: string; hourly_status?: unknown }) => [
          entry.database_name ?? '',
          entry.hourly_status
        ])
      )
    }
  if (typeof body !== 'object' || body === null) return body
  const record = body as Record<string, unknown>
  const key = LIST_KEYS.find((name) => Array.isArray(record[name]))
  if (!key) return body
  return { records: record[key], cursor: record.next ?? '', kind: key }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Starts the Sandbox on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = new Sandbox(options)
  const server = createServer((req, res) => {
    sandbox.serve(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(errorBody(500, `Sandbox internal error: ${String(error)}`, false)))
      }
    })
  })
  // Keep-alive sockets left open by clients must not hold close() up.
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  sandbox.origin = url
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
    stats: () => sandbox.statsSnapshot(),
    knobs: () => ({ ...sandbox.knobs }),
    configure: (changes) => ({ ...sandbox.configure(changes) }),
    reset: () => sandbox.reset(),
    advance: (ms) => sandbox.clock.advance(ms),
    idle: () => sandbox.idle(),
    snapshot: () => sandbox.snapshot(),
    forget: (checkIds) => sandbox.forget(checkIds)
  }
}
