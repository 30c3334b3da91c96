// `lote history --document NUMBER`: every check of a person (company, vehicle) in the results store, newest
// first, across batches: when, which check, score, risk and what was found.
import { onDataFolder, readFlags } from '../command'
import type { Command } from '../index'
import { countryOption, DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS } from '../options'
import { CliError } from '../io'

const HELP = `Usage: lote history --document NUMBER [--country CC] [--json] [options]

Lists every check of a document kept in the data folder, newest first, whatever batch made it: the date, the
country and check type, the score, the risk, the datasets where something was found, and the batch and row.
The number matches with or without dots, dashes and leading zeros (79.123.456 = 79123456 = 079123456).

${DATA_FOLDER_HELP}`

function words(name: string): string {
  return name.replace(/_/g, ' ')
}

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: {
      document: { type: 'string' },
      country: { type: 'string' },
      json: { type: 'boolean' },
      ...DATA_FOLDER_OPTIONS
    },
    positionals: { min: 0, max: 1, what: 'one document number' }
  })
  if (!flags) return 0
  const { values, positionals } = flags
  const document = values.document ?? positionals[0]
  if (!document) throw new CliError(`give the document to look for with --document.\n\n${HELP}`, 2)
  const country = countryOption(values.country)
  return onDataFolder(values, io, async (core) => {
    const history = core.app.people.historyOfDocument(document, country)
    if (values.json) {
      io.out(JSON.stringify(history, null, 2))
      return 0
    }
    if (history.checks.length === 0) {
      io.out(`No check of ${document}${country ? ` in ${country}` : ''} in ${core.dataDir}.`)
      return 0
    }
    io.out(
      `${history.checks.length} check(s) of ${history.document}${country ? ` (${country})` : ''}, newest first:`
    )
    for (const check of history.checks) {
      const score = check.score === null ? '—' : check.score.toFixed(2)
      const found = check.found.filter(
        (name) => name !== 'personal_identity' && name !== 'vehicle_information'
      )
      io.out(
        [
          check.checkedAt.slice(0, 16).replace('T', ' '),
          `${check.country} ${check.type}`.padEnd(12),
          check.status.padEnd(10),
          `score ${score}`,
          `${check.risk} risk`.padEnd(12),
          check.status !== 'completed'
            ? 'not completed: no verdict'
            : found.length > 0
              ? `found: ${found.map(words).join(', ')}`
              : 'nothing found',
          `· batch "${check.batchName}" row ${check.row}`,
          `· ${check.checkId}`
        ].join('  ')
      )
    }
    return 0
  })
}
