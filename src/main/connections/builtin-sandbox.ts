// The Sandbox that runs inside the app for the Sandbox connection: quick checks, on a free local port.
import { startSandbox } from '../sandbox/server'
import type { RunningSandbox } from './connections'

/** Seconds of simulated time per real second: checks finish in a few seconds, as a demo should. */
const BUILT_IN_TIME_SCALE = 20

export async function launchBuiltInSandbox(): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ port: 0, timeScale: BUILT_IN_TIME_SCALE })
  return { url: sandbox.url, close: () => sandbox.close() }
}
