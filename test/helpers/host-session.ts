// What a browser does on its first load of the address `lote serve` prints: trade the one-time launch code for
// the session cookie. Tests then send that cookie (and an Origin, as browsers do) like the page would.
import type { RunningHost } from '../../src/main/host/server'

export interface HostSession {
  /** The `cookie` request header to send. */
  cookie: string
  /** Headers a same-origin POST from the page carries. */
  headers: Record<string, string>
}

export async function openHostSession(host: RunningHost, address = host.newOpenUrl()): Promise<HostSession> {
  const response = await fetch(address, { redirect: 'manual' })
  const setCookie = response.headers.get('set-cookie')
  if (response.status !== 303 || !setCookie)
    throw new Error(`The launch address answered ${response.status} without a session cookie.`)
  const cookie = setCookie.split(';')[0]
  return {
    cookie,
    headers: { cookie, origin: host.url, 'content-type': 'application/json' }
  }
}
