// The envelope every backend call answers with, over Electron IPC and over the browser host alike.
import { z } from 'zod'

export const ERROR_CODES = [
  'invalid_request', // the payload does not match the contract
  'invalid_input', // the payload is well-formed but a value is not acceptable
  'not_found',
  'conflict',
  'forbidden', // the caller is not our own renderer
  'key_refused', // Truora (or the Sandbox) refused the API key
  'keychain_unavailable',
  'network',
  'rate_limited',
  'server_error',
  'timeout',
  'cancelled',
  'file_error',
  'unknown_shape', // Truora answered in a shape Lote does not know
  'store_key', // the key of the encrypted store cannot be had or does not open it
  'storage', // the data folder cannot be written (a full disk, say): nothing was lost, try again
  'internal'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional()
})
export type AppErrorInfo = z.infer<typeof appErrorSchema>

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo }

/** An error meant for a person: its message is shown as is, so it must say what happened and what to do. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>
  ) {
    super(message)
    this.name = 'AppError'
  }

  toInfo(): AppErrorInfo {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message }
  }
}
