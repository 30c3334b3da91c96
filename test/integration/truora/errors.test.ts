// Every error kind a caller can act on, provoked for real against the Sandbox; the key never leaks.
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { TruoraClient } from '../../../src/main/truora/client'
import { TruoraError } from '../../../src/main/truora/errors'
import { clientFor, useSandbox, waitFor } from '../sandbox/harness'

const SECRET = 'ZX-secret-key-4f9c2e7a1b'
const { sandbox } = useSandbox({ timeScale: 1 })

function secretClient(
  options: ConstructorParameters<typeof TruoraClient>[0] extends infer O ? Partial<O> : never = {}
) {
  return clientFor(sandbox(), { apiKey: SECRET, maxRetries: 0, ...options })
}

async function failure(promise: Promise<unknown>): Promise<TruoraError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(TruoraError)
  return error as TruoraError
}

const validCheck = { country: 'CO', type: 'person', inputs: { national_id: '1020304000' } }

/** A port with nothing listening: connections are refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('TruoraError kinds', () => {
  const errors: TruoraError[] = []
  const provoke = async (promise: Promise<unknown>) => {
    const error = await failure(promise)
    errors.push(error)
    return error
  }

  it('invalid_input keeps the API message, which names the missing input', async () => {
    const error = await provoke(secretClient().createCheck({ country: 'CO', type: 'person', inputs: {} }))
    expect(error).toMatchObject({ kind: 'invalid_input', status: 400, code: 10400 })
    expect(error.apiMessage).toContain('national_id')
    expect(error.message).toContain('national_id')
  })

  it('key_refused for a refused key and for a missing key', async () => {
    sandbox().configure({ refusedKeys: [SECRET] })
    const refused = await provoke(secretClient().getCheck('CHK0'))
    expect(refused).toMatchObject({ kind: 'key_refused', status: 401 })
    expect(refused.message).toMatch(/API key was refused/)
    const missing = await failure(clientFor(sandbox(), { apiKey: '', maxRetries: 0 }).getCheck('CHK0'))
    expect(missing).toMatchObject({ kind: 'key_refused', status: 401 })
  })

  it('not_found with Truora code 10404, also when the API sends the code as a string', async () => {
    expect(await provoke(secretClient().getCheck('CHKmissing'))).toMatchObject({
      kind: 'not_found',
      code: 10404
    })
    sandbox().configure({ responseStyle: 'legacy' })
    expect(await failure(secretClient().getCheck('CHKmissing'))).toMatchObject({
      kind: 'not_found',
      code: '10404'
    })
  })

  it('rate_limited carries Retry-After', async () => {
    sandbox().configure({ rateLimit: 1, rateLimitBurst: 1 })
    await secretClient().health('CO')
    const error = await provoke(secretClient().health('CO'))
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 1000 })
  })

  it('server_error on a 5xx', async () => {
    sandbox().configure({ faultRate: 1, faultModes: ['error-before'], faultStatuses: [502] })
    expect(await provoke(secretClient().getCheck('CHK0'))).toMatchObject({
      kind: 'server_error',
      status: 502
    })
  })

  it('network when the connection is dropped or refused', async () => {
    sandbox().configure({ faultRate: 1, faultModes: ['drop-before'] })
    expect(await provoke(secretClient().getCheck('CHK0'))).toMatchObject({ kind: 'network' })
    const port = await closedPort()
    const refused = await provoke(
      new TruoraClient({
        checksBaseUrl: `http://127.0.0.1:${port}`,
        batchBaseUrl: `http://127.0.0.1:${port}`,
        apiKey: SECRET,
        maxRetries: 0
      }).getCheck('CHK0')
    )
    expect(refused).toMatchObject({ kind: 'network', networkCode: 'ECONNREFUSED' })
    expect(refused.message).toContain('connection refused')
  })

  it('timeout when the answer takes longer than timeoutMs', async () => {
    sandbox().configure({ slowRate: 1, slowMs: 400 })
    const error = await provoke(secretClient({ timeoutMs: 50 }).getCheck('CHK0'))
    expect(error).toMatchObject({ kind: 'timeout' })
    expect(error.message).toContain('50 ms')
  })

  it('aborted when the caller cancels, before or during the request', async () => {
    const before = new AbortController()
    before.abort()
    expect(await provoke(secretClient().getCheck('CHK0', { signal: before.signal }))).toMatchObject({
      kind: 'aborted'
    })
    sandbox().configure({ latencyMs: 300 })
    const during = new AbortController()
    const pending = secretClient().createCheck(validCheck, { signal: during.signal })
    // Aborted once the Sandbox holds the request (it answers after 300 ms), not after a fixed 20 ms: on a
    // busy machine a timer could fire before the request was read, and the Sandbox would then read it after
    // this test, counting a POST in the next test's figures.
    await waitFor(
      () => sandbox().stats().requests['POST /v1/checks'] ?? 0,
      (posts) => posts === 1
    )
    during.abort()
    expect(await provoke(pending)).toMatchObject({ kind: 'aborted' })
  })

  it('never puts the API key in a message, stack or JSON', () => {
    expect(new Set(errors.map((error) => error.kind))).toEqual(
      new Set([
        'invalid_input',
        'key_refused',
        'not_found',
        'rate_limited',
        'server_error',
        'network',
        'timeout',
        'aborted'
      ])
    )
    for (const error of errors) {
      for (const text of [error.message, error.stack ?? '', JSON.stringify(error), String(error)])
        expect(text).not.toContain(SECRET)
    }
  })
})

describe('what is never retried', () => {
  it('does not retry a 400 or a 401', async () => {
    const client = secretClient({ maxRetries: 5 })
    await failure(client.createCheck({ country: 'CO', type: 'person', inputs: {} }))
    sandbox().configure({ refusedKeys: [SECRET] })
    await failure(client.createCheck(validCheck))
    await failure(client.getCheck('CHK0'))
    expect(sandbox().stats().requests).toEqual({ 'POST /v1/checks': 2, 'GET /v1/checks/{check_id}': 1 })
  })

  it('does not retry a 404', async () => {
    await failure(secretClient({ maxRetries: 5 }).getCheck('CHK0'))
    expect(sandbox().stats().requests['GET /v1/checks/{check_id}']).toBe(1)
  })

  it('retries a safe request through transient failures and reports the attempts when it gives up', async () => {
    sandbox().configure({ faultRate: 1, faultModes: ['error-before'] })
    const error = await failure(secretClient({ maxRetries: 3 }).getCheck('CHK0'))
    expect(error).toMatchObject({ kind: 'server_error', attempts: 4 })
    expect(sandbox().stats().requests['GET /v1/checks/{check_id}']).toBe(4)
  })
})
