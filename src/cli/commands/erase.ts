// `lote erase --document NUMBER`: every trace of a person in the data folder — rows in batches and drafts,
// their checks, details and PDFs — shown, then erased in one step; with --at-truora their checks are deleted at
// Truora too. Exports already written are listed for the analyst to delete by hand.
import { onDataFolder, readFlags } from '../command'
import type { Command } from '../index'
import { CliError } from '../io'
import { countryOption, DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS } from '../options'

const HELP = `Usage: lote erase --document NUMBER [--country CC] [--at-truora] [--yes] [--data-dir DIR]
       lote erase --name "FULL NAME" …

Finds every trace of a person across all batches, drafts and stored files, shows it, and erases it in one step
(asks for --yes before erasing). The audit log records the erasure without the person's data.

Options:
  --document NUMBER   The person's document number (any punctuation: 1.098.765.432 = 1098765432)
  --name TEXT         Or their name (every word must match)
  --country CC        Only rows of this country
  --at-truora         Also delete their checks at Truora (DELETE /v1/checks/{id}); the outcome is shown per check
  --profile NAME      Connection to delete them with (default: the one each batch ran with)
  --sandbox-url URL   A Sandbox to delete them from
  --yes               Erase without asking (needed when not run in a terminal)
${DATA_FOLDER_HELP}`

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: {
      document: { type: 'string' },
      name: { type: 'string' },
      country: { type: 'string' },
      'at-truora': { type: 'boolean' },
      profile: { type: 'string' },
      'sandbox-url': { type: 'string' },
      yes: { type: 'boolean' },
      ...DATA_FOLDER_OPTIONS
    }
  })
  if (!flags) return 0
  const { values } = flags
  if (!values.document && !values.name)
    throw new CliError(`give --document NUMBER or --name TEXT.\n\n${HELP}`, 2)
  const query = { document: values.document, name: values.name, country: countryOption(values.country) }
  return onDataFolder(values, io, async (core) => {
    if (values.profile || values['sandbox-url'])
      await core.connections.pin({
        profile: values.profile,
        sandboxUrl: values['sandbox-url'],
        envKey: io.env.LOTE_API_KEY
      })
    const { privacy } = core.app
    const found = privacy.findPerson(query)
    if (found.traces.length === 0) {
      io.out('Nothing in Lote matches that person.')
      return 0
    }
    io.out(`Found in ${found.traces.length} row(s):`)
    for (const trace of found.traces)
      io.out(
        `  ${trace.draft ? 'draft' : 'batch'} ${trace.batchId} "${trace.batchName}", row ${trace.row}` +
          `${trace.checkIds.length ? `, checks ${trace.checkIds.join(', ')}` : ''}${trace.files ? `, ${trace.files} file(s)` : ''}`
      )
    if (found.exports.length > 0) {
      io.out('Exports already written from these batches (Lote cannot reach them; delete them by hand):')
      for (const e of found.exports) io.out(`  ${e.fileName} (${e.format}, ${e.rows} rows, ${e.at})`)
    }
    if (!values.yes) {
      io.out('Nothing was erased. Run again with --yes to erase all of the above.')
      return 1
    }
    const erasure = await privacy.erasePerson(query, { atTruora: values['at-truora'] ?? false })
    io.out(
      `Erased ${erasure.rows} row(s), ${erasure.checks} check(s) and ${erasure.files} file(s) from ${erasure.batches} batch(es).`
    )
    if (erasure.truora) {
      for (const t of erasure.truora)
        io.out(
          `  at Truora: ${t.checkId} ${t.outcome === 'deleted' ? 'deleted' : t.outcome === 'already-gone' ? 'was already gone' : `NOT deleted: ${t.message}`}`
        )
      if (erasure.truora.some((t) => t.outcome === 'failed')) return 1
    }
    return 0
  })
}
