// Entry of the headless `lote` command: dispatches to one module per subcommand.
import { CliError, processIo, type CliIo } from './io'

export type Command = (argv: string[], io: CliIo) => Promise<number>

interface CommandEntry {
  summary: string
  load: () => Promise<{ run: Command }>
}

const commands: Record<string, CommandEntry> = {
  sandbox: { summary: 'Run the local Truora simulator', load: () => import('./commands/sandbox') },
  serve: {
    summary: 'Serve the app in your browser on http://127.0.0.1 (same UI and backend as the desktop app)',
    load: () => import('./commands/serve')
  },
  inspect: {
    summary: 'Show sheets, header row, suggested mapping and problems of a spreadsheet',
    load: () => import('./commands/inspect')
  },
  run: {
    summary: 'Run a check for every row of a spreadsheet and write the results',
    load: () => import('./commands/run')
  },
  resume: {
    summary: 'Continue a batch that stopped (or re-run its failed rows)',
    load: () => import('./commands/resume')
  },
  batches: { summary: 'List the batches in the results store', load: () => import('./commands/batches') },
  history: {
    summary: "Every check of a person's document across batches, newest first",
    load: () => import('./commands/history')
  },
  export: {
    summary: "Write a batch's results as xlsx, csv or a summary PDF, offline",
    load: () => import('./commands/export')
  },
  erase: {
    summary: 'Find and erase every trace of a person (and their checks at Truora)',
    load: () => import('./commands/erase')
  },
  retention: {
    summary: 'How long personal data is kept; what will be purged and when',
    load: () => import('./commands/retention')
  },
  audit: {
    summary: 'The audit log of who did what to personal data; --verify checks it was not changed',
    load: () => import('./commands/audit')
  }
}

function usage(): string {
  const lines = ['Usage: lote <command> [options]', '', 'Commands:']
  for (const [name, entry] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${entry.summary}`)
  lines.push('', 'Run `lote <command> --help` for the options of a command.')
  return lines.join('\n')
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name ? 0 : 2
  }
  const entry = commands[name]
  if (!entry) {
    io.err(`lote: unknown command "${name}".\n\n${usage()}`)
    return 2
  }
  try {
    const { run } = await entry.load()
    return await run(rest, io)
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`lote ${name}: ${error.message}`)
      return error.exitCode
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`lote ${name}: ${error.message}`)
      return 2
    }
    throw error
  }
}
