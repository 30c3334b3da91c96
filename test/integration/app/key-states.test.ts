// A connection's key carries its state (untested, works, refused, unreachable) from every answer Truora gives,
// a network failure is never taken for a refused key, no paid batch starts on a key that does not work, and a
// batch stopped by a refused key waits, paused, and resumes once a key that works is in place.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BatchEvent } from '../../../src/shared/batch'
import type { ChannelOutput } from '../../../src/shared/contract'
import { AUTHORIZATION_STATEMENT } from '../../../src/shared/batch'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import { createTestCore, type TestCore } from '../../helpers/core'

const GOOD_KEY = 'good-key-1234567890'
const REFUSED_KEY = 'refused-key-1234567890'

let env: TestCore
let sandbox: RunningSandbox

beforeEach(async () => {
  env = createTestCore()
  sandbox = await startSandbox({ timeScale: 1000, refusedKeys: [REFUSED_KEY] })
})

afterEach(async () => {
  await env.dispose()
  await sandbox.close()
})

async function value(channel: string, input?: unknown): Promise<unknown> {
  const result = await env.dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value
}

async function connection(apiKey: string, url = sandbox.url): Promise<string> {
  const created = (await value('profiles:create', {
    name: 'Staging',
    checksBaseUrl: url,
    batchBaseUrl: url,
    apiKey
  })) as ChannelOutput<'profiles:create'>
  await value('profiles:activate', { id: created.id })
  return created.id
}

async function keyState(id: string): Promise<string> {
  const profiles = (await value('profiles:list')) as ChannelOutput<'profiles:list'>
  return profiles.find((p) => p.id === id)!.keyState
}

/** A draft of three Colombian people on the active connection, read to the end. */
async function draft(): Promise<string> {
  const file = join(env.dataDir, 'personas.csv')
  writeFileSync(file, ['Cedula,Nombre', '52000100,Ana', '52000107,Luis', '52000114,Marta'].join('\n'))
  const { fileId } = env.core.files.registerPath(file)
  const workbook = (await value('import:inspect', { fileId })) as ChannelOutput<'import:inspect'>
  const sheet = workbook.sheets[0]
  const { batchId } = (await value('drafts:open', {
    fileId,
    sheet: sheet.name,
    mapping: {
      headers: sheet.headers,
      targets: ['national_id', null],
      defaults: { country: 'CO', type: 'person' }
    }
  })) as ChannelOutput<'drafts:open'>
  for (;;) {
    const status = (await value('drafts:status', { batchId })) as ChannelOutput<'drafts:status'>
    if (status.read.state === 'ready') return batchId
    await new Promise<void>((resolve) => {
      const off = env.core.events.subscribe((name) => {
        if (name === 'drafts:status') {
          off()
          resolve()
        }
      })
    })
  }
}

function start(batchId: string) {
  return env.dispatch('batches:start', {
    batchId,
    options: { engine: 'direct' },
    authorization: { accepted: true, statement: AUTHORIZATION_STATEMENT }
  })
}

function finished(batchId: string): Promise<BatchEvent & { type: 'finished' }> {
  return new Promise((resolve) => {
    const off = env.core.events.subscribe((name, payload) => {
      const event = payload as BatchEvent
      if (name === 'batch:event' && event.batchId === batchId && event.type === 'finished') {
        off()
        resolve(event)
      }
    })
  })
}

describe('the state of a connection’s key', () => {
  it('is untested when stored, works or is refused as Truora says, and a new key is untested again', async () => {
    const id = await connection(GOOD_KEY)
    expect(await keyState(id)).toBe('untested')
    expect(await value('profiles:testKey', { id })).toMatchObject({
      ok: true,
      state: 'works',
      code: 'key_works'
    })
    expect(await keyState(id)).toBe('works')

    await value('profiles:setKey', { id, apiKey: REFUSED_KEY })
    expect(await keyState(id)).toBe('untested')
    expect(await value('profiles:testKey', { id })).toMatchObject({
      ok: false,
      state: 'refused',
      code: 'key_refused'
    })
    expect(await keyState(id)).toBe('refused')
    await value('profiles:deleteKey', { id })
    expect(await keyState(id)).toBe('missing')
  })

  it('blames the network, never the key, when Truora cannot be reached', async () => {
    // Nothing listens on port 9 of this computer: the connection is refused before any key is read.
    const id = await connection(GOOD_KEY, 'http://127.0.0.1:9')
    const outcome = (await value('profiles:testKey', { id })) as ChannelOutput<'profiles:testKey'>
    expect(outcome).toMatchObject({ ok: false, state: 'unreachable', code: 'network' })
    expect(await keyState(id)).toBe('unreachable')
  })

  it('keeps a paid batch from starting on a refused key, and lets it start once the key works', async () => {
    const id = await connection(REFUSED_KEY)
    const batchId = await draft()
    // The confirm step's preflight tests the untested key and says it was refused.
    const preflight = (await value('batches:preflight', { batchId })) as ChannelOutput<'batches:preflight'>
    expect(preflight.profile.keyState).toBe('refused')
    const refused = await start(batchId)
    expect(refused).toMatchObject({ ok: false, error: { code: 'key_refused' } })
    expect(sandbox.stats().checksCreated).toBe(0)
    expect(((await value('batches:get', { batchId })) as ChannelOutput<'batches:get'>).status).toBe('draft')

    // Fixed in place: the new key is stored untested, and starting tests it first.
    await value('profiles:setKey', { id, apiKey: GOOD_KEY })
    const done = finished(batchId)
    expect(await start(batchId)).toMatchObject({ ok: true })
    expect(await keyState(id)).toBe('works')
    expect(await done).toMatchObject({ status: 'completed' })
    expect(sandbox.stats()).toMatchObject({ checksCreated: 3, duplicates: 0 })
  }, 60_000)

  it('refuses to start when the key cannot be tested for want of a network, without calling it refused', async () => {
    await connection(GOOD_KEY, 'http://127.0.0.1:9')
    const batchId = await draft()
    const answer = await start(batchId)
    expect(answer).toMatchObject({ ok: false, error: { code: 'network' } })
  }, 60_000)

  it('pauses a batch whose key Truora refuses mid-way, says why as a code, and resumes it with a new key', async () => {
    const id = await connection(GOOD_KEY)
    const batchId = await draft()
    expect(
      ((await value('batches:preflight', { batchId })) as ChannelOutput<'batches:preflight'>).profile.keyState
    ).toBe('works')
    // The key is revoked on Truora's side after the confirm step tested it.
    sandbox.configure({ refusedKeys: [GOOD_KEY] })
    const stopped = finished(batchId)
    expect(await start(batchId)).toMatchObject({ ok: true })
    expect(await stopped).toMatchObject({ status: 'paused' })
    const paused = (await value('batches:get', { batchId })) as ChannelOutput<'batches:get'>
    expect(paused).toMatchObject({ status: 'paused', statusCode: 'key_refused' })
    expect(await keyState(id)).toBe('refused')
    // Resuming on the refused key is refused at once, without a request that would fail.
    expect(await env.dispatch('batches:resume', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'key_refused' }
    })

    await value('profiles:setKey', { id, apiKey: 'new-good-key-0987654321' })
    const done = finished(batchId)
    await value('batches:resume', { batchId })
    expect(await done).toMatchObject({ status: 'completed' })
    const batch = (await value('batches:get', { batchId })) as ChannelOutput<'batches:get'>
    expect(batch).toMatchObject({ status: 'completed', statusCode: null, counts: { done: 3 } })
    expect(sandbox.stats()).toMatchObject({ checksCreated: 3, duplicates: 0 })
  }, 60_000)
})
