// The browser host: serves the built renderer and the same handlers the Electron main process registers,
// over HTTP on 127.0.0.1, with events as server-sent events. It is how the UI runs without the Electron
// binary (and how it is tested). Every API call needs the per-run token; foreign Host and Origin headers are
// refused, so other web pages and DNS-rebinding tricks cannot reach it.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Dispatch } from '../ipc/dispatch'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import { CONTENT_SECURITY_POLICY } from '../../shared/security'

export const TOKEN_HEADER = 'x-lote-token'
const MAX_BODY_BYTES = 5 * 1024 * 1024

export interface HostOptions {
  dispatch: Dispatch
  events: EventBus
  log: Logger
  /** Folder holding the built renderer (index.html and assets). */
  rendererDir: string
  port?: number
  token?: string
  /** Extra routes (e.g. file upload) handled before the static files; return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean
}

export interface RunningHost {
  url: string
  /** The address to open in a browser: the URL with the token in its fragment (never sent to servers). */
  openUrl: string
  token: string
  port: number
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

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
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

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const rendererDir = resolve(options.rendererDir)
  const sseClients = new Set<ServerResponse>()
  let port = 0

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])

  const unsubscribe = options.events.subscribe(<E extends EventName>(name: E, payload: EventPayload<E>) => {
    const frame = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`
    for (const client of sseClients) client.write(frame)
  })

  const serveStatic = (res: ServerResponse, pathname: string) => {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    let file = join(rendererDir, relative || 'index.html')
    if (!file.startsWith(rendererDir + sep) && file !== rendererDir)
      return sendJson(res, 404, { error: 'not found' })
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(rendererDir, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The interface has not been built yet. Run `npm run build` (or `npm run start:web`).')
      return
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

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? ''
    if (!allowedHosts().has(host))
      return sendJson(res, 403, { error: 'This server only answers on 127.0.0.1.' })
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins().has(origin))
      return sendJson(res, 403, { error: 'Requests from other sites are refused.' })
    const url = new URL(req.url ?? '/', `http://${host}`)

    if (url.pathname.startsWith('/api/')) {
      const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? url.searchParams.get('token')
      if (!sameToken(given, token)) return sendJson(res, 401, { error: 'Missing or wrong session token.' })

      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive'
        })
        sseClients.add(res)
        res.write(': connected\n\n')
        req.on('close', () => sseClients.delete(res))
        return
      }
      if (options.routes && (await options.routes(req, res, url))) return
      const channel = url.pathname.slice('/api/'.length)
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
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: 'Method not allowed.' })
    serveStatic(res, url.pathname)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log.error('Browser host request failed', error)
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error.' })
      else res.end()
    })
  })

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      const url = `http://127.0.0.1:${port}`
      resolvePromise({
        url,
        openUrl: `${url}/#token=${token}`,
        token,
        port,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            for (const client of sseClients) client.end()
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}
