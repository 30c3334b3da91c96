// Starting a Sandbox and a client for a test file, and waiting for a state without fixed sleeps.
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { DEFAULT_KNOBS } from '../../../src/main/sandbox/knobs'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/main/sandbox/server'
import { TruoraClient, type TruoraClientOptions } from '../../../src/main/truora/client'

export const TEST_KEY = 'sandbox-test-key'

export function useSandbox(options: SandboxOptions = {}): {
  sandbox: () => RunningSandbox
  client: () => TruoraClient
} {
  let sandbox: RunningSandbox | undefined
  let client: TruoraClient | undefined
  beforeAll(async () => {
    sandbox = await startSandbox(options)
    client = clientFor(sandbox)
  })
  beforeEach(() => {
    sandbox?.reset()
    const { port: _port, clock: _clock, ...knobs } = options
    sandbox?.configure({ ...DEFAULT_KNOBS, ...knobs })
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  return {
    sandbox: () => sandbox as RunningSandbox,
    client: () => client as TruoraClient
  }
}

export function clientFor(sandbox: RunningSandbox, options: Partial<TruoraClientOptions> = {}): TruoraClient {
  return new TruoraClient({
    checksBaseUrl: sandbox.url,
    batchBaseUrl: sandbox.url,
    apiKey: TEST_KEY,
    retryBaseMs: 10,
    retryMaxMs: 100,
    ...options
  })
}

/** Polls until `read` returns something that satisfies `done` (each poll yields to the event loop). */
export async function waitFor<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 10_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = []
  let count = 0
  for await (const page of pages) {
    count++
    items.push(...page)
  }
  return { items, pages: count }
}

/** Long enough (simulated, at time scale 1) for any non-delayed check to finish. */
export const CHECK_DONE_MS = 60_000
