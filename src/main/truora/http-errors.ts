// What a failed request to Truora means, as a TruoraError: an HTTP status mapped to a kind with a message an
// analyst can act on (Truora's own message kept, the API key never), a network failure named by its code, a
// timeout, a cancelled request, and how long Truora asked Lote to wait (Retry-After).
import { TruoraError, type TruoraErrorKind } from './errors'
import { parseErrorBody } from './parse'

/** What came back, as the client reads it. */
export interface HttpResponse {
  status: number
  headers: Headers
  bytes: Buffer
}

function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string')
      return current.code
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined
  }
  return undefined
}

function describeNetworkCode(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was dropped'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved'
    default:
      return code ? `network error ${code}` : 'network error'
  }
}

/** A request that was cancelled before or while it was sent. */
export function abortedError(label: string): TruoraError {
  return new TruoraError({ kind: 'aborted', request: label, message: `${label} was cancelled.` })
}

/** An attempt that got no answer: it took longer than `timeoutMs`, or the network failed (named by its code). */
export function noAnswerError(
  error: unknown,
  request: { label: string; origin: string; timedOut: boolean; timeoutMs: number }
): TruoraError {
  const { label } = request
  if (request.timedOut)
    return new TruoraError({
      kind: 'timeout',
      request: label,
      message: `Truora did not answer ${label} within ${formatSeconds(request.timeoutMs)}.`
    })
  const networkCode = networkCodeOf(error)
  return new TruoraError({
    kind: 'network',
    request: label,
    networkCode,
    message: `Could not reach Truora at ${request.origin} for ${label}: ${describeNetworkCode(networkCode)}.`
  })
}

/**
 * The error an answer outside 2xx stands for. `redact` takes the API key out of Truora's message (a server
 * that echoes it back must not get it into logs or the UI); `now` reads a Retry-After given as a date.
 */
export function httpError(
  response: HttpResponse,
  label: string,
  upload: boolean,
  redact: (message: string) => string,
  now: number
): TruoraError {
  let parsed: { code?: number | string; message?: string } = {}
  try {
    parsed = parseErrorBody(JSON.parse(response.bytes.toString('utf8')))
  } catch {
    // Proxies answer errors in HTML; the status alone still says what happened.
  }
  const apiMessage = parsed.message ? redact(parsed.message) : undefined
  const said = apiMessage ? ` Truora says: "${apiMessage}"` : ''
  const status = response.status
  const base = { status, code: parsed.code, apiMessage, request: label }
  if (upload && (status === 401 || status === 403 || status === 409 || status === 410))
    return new TruoraError({
      ...base,
      kind: 'upload_refused',
      message: `The upload link refused the file (HTTP ${status}).${said} Create a new batch to get a new link.`
    })
  const kind: TruoraErrorKind | null =
    status === 400 || status === 422
      ? 'invalid_input'
      : status === 401 || status === 403
        ? 'key_refused'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : status >= 500
              ? 'server_error'
              : null
  switch (kind) {
    case 'invalid_input':
      return new TruoraError({
        ...base,
        kind,
        message: `Truora refused ${label} as invalid: ${apiMessage ?? `HTTP ${status}`}`
      })
    case 'key_refused':
      return new TruoraError({
        ...base,
        kind,
        message: `The API key was refused (HTTP ${status}). Check the key of this connection profile.${said}`
      })
    case 'not_found':
      return new TruoraError({
        ...base,
        kind,
        message: `Truora found nothing at ${label} (HTTP 404).${said}`
      })
    case 'rate_limited': {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now)
      const wait = retryAfterMs === undefined ? '' : ` It asked to wait ${formatSeconds(retryAfterMs)}.`
      return new TruoraError({
        ...base,
        kind,
        retryAfterMs,
        message: `Truora is limiting the request rate (HTTP 429) for ${label}.${wait}`
      })
    }
    case 'server_error': {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now)
      return new TruoraError({
        ...base,
        kind,
        retryAfterMs,
        message: `Truora had a server error (HTTP ${status}) on ${label}.${said}`
      })
    }
    default:
      break
  }
  return new TruoraError({
    ...base,
    kind: 'unexpected_response',
    message: `Truora answered HTTP ${status} to ${label}.${said}`
  })
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`
}
