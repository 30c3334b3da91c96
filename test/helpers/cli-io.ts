// A CliIo that keeps what a command prints, for tests that run `lote` commands in-process.
import type { CliIo } from '../../src/cli/io'

export type CapturedIo = CliIo & { lines: string[]; errors: string[] }

export function captureIo(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIo {
  const lines: string[] = []
  const errors: string[] = []
  return {
    lines,
    errors,
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
    isTty: false,
    env,
    cwd
  }
}
