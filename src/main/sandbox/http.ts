// Request and response plumbing shared by the Sandbox's handlers.
import type { IncomingMessage } from 'node:http'

/** A refusal answered with Truora's error body `{code, http_code, message}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; bytes: Buffer; contentType: string; headers?: Record<string, string> }

export function json(status: number, body: unknown): Reply {
  return { status, json: body }
}

export function errorBody(status: number, message: string, legacy: boolean): unknown {
  const code = 10000 + status
  return { code: legacy ? String(code) : code, http_code: status, message }
}

export async function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new ApiError(413, 'The request body is too large.')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Form fields of a POST/PUT; a query string counts too, as Truora reads either for some fields. */
export function formOf(req: IncomingMessage, body: Buffer, query: URLSearchParams): URLSearchParams {
  const type = req.headers['content-type'] ?? ''
  const form = new URLSearchParams(
    type.includes('application/x-www-form-urlencoded') ? body.toString('utf8') : ''
  )
  for (const [name, value] of query) if (!form.has(name)) form.set(name, value)
  return form
}

/** `true`/`false` as form strings; anything else is a 400 naming the field. */
export function formBoolean(form: URLSearchParams, name: string): boolean | undefined {
  const value = form.get(name)
  if (value === null || value === '') return undefined
  if (value === 'true') return true
  if (value === 'false') return false
  throw new ApiError(400, `${name} must be true or false, not "${value}".`)
}

export function requireField(form: URLSearchParams, name: string): string {
  const value = form.get(name)?.trim()
  if (!value) throw new ApiError(400, `Missing required parameter ${name}.`)
  return value
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString()
}

/** A page of `items` after `startKey` (the id of the last item of the previous page). */
export function paginate<T>(
  items: T[],
  idOf: (item: T) => string,
  startKey: string | null,
  pageSize: number,
  nextPath: (startKey: string) => string
): { items: T[]; next: string } {
  let from = 0
  if (startKey) {
    const index = items.findIndex((item) => idOf(item) === startKey)
    if (index < 0) throw new ApiError(400, `Invalid start_key "${startKey}".`)
    from = index + 1
  }
  const page = items.slice(from, from + pageSize)
  const more = from + pageSize < items.length
  return { items: page, next: more && page.length > 0 ? nextPath(idOf(page[page.length - 1])) : '' }
}

export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value)
  const search = params.toString()
  return search ? `${path}?${search}` : path
}
