// A proxy in front of the real Sandbox that plays a Truora gone wrong, for tests of what Lote does then:
// - `disguiseId`: a hostile server that rewrites every check id it hands out (e.g. into `../../…/NAME`, meant
//   to escape the data folder) and maps them back on the way in;
// - `fault`: answers chosen requests with an error, before or after the Sandbox acted on them;
// - `onRequest`: sees the headers of every request (to know which API key went where).
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** `before`: answer without passing the request on; `after`: pass it on (it takes effect), then answer. */
export interface InjectedFault {
  status: number
  when: 'before' | 'after'
  headers?: Record<string, string>
}

export interface ProxyOptions {
  disguiseId?: (realId: string) => string
  /** Called for every request; a fault to inject, or null to pass it on untouched. */
  fault?: (method: string, path: string) => InjectedFault | null
  /** Address to listen on (default 127.0.0.1); 0.0.0.0 to be reached on another interface. */
  listenHost?: string
  /** Port to listen on (default: a free one). */
  port?: number
  onRequest?: (headers: IncomingMessage['headers']) => void
}

export interface TruoraProxy {
  url: string
  /** Every disguised id handed out. */
  handedOut(): string[]
  close(): Promise<void>
}

export async function startTruoraProxy(target: string, options: ProxyOptions = {}): Promise<TruoraProxy> {
  const toReal = new Map<string, string>()
  const disguise = (value: unknown): unknown => {
    if (!options.disguiseId) return value
    if (Array.isArray(value)) return value.map(disguise)
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'check_id' && typeof inner === 'string') {
          const fake = options.disguiseId(inner)
          toReal.set(fake, inner)
          out[key] = fake
        } else out[key] = disguise(inner)
      }
      return out
    }
    return value
  }
  const realPath = (path: string) => {
    const [pathname, query] = path.split('?')
    const segments = pathname.split('/').map((segment) => {
      const real = toReal.get(decodeURIComponent(segment))
      return real ? encodeURIComponent(real) : segment
    })
    return segments.join('/') + (query !== undefined ? `?${query}` : '')
  }
  const server: Server = createServer((req: IncomingMessage, res) => {
    options.onRequest?.(req.headers)
    const fault = options.fault?.(req.method ?? 'GET', (req.url ?? '/').split('?')[0]) ?? null
    const answerFault = () => {
      res.writeHead(fault!.status, { 'content-type': 'application/json', ...fault!.headers })
      res.end(JSON.stringify({ code: fault!.status, message: 'Injected by the test proxy' }))
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (fault?.when === 'before') return answerFault()
      const base = new URL(target)
      const forward = request(
        {
          host: base.hostname,
          port: base.port,
          method: req.method,
          path: realPath(req.url ?? '/'),
          headers: { ...req.headers, host: base.host }
        },
        (answer) => {
          const body: Buffer[] = []
          answer.on('data', (chunk: Buffer) => body.push(chunk))
          answer.on('end', () => {
            if (fault?.when === 'after') return answerFault()
            let bytes = Buffer.concat(body)
            const type = String(answer.headers['content-type'] ?? '')
            if (type.includes('json') && bytes.length > 0)
              bytes = Buffer.from(JSON.stringify(disguise(JSON.parse(bytes.toString('utf8')))))
            const headers = { ...answer.headers, 'content-length': String(bytes.length) }
            delete headers['transfer-encoding']
            res.writeHead(answer.statusCode ?? 502, headers)
            res.end(bytes)
          })
        }
      )
      forward.on('error', () => {
        res.writeHead(502)
        res.end()
      })
      forward.end(Buffer.concat(chunks))
    })
  })
  const listenHost = options.listenHost ?? '127.0.0.1'
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, listenHost, resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost}:${port}`,
    handedOut: () => [...toReal.keys()],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
