// `lote audit`: the audit log — who did what to personal data, and when — and `--verify`, which walks its hash
// chain and says where it breaks.
import type { AuditEntry } from '../../shared/audit'
import { onDataFolder, readFlags } from '../command'
import type { Command } from '../index'
import { CliError } from '../io'
import { DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS } from '../options'

const HELP = `Usage: lote audit [--json] [--since DATE] [--verify] [--data-dir DIR]

Prints the audit log of the data folder, oldest first: batches started (with the authorisation statement),
files imported, exports written, checks deleted, people erased, retention purges, keys and settings changed.

Options:
  --since DATE      Only entries from this date on (YYYY-MM-DD or an ISO time)
  --json            One JSON array, with each entry's hash and the hash of the one before
  --verify          Check the hash chain: exit 0 when intact, 1 with the entry where it breaks
${DATA_FOLDER_HELP}`

const REASONS: Record<string, string> = {
  unreadable: 'the line is not a readable entry',
  sequence: 'an entry is missing or out of order before it',
  'previous-hash': 'it does not follow from the entry before (an entry before it was changed or removed)',
  hash: 'its content was changed after it was written',
  truncated: 'entries were removed from the end of the log',
  missing: 'the log file is missing'
}

function line(entry: AuditEntry): string {
  const who = entry.connection ? `${entry.user} (${entry.connection})` : entry.user
  return `${String(entry.seq).padStart(5)}  ${entry.at.slice(0, 19).replace('T', ' ')}  ${entry.action.padEnd(18)} ${who}  ${JSON.stringify(entry.details)}`
}

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: {
      json: { type: 'boolean' },
      since: { type: 'string' },
      verify: { type: 'boolean' },
      ...DATA_FOLDER_OPTIONS
    }
  })
  if (!flags) return 0
  const { values } = flags
  if (values.since !== undefined && Number.isNaN(Date.parse(values.since)))
    throw new CliError(`--since must be a date (YYYY-MM-DD); got "${values.since}".`, 2)
  return onDataFolder(values, io, async (core) => {
    const { privacy } = core.app
    if (values.verify) {
      const result = privacy.verifyAudit()
      if (values.json) io.out(JSON.stringify(result, null, 2))
      else if (result.ok)
        io.out(`The audit log is intact: ${result.entries} entries, each following from the one before.`)
      else
        io.err(
          `The audit log breaks at entry ${result.brokenAt.seq} (line ${result.brokenAt.line}): ` +
            `${REASONS[result.brokenAt.reason]}. The ${result.entries} entries before it are intact.`
        )
      return result.ok ? 0 : 1
    }
    const since = values.since ? new Date(values.since).toISOString() : undefined
    const entries = privacy.auditEntries({ since })
    if (values.json) io.out(JSON.stringify(entries, null, 2))
    else if (entries.length === 0) io.out('No entries.')
    else for (const entry of entries) io.out(line(entry))
    return 0
  })
}
