// How every lote command reads its flags and works on the data folder, the same way for each: flags read
// strictly (an unknown one is exit code 2), `--help` prints the command's help and ends with 0, and a command
// on the data folder closes it whatever happens, with a refusal of the application layer said as a plain
// message and exit code 1.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import type { Core } from '../main/core'
import { AppError } from '../shared/result'
import { CliError, type CliIo } from './io'
import { openDataFolder } from './options'

const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const

type FlagsConfig<O extends ParseArgsOptionsConfig> = {
  args: string[]
  options: O & typeof HELP_FLAG
  allowPositionals: true
  strict: true
}

/** A command's flags (`values`) and the arguments besides them (`positionals`). */
export type Flags<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<FlagsConfig<O>>>

export interface CommandFlags<O extends ParseArgsOptionsConfig> {
  /** Printed for --help, and after a missing or unexpected argument. */
  help: string
  options: O
  /** How many arguments besides the flags the command takes (a file, a batch id…); none by default. */
  positionals?: { min: number; max: number; what: string }
}

/**
 * Reads a command's flags; null when --help was asked for (the help is printed). Arguments besides the flags
 * are refused unless the command takes them.
 */
export function readFlags<const O extends ParseArgsOptionsConfig>(
  argv: string[],
  io: CliIo,
  command: CommandFlags<O>
): Flags<O> | null {
  const flags = parseArgs({
    args: argv,
    options: { ...command.options, ...HELP_FLAG },
    allowPositionals: true,
    strict: true
  } as FlagsConfig<O>)
  if ((flags.values as { help?: boolean }).help) {
    io.out(command.help)
    return null
  }
  const { min, max, what } = command.positionals ?? { min: 0, max: 0, what: '' }
  const count = flags.positionals.length
  if (count > max)
    throw new CliError(
      max === 0
        ? `unexpected argument "${flags.positionals[0]}".\n\n${command.help}`
        : `expected ${what}; got ${count} arguments.\n\n${command.help}`,
      2
    )
  if (count < min) throw new CliError(`expected ${what}.\n\n${command.help}`, 2)
  return flags
}

/**
 * Opens the data folder the flags name (--data-dir, --store-key-file), does the command's work on it and
 * closes it. A refusal of the application layer (an AppError) is its message and exit code 1.
 */
export async function onDataFolder(
  values: { 'data-dir'?: string; 'store-key-file'?: string },
  io: CliIo,
  work: (core: Core) => Promise<number>,
  options: Parameters<typeof openDataFolder>[2] = {}
): Promise<number> {
  const core = await openDataFolder(values, io, options)
  try {
    return await work(core)
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message, 1)
    throw error
  } finally {
    await core.close()
  }
}
