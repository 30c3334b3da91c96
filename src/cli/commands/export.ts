// `lote export <batch-id>`: results from the local store, with no network: xlsx, csv, a summary PDF, or the
// Truora PDFs already downloaded (zip or folder).
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { passwordProblem } from '../../main/export'
import { onDataFolder, readFlags } from '../command'
import { DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS } from '../options'
import type { Command } from '../index'
import { CliError } from '../io'
import { formatFor } from './run'
import { LANGUAGES, type Language } from '../../shared/settings'
import { isTimeZone } from '../../main/export/i18n'

const HELP = `Usage: lote export <batch-id> --out FILE [--format xlsx|csv|pdf|pdfs] [--lang es|en|pt-BR]
                   [--tz ZONE] [--delimiter comma|semicolon|tab] [--password-file FILE] [--data-dir DIR]

Writes a batch's results from the local store (no network), in the analyst's language:
  xlsx   the sheet row, the original columns, then check id, status, scores, one column per dataset, the
         risk and why, and the analyst's decision (who, when, why); a summary sheet with the counts
  csv    the same, UTF-8 with BOM; ';' between fields for es and pt-BR, ',' for en (or --delimiter)
  pdf    a summary to print and sign: the batch, counts by risk, decision and state, the score chart,
         the people who need attention with their decision, page numbers and a reviewer block
  pdfs   the Truora PDFs downloaded for its checks (lote run --pdfs), named by row and person: a .zip,
         or a folder; refused when none was downloaded
The format defaults to the extension of --out; the language to the app's (settings, else the system's);
dates are shown in --tz (an IANA zone such as America/Bogota), by default this computer's.

  --password-file FILE  Protect the export with the password in FILE (its first line): --out is then a zip
                        (AES-256) holding the export, and --format says which. Without it, the file
                        written is plain and leaves Lote's protection.

${DATA_FOLDER_HELP}`

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const

/** The password in a file: its first line, as typed (a password on the command line would show in ps). */
function readPassword(file: string): string {
  if (!existsSync(file)) throw new CliError(`the password file ${file} does not exist.`, 2)
  const password = readFileSync(file, 'utf8').split(/\r?\n/)[0]
  const problem = passwordProblem(password)
  if (problem) throw new CliError(`the password in ${file}: ${problem}`, 2)
  return password
}

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      tz: { type: 'string' },
      delimiter: { type: 'string' },
      'password-file': { type: 'string' },
      ...DATA_FOLDER_OPTIONS
    },
    positionals: { min: 1, max: 1, what: 'one batch id' }
  })
  if (!flags) return 0
  const { values, positionals } = flags
  if (!values.out) throw new CliError(`--out FILE is required.\n\n${HELP}`, 2)
  const out = resolve(io.cwd, values.out)
  if (values.lang !== undefined && !(LANGUAGES as readonly string[]).includes(values.lang))
    throw new CliError(`--lang takes ${LANGUAGES.join(', ')}.`, 2)
  if (values.tz !== undefined && !isTimeZone(values.tz))
    throw new CliError(`--tz ${values.tz} is not a time zone; use one such as America/Bogota.`, 2)
  if (values.delimiter !== undefined && !(values.delimiter in DELIMITERS))
    throw new CliError('--delimiter takes comma, semicolon or tab.', 2)
  const choices = {
    ...(values.lang ? { language: values.lang as Language } : {}),
    ...(values.tz ? { timeZone: values.tz } : {}),
    ...(values.delimiter ? { delimiter: DELIMITERS[values.delimiter as keyof typeof DELIMITERS] } : {})
  }
  const password = values['password-file']
    ? readPassword(resolve(io.cwd, values['password-file']))
    : undefined
  if (password !== undefined && !out.toLowerCase().endsWith('.zip'))
    throw new CliError('with --password-file, --out must be a .zip (the protected export is a zip).', 2)
  if (password !== undefined && !values.format)
    throw new CliError(
      'with --password-file, say which export goes in the zip: --format xlsx|csv|pdf|pdfs.',
      2
    )
  return onDataFolder(values, io, async (core) => {
    const { dataDir } = core
    const batchId = positionals[0]
    const { batches, checks } = core.app
    if (!batches.exists(batchId))
      throw new CliError(`there is no batch ${batchId} in ${dataDir}. See lote batches.`, 1)
    if (password !== undefined) {
      const format = values.format === 'pdfs' ? 'pdfs' : formatFor(out, values.format)
      await checks.exportTo(batchId, format, out, { ...choices, password })
      io.out(`Results written to ${out}, protected by the password`)
      return 0
    }
    if (values.format === 'pdfs') {
      const result = await checks.exportPdfs(batchId, out)
      io.out(`${result.files} PDFs written to ${result.target}`)
      if (result.missing.length > 0) io.err(`${result.missing.length} PDFs are no longer on disk.`)
      return 0
    }
    await checks.exportTo(batchId, formatFor(out, values.format), out, choices)
    io.out(`Results written to ${out}`)
    return 0
  })
}
