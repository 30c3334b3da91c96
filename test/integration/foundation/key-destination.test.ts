// The API key goes only to Truora's hosts or to a Sandbox on this computer: never to an arbitrary
// --sandbox-url, and never to a connection whose address was changed to somewhere else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { main } from '../../../src/cli/index'
import { SANDBOX_API_KEY } from '../../../src/main/connections/connections'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import { isApiKeyDestination } from '../../../src/shared/security'
import { createTestCore } from '../../helpers/core'
import { captureIo } from '../../helpers/cli-io'
import { makeTempDir } from '../../helpers/env'
import { startTruoraProxy } from '../../helpers/truora-proxy'

const ENV_KEY = `lote-env-key-${Date.now().toString(36)}-Qm4`
let sandbox: RunningSandbox
let dir: string

/** An address of this machine that is not loopback, when it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address

const io = () => captureIo(dir, { LOTE_API_KEY: ENV_KEY })

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 3000, seed: 3, outageRate: 0 })
  dir = makeTempDir('lote-key-destination-')
  writeFileSync(
    join(dir, 'personas.csv'),
    'Nombre;Apellido;Cédula\nAna;Peña;1020304000\nLuis;Díaz;1020304001\n'
  )
})
afterAll(async () => {
  await sandbox.close()
})

async function keysSentThrough(listenHost: string): Promise<{ keys: Set<string>; code: number }> {
  const keys = new Set<string>()
  const proxy = await startTruoraProxy(sandbox.url, {
    listenHost,
    onRequest: (headers) => {
      const key = headers['truora-api-key']
      if (typeof key === 'string') keys.add(key)
    }
  })
  const port = new URL(proxy.url).port
  try {
    const out = io()
    const code = await main(
      ['run', 'personas.csv', '--country', 'CO', '--type', 'person', '--i-have-authorization']
        .concat(['--sandbox-url', `http://${listenHost === '0.0.0.0' ? lanAddress : listenHost}:${port}`])
        .concat(['--data-dir', `data-${listenHost}`]),
      out
    )
    expect(out.lines.join('\n')).toMatch(/completed/)
    return { keys, code }
  } finally {
    await proxy.close()
  }
}

describe('where an API key may go', () => {
  it('only to Truora over https or to this computer', () => {
    for (const url of [
      'https://api.checks.truora.com',
      'https://api.account.truora.com/v1',
      'http://127.0.0.1:8080',
      'http://localhost:3000',
      'https://127.0.0.1'
    ])
      expect(isApiKeyDestination(url), url).toBe(true)
    for (const url of [
      'http://api.checks.truora.com',
      'https://truora.com.evil.example',
      'https://eviltruora.com',
      'http://192.168.1.10:8080',
      'http://10.0.0.1',
      'https://example.com',
      'ftp://127.0.0.1',
      'not a url'
    ])
      expect(isApiKeyDestination(url), url).toBe(false)
  })

  it.skipIf(!lanAddress)('LOTE_API_KEY is not sent to a --sandbox-url on another machine', async () => {
    const { keys, code } = await keysSentThrough('0.0.0.0')
    expect(code).toBe(0)
    expect(keys.size).toBeGreaterThan(0)
    expect([...keys]).not.toContain(ENV_KEY)
    expect([...keys]).toEqual([SANDBOX_API_KEY])
  })

  it('LOTE_API_KEY does reach a Sandbox on 127.0.0.1', async () => {
    const { keys, code } = await keysSentThrough('127.0.0.1')
    expect(code).toBe(0)
    expect([...keys]).toEqual([ENV_KEY])
  })

  it('a connection may not be pointed elsewhere, and one stored that way gets no key', async () => {
    const env = createTestCore()
    try {
      const refused = await env.dispatch('profiles:create', {
        name: 'Look-alike',
        checksBaseUrl: 'https://api.checks.truora.com.evil.example',
        apiKey: 'a-long-enough-api-key-123'
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
      expect(JSON.stringify(refused)).toMatch(/only to Truora/)

      const created = await env.dispatch('profiles:create', {
        name: 'Acme',
        apiKey: 'a-long-enough-api-key-123'
      })
      expect(created.ok).toBe(true)
      const id = (created as { value: { id: string } }).value.id
      // A settings file edited by hand (or by something else) to send the key elsewhere.
      env.core.settings.update((s) => {
        const profile = s.profiles.find((p) => p.id === id)
        if (profile && profile.kind === 'truora') profile.checksBaseUrl = 'https://collector.example'
      })
      await expect(env.core.connections.connection(id)).rejects.toThrow(/does not send an API key there/)
    } finally {
      await env.dispose()
    }
  })
})
