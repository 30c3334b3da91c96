// Sets a distinctive API key, exercises the app through the browser host (good key, refused key, errors),
// then proves the key appears in no response, no event, no log line and no file the app wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startHost, type RunningHost } from '../../../src/main/host/server'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import { KeytarSecretStore, MemorySecretStore } from '../../../src/main/store/secrets'
import { createTestCore, type TestCore } from '../../helpers/core'
import { keychainRequired, makeTempDir } from '../../helpers/env'
import { openHostSession, type HostSession } from '../../helpers/host-session'

const GOOD_KEY = `lote-good-key-${Date.now().toString(36)}-Zq9`
const REFUSED_KEY = `lote-refused-key-${Date.now().toString(36)}-Xw7`

let env: TestCore
let host: RunningHost
let session: HostSession
let sandbox: RunningSandbox
const seen: string[] = []
let events = ''

interface Answer {
  ok: boolean
  value?: Record<string, unknown>
  error?: { code: string; message: string }
}

async function api(channel: string, input?: unknown): Promise<Answer> {
  const res = await fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: session.headers,
    body: JSON.stringify({ input })
  })
  const text = await res.text()
  seen.push(text)
  return JSON.parse(text) as Answer
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 1000, refusedKeys: [REFUSED_KEY] })
  const keychain =
    keychainRequired || process.env.DBUS_SESSION_BUS_ADDRESS
      ? new KeytarSecretStore('lote-test')
      : new MemorySecretStore()
  env = createTestCore({ keychain })
  const rendererDir = makeTempDir('lote-renderer-')
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>')
  host = await startHost({ dispatch: env.dispatch, events: env.core.events, log: env.core.log, rendererDir })
  session = await openHostSession(host)
  const stream = await fetch(`${host.url}/api/events`, { headers: { cookie: session.cookie } })
  const reader = stream.body!.getReader()
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) break
      events += new TextDecoder().decode(value)
    }
  })()
})

afterAll(async () => {
  await host.close()
  await sandbox.close()
  await env.dispose()
})

describe('the API key', () => {
  it('never leaves the main process', async () => {
    const created = await api('profiles:create', {
      name: 'Staging',
      checksBaseUrl: sandbox.url,
      batchBaseUrl: sandbox.url,
      apiKey: GOOD_KEY
    })
    expect(created).toMatchObject({ ok: true, value: { keyConfigured: true } })
    const id = created.value!.id as string

    expect(await api('profiles:testKey', { id })).toMatchObject({ ok: true, value: { ok: true } })
    await api('profiles:activate', { id })
    expect(await api('account:customTypes')).toMatchObject({ ok: true })
    expect(await api('account:health', { country: 'CO' })).toMatchObject({ ok: true })
    expect(
      await api('account:saveCustomType', {
        country: 'CO',
        type: 'bad',
        weights: { criminal_record: 0.5 },
        mode: 'create'
      })
    ).toMatchObject({ ok: false })
    await api('settings:update', { language: 'en' })
    await api('profiles:list')

    // Replace the key with one the server refuses, and provoke errors that carry messages.
    expect(await api('profiles:setKey', { id, apiKey: REFUSED_KEY })).toMatchObject({ ok: true })
    const refused = await api('profiles:testKey', { id })
    expect(refused).toMatchObject({ ok: true, value: { ok: false, code: 'key_refused' } })
    expect(await api('account:customTypes')).toMatchObject({ ok: false, error: { code: 'key_refused' } })
    await api('profiles:update', { id, checksBaseUrl: 'http://127.0.0.1:9/' })
    expect(await api('account:customTypes')).toMatchObject({ ok: false, error: { code: 'network' } })
    await api('profiles:deleteKey', { id })
    await api('profiles:list')

    const everything = [
      ...seen,
      events,
      ...filesUnder(env.dataDir).map((file) => readFileSync(file, 'latin1'))
    ].join('\n')
    // The log was written to, so the check below is not vacuous.
    expect(readFileSync(env.logFile, 'utf8')).toContain('Stored the API key')
    expect(everything).not.toContain(GOOD_KEY)
    expect(everything).not.toContain(REFUSED_KEY)
  })
})
