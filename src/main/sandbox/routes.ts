// How the Sandbox's endpoints are declared: a route is a method, a path pattern, the endpoint's name for the
// stats, and a handler that answers from the Sandbox's world. The routes themselves live by area:
// check-routes.ts, account-routes.ts, batch-routes.ts and test-routes.ts.
import type { IncomingMessage } from 'node:http'
import type { AccountSettings, CustomTypeStore } from './account-config'
import type { BatchStore } from './batches'
import type { CheckStore } from './check-store'
import type { ContinuousCheckStore } from './continuous-checks'
import type { Reply } from './http'
import type { SandboxKnobs } from './knobs'
import type { SimulatedClock } from './sim-clock'
import type { SandboxStats } from './stats'

/** Everything the Sandbox holds; a reset replaces it whole. */
export interface World {
  checks: CheckStore
  types: CustomTypeStore
  settings: AccountSettings
  continuous: ContinuousCheckStore
  batches: BatchStore
}

/**
 * What the routes see of the Sandbox. They read it at each request: a reset replaces the world, the knobs
 * change, and the origin is known only once the server listens.
 */
export interface SandboxHost {
  readonly world: World
  readonly knobs: SandboxKnobs
  readonly clock: SimulatedClock
  readonly origin: string
  configure(changes: Partial<SandboxKnobs>): SandboxKnobs
  statsSnapshot(): SandboxStats
  reset(): void
}

export interface RequestContext {
  req: IncomingMessage
  url: URL
  body: Buffer
  form: URLSearchParams
}

export interface Route {
  method: string
  pattern: RegExp
  /** Endpoint name for stats, e.g. `GET /v1/checks/{check_id}`. */
  name: string
  handle: (ctx: RequestContext, params: string[]) => Reply | Promise<Reply>
}

/** One path segment, as a pattern's parameter. */
export const ID = '([^/]+)'

export function route(method: string, path: string, name: string, handle: Route['handle']): Route {
  return { method, pattern: new RegExp(`^${path}$`), name, handle }
}

/** The page a list request asks for. */
export function startKey(ctx: RequestContext): string | null {
  return ctx.url.searchParams.get('start_key')
}
