// The browser host's file transfers: uploads of dropped spreadsheets (the page cannot hand over a path) and
// downloads of exports and PDFs (the page cannot show a save dialog). Both behind the session token.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AppError } from '../../shared/result'
import type { FileRegistry } from '../files'

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

/** `Content-Disposition` for any file name, accents included (RFC 6266 / 5987). */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

export function fileRoutes(files: FileRegistry) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname === '/api/files/upload' && req.method === 'POST') {
      const name = url.searchParams.get('name') ?? 'upload'
      const declared = Number(req.headers['content-length'] ?? NaN)
      try {
        const ref = await files.receive(name, req, Number.isFinite(declared) ? declared : undefined)
        send(res, 200, { ok: true, value: ref })
      } catch (error) {
        const info =
          error instanceof AppError ? error.toInfo() : { code: 'file_error', message: 'The upload failed.' }
        send(res, 200, { ok: false, error: info })
      }
      return true
    }
    const download = /^\/api\/files\/download\/([0-9a-f-]{36})$/.exec(url.pathname)
    if (download && req.method === 'GET') {
      try {
        const ref = files.get(download[1])
        const bytes = files.read(ref.fileId)
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': bytes.length,
          'content-disposition': attachment(ref.name),
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff'
        })
        res.end(bytes)
      } catch {
        send(res, 404, { error: 'That file is no longer available. Export it again.' })
      }
      return true
    }
    return false
  }
}
