// The Sandbox's routes for the account: custom types (/v1/config), account settings and continuous checks.
import { applySettings } from './account-config'
import { json } from './http'
import { ID, route, startKey, type Route, type SandboxHost } from './routes'

export function accountRoutes(sandbox: SandboxHost): Route[] {
  return [
    route('POST', '/v1/config', '/v1/config', ({ form }) => json(201, sandbox.world.types.create(form))),
    route('PUT', '/v1/config', '/v1/config', ({ form }) => json(200, sandbox.world.types.update(form))),
    route('GET', '/v1/config', '/v1/config', () => json(200, sandbox.world.types.list())),
    route('DELETE', '/v1/config', '/v1/config', (ctx) =>
      json(200, sandbox.world.types.delete(ctx.url.searchParams))
    ),
    route('POST', '/v1/settings', '/v1/settings', ({ form }) => {
      sandbox.world.settings = applySettings(sandbox.world.settings, form)
      return json(200, sandbox.world.settings)
    }),
    route('POST', '/v1/continuous-checks', '/v1/continuous-checks', ({ form }) =>
      json(201, sandbox.world.continuous.create(form))
    ),
    route('GET', '/v1/continuous-checks', '/v1/continuous-checks', (ctx) =>
      json(200, sandbox.world.continuous.list(startKey(ctx), sandbox.knobs.pageSize))
    ),
    route('GET', `/v1/continuous-checks/${ID}`, '/v1/continuous-checks/{id}', (_ctx, [ccId]) =>
      json(200, sandbox.world.continuous.view(sandbox.world.continuous.get(ccId)))
    ),
    route('PUT', `/v1/continuous-checks/${ID}`, '/v1/continuous-checks/{id}', ({ form }, [ccId]) =>
      json(200, sandbox.world.continuous.update(ccId, form))
    ),
    route('GET', `/v1/continuous-checks/${ID}/history`, '/v1/continuous-checks/{id}/history', (ctx, [ccId]) =>
      json(200, sandbox.world.continuous.history(ccId, startKey(ctx), sandbox.knobs.pageSize))
    )
  ]
}
