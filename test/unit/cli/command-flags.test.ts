// How every lote command reads its flags: --help prints the command's help and ends the command, an unknown
// flag or a missing or extra argument is refused with exit code 2 and the help, and values keep their types.
import { describe, expect, it } from 'vitest'
import { readFlags } from '../../../src/cli/command'
import { main } from '../../../src/cli/index'
import { CliError } from '../../../src/cli/io'
import { captureIo } from '../../helpers/cli-io'

const HELP = 'Usage: lote example <file> [--json] [--map input=COLUMN …]'
const command = {
  help: HELP,
  options: { json: { type: 'boolean' }, map: { type: 'string', multiple: true } },
  positionals: { min: 1, max: 1, what: 'one file' }
} as const

describe('readFlags', () => {
  it('reads values and arguments, each with its type', () => {
    const flags = readFlags(['a.xlsx', '--json', '--map', 'x=A', '--map', 'y=B'], captureIo('/'), command)
    expect(flags?.values).toEqual({ json: true, map: ['x=A', 'y=B'] })
    expect(flags?.positionals).toEqual(['a.xlsx'])
  })

  it('prints the help for --help or -h, and the command ends there', () => {
    for (const ask of ['--help', '-h']) {
      const io = captureIo('/')
      expect(readFlags([ask], io, command)).toBeNull()
      expect(io.lines).toEqual([HELP])
    }
  })

  it('refuses a missing or an extra argument with exit code 2 and the help', () => {
    for (const argv of [[], ['a.xlsx', 'b.xlsx']]) {
      let refused: unknown
      try {
        readFlags(argv, captureIo('/'), command)
      } catch (error) {
        refused = error
      }
      expect(refused).toBeInstanceOf(CliError)
      expect((refused as CliError).exitCode).toBe(2)
      expect((refused as CliError).message).toContain('expected one file')
      expect((refused as CliError).message).toContain(HELP)
    }
    expect(() => readFlags(['stray'], captureIo('/'), { help: HELP, options: {} })).toThrow(
      /unexpected argument "stray"/
    )
  })

  it('an unknown flag ends every command with exit code 2', async () => {
    for (const name of [
      'inspect',
      'run',
      'resume',
      'batches',
      'history',
      'export',
      'erase',
      'retention',
      'audit'
    ]) {
      const io = captureIo('/')
      expect(await main([name, '--no-such-flag'], io), name).toBe(2)
      expect(io.errors.join('\n'), name).toContain("Unknown option '--no-such-flag'")
    }
  })
})
