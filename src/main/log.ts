// The app's log. Every line passes through redaction of the secrets registered with it, so an API key can
// never reach the log file, the console or an error report, whoever formats the message.
// Logging never throws: it is called from error handlers, and a full disk, a log folder that vanished or a
// closed console must not turn one failure into a crash. Lines that cannot be written are dropped (and
// counted), and writing starts again by itself once it works.
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

/** Where log lines go; tests swap the file system for one that fails. */
export interface LogSink {
  append(file: string, text: string): void
  makeDir(dir: string): void
}

export interface LoggerOptions {
  file?: string
  console?: boolean
  level?: LogLevel
  sink?: LogSink
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

const fileSink: LogSink = {
  append: (file, text) => appendFileSync(file, text),
  makeDir: (dir) => mkdirSync(dir, { recursive: true })
}

function describe(extra: unknown): string {
  if (extra === undefined) return ''
  try {
    if (extra instanceof Error)
      return ` ${extra.name}: ${extra.message}${extra.stack ? `\n${extra.stack}` : ''}`
    return ` ${JSON.stringify(extra)}`
  } catch {
    try {
      return ` ${String(extra)}`
    } catch {
      return ' [unprintable]'
    }
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>()
  const threshold = ORDER[options.level ?? 'info']
  const sink = options.sink ?? fileSink
  const file = options.file
  let folderReady = false
  /** Lines lost while the file could not be written; said once writing works again. */
  let dropped = 0

  const redact = (text: string): string => {
    let out = text
    for (const secret of secrets) out = out.split(secret).join('[redacted]')
    return out
  }

  const toFile = (line: string) => {
    if (!file) return
    try {
      if (!folderReady) {
        sink.makeDir(dirname(file))
        folderReady = true
      }
      const lost =
        dropped > 0 ? `${line.slice(0, 24)} WARN ${dropped} log line(s) could not be written\n` : ''
      sink.append(file, lost + line + '\n')
      dropped = 0
    } catch {
      // The disk is full or the folder is gone: drop the line, keep the app running.
      folderReady = false
      dropped++
    }
  }

  const toConsole = (level: LogLevel, line: string) => {
    if (!options.console) return
    try {
      ;(level === 'error' || level === 'warn' ? console.error : console.log)(line)
    } catch {
      // A closed terminal is no reason to stop.
    }
  }

  const write = (level: LogLevel, message: string, extra?: unknown) => {
    try {
      if (ORDER[level] < threshold) return
      const line = redact(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${describe(extra)}`)
      toFile(line)
      toConsole(level, line)
    } catch {
      // Nothing a log call does may throw into its caller.
    }
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
