// A CliIo that keeps what a command prints, for tests that run `lote` commands in-process.
import type { CliIo } from '../../src/cli/io'
import { authorisedRun } from './run-args'

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

export interface CliRun {
  code: number
  /** What it printed, line by line, and joined. */
  lines: string[]
  errors: string[]
  out: string
  err: string
}

/**
 * Runs a `lote` command in this process, from `cwd`, and keeps what it printed. `dataDir` is added as
 * `--data-dir` (relative to `cwd`) when given.
 */
export async function runCli(
  args: string[],
  options: { cwd: string; dataDir?: string; env?: NodeJS.ProcessEnv }
): Promise<CliRun> {
  // Loaded on first use: most tests that capture output never run a whole command.
  const { main } = await import('../../src/cli/index')
  const io = captureIo(options.cwd, options.env)
  const code = await main(options.dataDir ? [...args, '--data-dir', options.dataDir] : args, io)
  return { code, lines: io.lines, errors: io.errors, out: io.lines.join('\n'), err: io.errors.join('\n') }
}

/**
 * `lote run` of a file of Colombian people against a Sandbox, authorised, at a rate that keeps tests quick:
 * how most tests start a batch from the command line. `extra` flags come last.
 */
export function peopleRun(file: string, sandboxUrl: string, ...extra: string[]): string[] {
  return authorisedRun(file, '--sandbox-url', sandboxUrl, '--rate', '100', ...extra)
}
