// The one wrapper every backend call goes through, whatever carries it (Electron IPC or the browser host):
// it validates the payload against the contract, runs the handler, and answers with an envelope. A handler
// never crashes the process and never leaks a secret in an error.
import { basename } from 'node:path'
import { ZodError } from 'zod'
import {
  channels,
  isChannel,
  type Channel,
  type ChannelOutput,
  type ParsedInput
} from '../../shared/contract'
import { AppError, type AppErrorInfo, type Envelope, type ErrorCode } from '../../shared/result'
import type { Logger } from '../log'
import { isTruoraError, type TruoraErrorKind } from '../truora/errors'
import { SheetError } from '../sheets/errors'
import { isStorageFault, storageFaultMessage } from '../store/storage-faults'

export type Handler<C extends Channel> = (
  input: ParsedInput<C>
) => Promise<ChannelOutput<C>> | ChannelOutput<C>
export type HandlerMap = { [C in Channel]: Handler<C> }
export type Dispatch = (channel: string, payload: unknown) => Promise<Envelope<unknown>>

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}

const TRUORA_ERROR_CODES: Record<TruoraErrorKind, ErrorCode> = {
  invalid_input: 'invalid_input',
  key_refused: 'key_refused',
  not_found: 'not_found',
  rate_limited: 'rate_limited',
  server_error: 'server_error',
  upload_refused: 'conflict',
  unexpected_response: 'server_error',
  unknown_shape: 'unknown_shape',
  network: 'network',
  timeout: 'timeout',
  aborted: 'cancelled'
}

export function toErrorInfo(error: unknown, log: Logger, channel: string): AppErrorInfo {
  if (error instanceof AppError) return error.toInfo()
  if (isTruoraError(error)) return { code: TRUORA_ERROR_CODES[error.kind], message: error.message }
  if (error instanceof SheetError)
    return {
      code: error.code === 'aborted' ? 'cancelled' : 'file_error',
      message: error.message,
      // The file's own name (never its folder), for the analyst's sentence.
      details: { sheetError: error.code, file: basename(error.file) }
    }
  if (error instanceof ZodError) return { code: 'invalid_input', message: describeZodError(error) }
  if (isStorageFault(error)) {
    log.warn(`${channel} could not write to the data folder`, error)
    return { code: 'storage', message: storageFaultMessage(error) }
  }
  log.error(`Unexpected failure in ${channel}`, error)
  return {
    code: 'internal',
    message:
      'Something went wrong inside Lote. Nothing was sent or lost; try again, and if it persists, send the log file to support.'
  }
}

export function createDispatcher(handlers: HandlerMap, log: Logger): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'invalid_request', message: `Unknown channel "${channel}".` } }
    }
    const parsed = channels[channel].input.safeParse(payload)
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_request',
          message: `Invalid request for ${channel}: ${describeZodError(parsed.error)}`
        }
      }
    }
    try {
      const handler = handlers[channel] as Handler<Channel>
      const value = await handler(parsed.data as never)
      return { ok: true, value }
    } catch (error) {
      const info = toErrorInfo(error, log, channel)
      return { ok: false, error: { ...info, message: log.redact(info.message) } }
    }
  }
}
