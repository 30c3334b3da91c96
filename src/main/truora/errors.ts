// The one error type of the Truora layer. Callers branch on `kind`; people read `message`.
// Messages and JSON never carry the API key: the key only ever travels in a request header.

export type TruoraErrorKind =
  | 'invalid_input'
  | 'key_refused'
  | 'not_found'
  | 'rate_limited'
  | 'server_error'
  | 'upload_refused'
  | 'unexpected_response'
  | 'unknown_shape'
  | 'network'
  | 'timeout'
  | 'aborted'

export interface TruoraErrorDetails {
  kind: TruoraErrorKind
  message: string
  /** HTTP status, when the server answered. */
  status?: number
  /** Truora's own error code (`10404`, …), number or string as the API sent it. */
  code?: number | string
  /** The API's message, kept verbatim for invalid input so the analyst sees what Truora objected to. */
  apiMessage?: string
  /** From `Retry-After`, when a 429 or 503 carried one. */
  retryAfterMs?: number
  /** `METHOD /path` of the failed request (never the query string, which may hold personal data). */
  request?: string
  /** Low-level network code such as ECONNREFUSED. */
  networkCode?: string
  /** How many attempts were made before giving up. */
  attempts?: number
  /** For `unknown_shape`: the structure Truora answered with (keys and types, never values). */
  shape?: string
}

/** Kinds worth another attempt: the server may answer differently a moment later. */
const TRANSIENT: ReadonlySet<TruoraErrorKind> = new Set([
  'rate_limited',
  'server_error',
  'network',
  'timeout'
])

export class TruoraError extends Error {
  readonly kind: TruoraErrorKind
  readonly status?: number
  readonly code?: number | string
  readonly apiMessage?: string
  readonly retryAfterMs?: number
  readonly request?: string
  readonly networkCode?: string
  readonly shape?: string
  attempts?: number

  constructor(details: TruoraErrorDetails) {
    super(details.message)
    this.name = 'TruoraError'
    this.kind = details.kind
    this.status = details.status
    this.code = details.code
    this.apiMessage = details.apiMessage
    this.retryAfterMs = details.retryAfterMs
    this.request = details.request
    this.networkCode = details.networkCode
    this.attempts = details.attempts
    this.shape = details.shape
  }

  get transient(): boolean {
    return TRANSIENT.has(this.kind)
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      apiMessage: this.apiMessage,
      retryAfterMs: this.retryAfterMs,
      request: this.request,
      networkCode: this.networkCode,
      attempts: this.attempts,
      shape: this.shape
    }
  }
}

export function isTruoraError(value: unknown): value is TruoraError {
  return value instanceof TruoraError
}

/** Network failures that prove the request never reached the server (nothing can have happened there). */
export const NOT_REACHED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

/**
 * Whether the server may have acted on a request that failed this way: a 5xx, a timeout or a connection that
 * dropped after it was made. A 429 and a refused connection prove it did not.
 */
export function mayHaveReachedServer(error: TruoraError): boolean {
  if (error.kind === 'rate_limited') return false
  if (error.kind === 'network') return !NOT_REACHED_CODES.has(error.networkCode ?? '')
  return error.kind === 'server_error' || error.kind === 'timeout'
}
