import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { startHost, type RunningHost } from '../../../src/main/host/server'
import { createTestCore, type TestCore } from '../../helpers/core'
import { makeTempDir } from '../../helpers/env'
import { openHostSession, type HostSession } from '../../helpers/host-session'

let env: TestCore
let host: RunningHost
let session: HostSession
let rendererDir: string
const printed: string[] = []
let clock = Date.now()

beforeAll(async () => {
  env = createTestCore()
  rendererDir = makeTempDir('lote-renderer-')
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lote</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  host = await startHost({
    dispatch: env.dispatch,
    events: env.core.events,
    log: env.core.log,
    rendererDir,
    now: () => clock,
    sessionPolicy: { idleMs: 60_000, maxMs: 3_600_000 },
    onNewAddress: (address) => printed.push(address)
  })
  session = await openHostSession(host, host.openUrl)
})
afterAll(async () => {
  await host.close()
  await env.dispose()
})

function raw(
  path: string,
  headers: Record<string, string>,
  method = 'POST',
  body = ''
): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.url}${path}`, { method, headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const call = (headers: Record<string, string>) =>
  raw('/api/settings:get', { 'content-type': 'application/json', ...headers }, 'POST', '{}')

describe('the browser host', () => {
  it('binds to 127.0.0.1 only and prints a one-time address without a secret in a query or fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(host.openUrl).toMatch(new RegExp(`^${host.url}/launch/[\\w-]{40,}$`))
  })

  it('trades the address for an HttpOnly, SameSite=Strict cookie and a clean address', async () => {
    const fresh = host.newOpenUrl()
    const res = await raw(new URL(fresh).pathname, {}, 'GET')
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/')
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\//)
    // The cookie holds a session, not anything printed in the address.
    expect(cookie).not.toContain(fresh.split('/launch/')[1])
  })

  it('lets an address be used once: a second browser gets a page that says a new address was printed', async () => {
    const address = host.newOpenUrl()
    await openHostSession(host, address)
    printed.length = 0
    const again = await raw(new URL(address).pathname, { 'accept-language': 'en' }, 'GET')
    expect(again.status).toBe(403)
    expect(again.text).toContain('already used')
    expect(again.headers['set-cookie']).toBeUndefined()
    expect(printed).toHaveLength(1)
    // The same browser, with its cookie, just goes back to the app.
    const sameBrowser = await raw(new URL(address).pathname, { cookie: session.cookie }, 'GET')
    expect(sameBrowser.status).toBe(303)
  })

  it('answers calls that carry the session cookie', async () => {
    const res = await call(session.headers)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.text)).toMatchObject({ ok: true, value: { activeProfileId: 'sandbox' } })
  })

  it('refuses calls without the cookie or with a wrong one, and takes no secret from the address', async () => {
    expect((await call({ origin: host.url })).status).toBe(401)
    expect((await call({ origin: host.url, cookie: `${session.cookie}x` })).status).toBe(401)
    expect((await raw(`/api/events`, {}, 'GET')).status).toBe(401)
    const value = session.cookie.split('=')[1]
    expect((await raw(`/api/settings:get?token=${value}`, { origin: host.url }, 'POST', '{}')).status).toBe(
      401
    )
    expect((await raw(`/api/events?token=${value}`, {}, 'GET')).status).toBe(401)
  })

  it('refuses a POST that does not say it comes from the page', async () => {
    const { origin: _origin, ...noOrigin } = session.headers
    expect((await call(noOrigin)).status).toBe(403)
  })

  it('refuses a foreign Origin even with the cookie', async () => {
    const res = await call({ ...session.headers, origin: 'https://evil.example' })
    expect(res.status).toBe(403)
  })

  it('refuses fetches from other sites, other local ports included', async () => {
    const res = await call({ ...session.headers, 'sec-fetch-site': 'same-site' })
    expect(res.status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await call({ ...session.headers, host: `evil.example:${host.port}` })
    expect(res.status).toBe(403)
  })

  it('answers a malformed body with an error envelope', async () => {
    const res = await raw('/api/settings:update', session.headers, 'POST', '{not json')
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
  })

  it('answers a malformed address (a bad %) with 400, not an internal error', async () => {
    for (const path of ['/%', '/assets/%E0%A4%A', '/api/settings:get%zz', `/launch/%`]) {
      const res = await raw(path, session.headers, path.startsWith('/api') ? 'POST' : 'GET', '{}')
      expect(res.status, path).toBe(400)
    }
  })

  it('serves the interface with a strict CSP, only to a browser with a session, and never files outside it', async () => {
    const page = await raw('/', { cookie: session.cookie }, 'GET')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<title>Lote</title>')
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    const stranger = await raw('/', { 'accept-language': 'pt-BR' }, 'GET')
    expect(stranger.status).toBe(401)
    expect(stranger.text).toContain('não tem uma sessão')
    const asset = await raw('/assets/app.js', {}, 'GET')
    expect(asset.text).toBe('console.log(1)')
    const escape = await raw('/../../../etc/passwd', { cookie: session.cookie }, 'GET')
    expect(escape.text).not.toContain('root:')
    const encoded = await raw('/%2e%2e/%2e%2e/%2e%2e/etc/passwd', { cookie: session.cookie }, 'GET')
    expect(encoded.text).not.toContain('root:')
  })

  it('pushes backend events to subscribers', async () => {
    let text = ''
    let subscribed: () => void = () => undefined
    const ready = new Promise<void>((resolve) => (subscribed = resolve))
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        `${host.url}/api/events`,
        { method: 'GET', headers: { cookie: session.cookie } },
        (res) => {
          res.on('data', (c: Buffer) => {
            text += c.toString()
            // The host registers the subscriber before it writes this greeting.
            if (text.includes(': connected')) subscribed()
            if (text.includes('settings:changed')) {
              resolve(text)
              req.destroy()
            }
          })
        }
      )
      req.on('error', reject)
      req.end()
    })
    await ready
    await raw('/api/settings:update', session.headers, 'POST', JSON.stringify({ input: { concurrency: 9 } }))
    expect(await received).toContain('"concurrency":9')
  })

  it('ends a session left unused, and prints a new address for the terminal', async () => {
    const idle = await openHostSession(host)
    expect((await call(idle.headers)).status).toBe(200)
    printed.length = 0
    clock += 61_000
    const res = await call(idle.headers)
    expect(res.status).toBe(401)
    expect(JSON.parse(res.text)).toMatchObject({ error: 'The session has ended.' })
    expect(printed).toHaveLength(1)
    const renewed = await openHostSession(host, printed[0])
    expect((await call(renewed.headers)).status).toBe(200)
    session = renewed
  })
})
