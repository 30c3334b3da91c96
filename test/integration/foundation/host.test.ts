import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { startHost, type RunningHost } from '../../../src/main/host/server'
import { createTestCore, type TestCore } from '../../helpers/core'
import { makeTempDir } from '../../helpers/env'

let env: TestCore
let host: RunningHost

beforeAll(async () => {
  env = createTestCore()
  const rendererDir = makeTempDir('lote-renderer-')
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lote</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  host = await startHost({ dispatch: env.dispatch, events: env.core.events, log: env.core.log, rendererDir })
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
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.url}${path}`, { method, headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const call = (headers: Record<string, string>) =>
  raw('/api/settings:get', { 'content-type': 'application/json', ...headers }, 'POST', '{}')

describe('the browser host', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(host.openUrl).toBe(`${host.url}/#token=${host.token}`)
  })

  it('answers calls that carry the session token', async () => {
    const res = await call({ 'x-lote-token': host.token, origin: host.url })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.text)).toMatchObject({ ok: true, value: { activeProfileId: 'sandbox' } })
  })

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await call({})).status).toBe(401)
    expect((await call({ 'x-lote-token': host.token.slice(1) + 'x' })).status).toBe(401)
    expect((await raw(`/api/events`, {}, 'GET')).status).toBe(401)
  })

  it('refuses a foreign Origin even with the token', async () => {
    const res = await call({ 'x-lote-token': host.token, origin: 'https://evil.example' })
    expect(res.status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await call({ 'x-lote-token': host.token, host: `evil.example:${host.port}` })
    expect(res.status).toBe(403)
  })

  it('answers a malformed body with an error envelope', async () => {
    const res = await raw('/api/settings:update', { 'x-lote-token': host.token }, 'POST', '{not json')
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
  })

  it('serves the interface with a strict CSP and never files outside it', async () => {
    const page = await raw('/', {}, 'GET')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<title>Lote</title>')
    const asset = await raw('/assets/app.js', {}, 'GET')
    expect(asset.text).toBe('console.log(1)')
    const escape = await raw('/../../../etc/passwd', {}, 'GET')
    expect(escape.text).not.toContain('root:')
    const encoded = await raw('/%2e%2e/%2e%2e/%2e%2e/etc/passwd', {}, 'GET')
    expect(encoded.text).not.toContain('root:')
  })

  it('pushes backend events to subscribers', async () => {
    let text = ''
    let subscribed: () => void = () => undefined
    const ready = new Promise<void>((resolve) => (subscribed = resolve))
    const received = new Promise<string>((resolve, reject) => {
      const req = request(`${host.url}/api/events?token=${host.token}`, { method: 'GET' }, (res) => {
        res.on('data', (c: Buffer) => {
          text += c.toString()
          // The host registers the subscriber before it writes this greeting.
          if (text.includes(': connected')) subscribed()
          if (text.includes('settings:changed')) {
            resolve(text)
            req.destroy()
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    await ready
    await raw(
      '/api/settings:update',
      { 'x-lote-token': host.token },
      'POST',
      JSON.stringify({ input: { concurrency: 9 } })
    )
    expect(await received).toContain('"concurrency":9')
  })
})
