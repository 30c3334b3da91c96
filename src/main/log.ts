// The app's log. Every line passes through redaction of the secrets registered with it, so an API key can
// never reach the log file, the console or an error report, whoever formats the message.
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, extra?: unknown): void
  info(message: string, extra?: unknown): void
  warn(message: string, extra?: unknown): void
  error(message: string, extra?: unknown): void
  /** From now on this string is replaced by `[redacted]` wherever it appears. */
  addSecret(secret: string): void
  redact(text: string): string
}

export interface LoggerOptions {
  file?: string
  console?: boolean
  level?: LogLevel
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

function describe(extra: unknown): string {
  if (extra === undefined) return ''
  if (extra instanceof Error)
    return ` ${extra.name}: ${extra.message}${extra.stack ? `\n${extra.stack}` : ''}`
  try {
    return ` ${JSON.stringify(extra)}`
  } catch {
    return ` ${String(extra)}`
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>()
  const threshold = ORDER[options.level ?? 'info']
  if (options.file) mkdirSync(dirname(options.file), { recursive: true })

  const redact = (text: string): string => {
    let out = text
    for (const secret of secrets) out = out.split(secret).join('[redacted]')
    return out
  }

  const write = (level: LogLevel, message: string, extra?: unknown) => {
    if (ORDER[level] < threshold) return
    const line = redact(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${describe(extra)}`)
    if (options.file) appendFileSync(options.file, line + '\n')
    if (options.console) (level === 'error' || level === 'warn' ? console.error : console.log)(line)
  }

  return {
    debug: (m, e) => write('debug', m, e),
    info: (m, e) => write('info', m, e),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
    addSecret: (secret) => {
      // Short strings would redact ordinary words; keys are long.
      if (secret.length >= 8) secrets.add(secret)
    },
    redact
  }
}
