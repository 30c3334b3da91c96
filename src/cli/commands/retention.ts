// `lote retention`: how long each connection keeps personal data after a batch finishes, what will be purged
// and when; set a connection's period, extend one batch's, or purge what is due now.
import { onDataFolder, readFlags } from '../command'
import type { Command } from '../index'
import { CliError } from '../io'
import { DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS } from '../options'

const HELP = `Usage: lote retention [--profile NAME] [--set DAYS|off]
       lote retention --extend BATCH-ID --days N --reason TEXT
       lote retention --apply

Without options: each finished batch and when its personal data (rows, results, details, PDFs) will be purged.
Purging leaves a record without personal data: counts, dates and check ids.

Options:
  --set DAYS|off        Keep personal data DAYS days after a batch finishes (off: keep it) for the connection
  --profile NAME        The connection --set applies to (default: the active one)
  --extend BATCH-ID     Keep one batch's personal data longer: --days N more, with a --reason
  --apply               Purge now what is due (Lote also does this at start and daily while running)
  --json                Print JSON
${DATA_FOLDER_HELP}`

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: {
      set: { type: 'string' },
      profile: { type: 'string' },
      extend: { type: 'string' },
      days: { type: 'string' },
      reason: { type: 'string' },
      apply: { type: 'boolean' },
      json: { type: 'boolean' },
      ...DATA_FOLDER_OPTIONS
    }
  })
  if (!flags) return 0
  const { values } = flags
  return onDataFolder(values, io, async (core) => {
    const { privacy } = core.app
    if (values.set !== undefined) {
      const retention = values.set === 'off' ? 'off' : Number(values.set)
      if (retention !== 'off' && (!Number.isInteger(retention) || retention < 1 || retention > 3650))
        throw new CliError(`--set must be a number of days (1-3650) or off; got "${values.set}".`, 2)
      const profiles = await core.connections.list()
      const wanted = values.profile?.toLowerCase()
      const profile = wanted
        ? profiles.find((p) => p.id === values.profile || p.name.toLowerCase() === wanted)
        : profiles.find((p) => p.id === core.connections.activeProfileId())
      if (!profile) throw new CliError(`There is no connection named "${values.profile}".`, 2)
      privacy.setRetention(profile.id, retention)
      io.out(
        retention === 'off'
          ? `${profile.name}: personal data is kept until deleted or erased.`
          : `${profile.name}: personal data is purged ${retention} days after a batch finishes.`
      )
    }
    if (values.extend) {
      const days = Number(values.days)
      if (!Number.isInteger(days) || days < 1) throw new CliError('--extend needs --days N (whole days).', 2)
      if (!values.reason?.trim()) throw new CliError('--extend needs a --reason.', 2)
      const state = privacy.extendRetention(values.extend, days, values.reason)
      io.out(`Batch ${state.batchId}: personal data kept until ${state.purgeDueAt ?? state.extendedUntil}.`)
    }
    if (values.apply) {
      const purged = privacy.applyRetention()
      io.out(
        purged.length === 0
          ? 'Nothing is due.'
          : `Purged ${purged.length} batch(es): ${purged.map((p) => p.batchId).join(', ')}`
      )
    }
    if (values.set === undefined && !values.extend && !values.apply) {
      const states = privacy.retention()
      if (values.json) io.out(JSON.stringify(states, null, 2))
      else if (states.length === 0) io.out('No finished batches.')
      else
        for (const s of states)
          io.out(
            `${s.batchId.padEnd(20)} ${s.purgedAt ? `purged ${s.purgedAt.slice(0, 10)}` : s.purgeDueAt ? `purge due ${s.purgeDueAt.slice(0, 10)}` : 'kept (retention off)'}` +
              `${s.extendedUntil && !s.purgedAt ? ` (extended: ${s.extensionReason ?? ''})` : ''}  ${s.name}`
          )
    }
    return 0
  })
}
