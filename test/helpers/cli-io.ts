// A CliIo that keeps what a command prints, for tests that run `lote` commands in-process.
import type { CliIo } from '../../src/cli/io'

export type CapturedIo = CliIo & { lines: string[]; errors: string[] }

/** `env` is the command's whole environment, plus the test store key (test/helpers/store-key.ts) unless it says otherwise. */
export function captureIo(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIo {
  const lines: string[] = []
  const errors: string[] = []
  return {
    lines,
    errors,
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
    isTty: false,
    env: { LOTE_STORE_KEY: process.env.LOTE_STORE_KEY, ...env },
    cwd
  }
}
