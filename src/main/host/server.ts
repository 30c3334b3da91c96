// The browser host: serves the built renderer and the same handlers the Electron main process registers,
// over HTTP on 127.0.0.1, with events as server-sent events. It is how the UI runs without the Electron
// binary (and how it is tested).
//
// Who may call it: the browser that opened the one-time address `lote serve` printed. That first load trades
// the address's launch code for a session cookie (HttpOnly, SameSite=Strict) and redirects to a clean
// address, so no secret stays in the address bar, the history, downloads or any later URL. Sessions expire.
// Foreign Host and Origin headers are refused, and so are cross-site fetches, so other web pages and
// DNS-rebinding tricks cannot reach it.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Dispatch } from '../ipc/dispatch'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import { CONTENT_SECURITY_POLICY } from '../../shared/security'
import { DEFAULT_SESSION_POLICY, HostSessions, type SessionPolicy } from './sessions'
import { sessionPage, type SessionProblem } from './session-page'

const MAX_BODY_BYTES = 5 * 1024 * 1024
const LAUNCH_PATH = '/launch/'

export interface HostOptions {
  dispatch: Dispatch
  events: EventBus
  log: Logger
  /** Folder holding the built renderer (index.html and assets). */
  rendererDir: string
  port?: number
  /** How long browser sessions last (tests shorten it). */
  sessionPolicy?: SessionPolicy
  /** The host's clock for sessions, epoch ms. */
  now?: () => number
  /**
   * A browser came without a valid session and no unused address is waiting: here is a new one-time address
   * to show the person at the terminal.
   */
  onNewAddress?: (openUrl: string) => void
  /** Extra routes (e.g. file upload) handled before the static files; return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean
}

export interface RunningHost {
  url: string
  /** The one-time address to open in a browser; its first load starts the session. */
  openUrl: string
  port: number
  /** Another one-time address (the previous unused one stops working). */
  newOpenUrl(): string
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

/** A request the host will not serve, answered with a status and a short reason. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text)
  })
  res.end(text)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim()
  }
  return undefined
}

/** The decoded path, or a 400 for an address that is not valid percent-encoding. */
function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname)
  } catch {
    throw new Refusal(400, 'The address is not valid.')
  }
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const rendererDir = resolve(options.rendererDir)
  const sessions = new HostSessions(options.sessionPolicy ?? DEFAULT_SESSION_POLICY, options.now)
  const sseClients = new Map<ServerResponse, string>()
  let port = 0
  let url = ''

  const cookieName = () => `lote_session_${port}`
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])
  const newOpenUrl = () => `${url}${LAUNCH_PATH}${sessions.mintLaunchCode()}`

  const unsubscribe = options.events.subscribe(<E extends EventName>(name: E, payload: EventPayload<E>) => {
    const frame = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`
    for (const [client, session] of sseClients) {
      if (sessions.check(session, false) !== 'valid') {
        sseClients.delete(client)
        client.end()
      } else client.write(frame)
    }
  })

  /** The page for a browser without a session; prints a new address at the terminal when none is waiting. */
  const noSession = (req: IncomingMessage, res: ServerResponse, problem: SessionProblem) => {
    let next: 'printed' | 'waiting' = 'waiting'
    if (!sessions.hasUnusedCode && options.onNewAddress) {
      options.onNewAddress(newOpenUrl())
      next = 'printed'
    }
    const html = sessionPage(problem, next, req.headers['accept-language'])
    res.writeHead(problem === 'missing' ? 401 : 403, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer'
    })
    res.end(html)
  }

  const launch = (req: IncomingMessage, res: ServerResponse, code: string) => {
    const session = sessions.redeem(code)
    if (!session) {
      // The same browser opening the address again already has its session.
      if (sessions.check(cookieValue(req, cookieName())) === 'valid') return redirectHome(res)
      return noSession(req, res, 'spent')
    }
    res.setHeader(
      'set-cookie',
      `${cookieName()}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${sessions.cookieMaxAgeSeconds}`
    )
    redirectHome(res)
  }

  const redirectHome = (res: ServerResponse) => {
    res.writeHead(303, { location: '/', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
    res.end()
  }

  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const relative = normalize(pathname).replace(/^([/\\])+/, '')
    let file = join(rendererDir, relative || 'index.html')
    if (!file.startsWith(rendererDir + sep) && file !== rendererDir)
      return sendJson(res, 404, { error: 'not found' })
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(rendererDir, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The interface has not been built yet. Run `npm run build` (or `npm run start:web`).')
      return
    }
    // The app itself opens only with a session; its scripts and styles hold nothing private.
    if (file === join(rendererDir, 'index.html')) {
      const state = sessions.check(cookieValue(req, cookieName()))
      if (state !== 'valid') return noSession(req, res, state === 'expired' ? 'expired' : 'missing')
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache'
    })
    createReadStream(file).pipe(res)
  }

  const api = async (req: IncomingMessage, res: ServerResponse, requestUrl: URL) => {
    // Fetches from other sites (other ports on this machine included) never reach the API.
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin')
      return sendJson(res, 403, { error: 'Requests from other sites are refused.' })
    const session = cookieValue(req, cookieName())
    const state = sessions.check(session)
    if (state !== 'valid') {
      if (state === 'expired' && !sessions.hasUnusedCode) options.onNewAddress?.(newOpenUrl())
      return sendJson(res, 401, {
        error:
          state === 'expired'
            ? 'The session has ended.'
            : 'This browser has no session: open the address lote serve printed.'
      })
    }
    // Anything that changes state must say it comes from this page (browsers always send Origin on POST).
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers.origin === undefined)
      return sendJson(res, 403, { error: 'Requests must come from the Lote page.' })

    if (requestUrl.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive'
      })
      sseClients.set(res, session as string)
      res.write(': connected\n\n')
      req.on('close', () => sseClients.delete(res))
      return
    }
    if (options.routes && (await options.routes(req, res, requestUrl))) return
    const channel = requestUrl.pathname.slice('/api/'.length)
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST.' })
    let payload: unknown
    try {
      const text = await readBody(req)
      payload = text ? (JSON.parse(text) as { input?: unknown }).input : undefined
    } catch {
      return sendJson(res, 200, {
        ok: false,
        error: { code: 'invalid_request', message: 'The request body is not valid JSON.' }
      })
    }
    return sendJson(res, 200, await options.dispatch(channel, payload))
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? ''
    if (!allowedHosts().has(host))
      return sendJson(res, 403, { error: 'This server only answers on 127.0.0.1.' })
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins().has(origin))
      return sendJson(res, 403, { error: 'Requests from other sites are refused.' })
    let requestUrl: URL
    try {
      requestUrl = new URL(req.url ?? '/', `http://${host}`)
    } catch {
      throw new Refusal(400, 'The address is not valid.')
    }
    const pathname = decodedPath(requestUrl)

    if (requestUrl.pathname.startsWith('/api/')) return api(req, res, requestUrl)
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: 'Method not allowed.' })
    if (requestUrl.pathname.startsWith(LAUNCH_PATH))
      return launch(req, res, requestUrl.pathname.slice(LAUNCH_PATH.length))
    serveStatic(req, res, pathname)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof Refusal) {
        if (!res.headersSent) sendJson(res, error.status, { error: error.message })
        else res.end()
        return
      }
      options.log.error('Browser host request failed', error)
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error.' })
      else res.end()
    })
  })

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      url = `http://127.0.0.1:${port}`
      resolvePromise({
        url,
        openUrl: newOpenUrl(),
        port,
        newOpenUrl,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            for (const client of sseClients.keys()) client.end()
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}
