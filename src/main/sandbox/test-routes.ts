// The Sandbox's test API under /__sandbox/ (docs/sandbox.md): read and change the knobs, read what it saw,
// forget everything, move the clock forward. No key, no faults, no rate limit.
import { ApiError, json } from './http'
import type { SandboxKnobs } from './knobs'
import { route, type Route, type SandboxHost } from './routes'

export function testRoutes(sandbox: SandboxHost): Route[] {
  return [
    route('GET', '/__sandbox/config', '/__sandbox/config', () => json(200, sandbox.knobs)),
    route('POST', '/__sandbox/config', '/__sandbox/config', ({ body }) => {
      try {
        return json(
          200,
          sandbox.configure(JSON.parse(body.toString('utf8') || '{}') as Partial<SandboxKnobs>)
        )
      } catch (error) {
        throw new ApiError(400, error instanceof Error ? error.message : String(error))
      }
    }),
    route('GET', '/__sandbox/stats', '/__sandbox/stats', () => json(200, sandbox.statsSnapshot())),
    route('POST', '/__sandbox/reset', '/__sandbox/reset', () => {
      sandbox.reset()
      return json(200, { reset: true })
    }),
    route('POST', '/__sandbox/advance', '/__sandbox/advance', ({ body }) => {
      const ms = Number((JSON.parse(body.toString('utf8') || '{}') as { ms?: unknown }).ms)
      if (!Number.isFinite(ms) || ms < 0)
        throw new ApiError(400, 'Send {"ms": <milliseconds to move the clock forward>}.')
      sandbox.clock.advance(ms)
      return json(200, { now: new Date(sandbox.clock.now()).toISOString() })
    })
  ]
}
