// What a CLI command may touch of the outside world, so commands can be run and read in tests.
export interface CliIo {
  out(line: string): void
  err(line: string): void
  /** True when stdout is a terminal (progress bars) rather than a pipe or file (plain lines). */
  isTty: boolean
  env: NodeJS.ProcessEnv
  cwd: string
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTty: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd()
}

/** A command's failure that should print a message and exit with a code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1
  ) {
    super(message)
  }
}
