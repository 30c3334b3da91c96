// A hostile Truora: a proxy in front of the real Sandbox that rewrites every check id it hands out into a path
// meant to escape the data folder (`../../…/NAME`), and maps them back on the way in. What Lote does with
// such ids is what it would do with a compromised or impersonated server.
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface HostileProxy {
  url: string
  /** Every id handed out, hostile form. */
  handedOut(): string[]
  close(): Promise<void>
}

export interface ProxyOptions {
  /** Address to listen on (default 127.0.0.1); 0.0.0.0 to be reached on another interface. */
  listenHost?: string
  /** Sees every request's headers before it is forwarded. */
  onRequest?: (headers: IncomingMessage['headers']) => void
}

export async function startHostileProxy(
  target: string,
  hostile: (realId: string) => string,
  options: ProxyOptions = {}
): Promise<HostileProxy> {
  const toReal = new Map<string, string>()
  const disguise = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(disguise)
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'check_id' && typeof inner === 'string') {
          const fake = hostile(inner)
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
      const decoded = decodeURIComponent(segment)
      const real = toReal.get(decoded)
      return real ? encodeURIComponent(real) : segment
    })
    return segments.join('/') + (query !== undefined ? `?${query}` : '')
  }
  const server: Server = createServer((req: IncomingMessage, res) => {
    options.onRequest?.(req.headers)
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
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
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve))
  return {
    url: `http://${listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost}:${(server.address() as AddressInfo).port}`,
    handedOut: () => [...toReal.keys()],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
