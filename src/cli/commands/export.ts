// `lote export <batch-id>`: results from the local store, with no network: xlsx, csv, a summary PDF, or the
// Truora PDFs already downloaded (zip or folder).
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS, openDataFolder } from '../options'
import type { Command } from '../index'
import { CliError } from '../io'
import { formatFor } from './run'

const HELP = `Usage: lote export <batch-id> --out FILE [--format xlsx|csv|pdf|pdfs] [--data-dir DIR]

Writes a batch's results from the local store (no network):
  xlsx   the original columns, then check id, status, scores, one column per dataset and the risk level
  csv    the same, UTF-8 with BOM
  pdf    a summary: counts, score distribution and the rows that need attention
  pdfs   the Truora PDFs downloaded for its checks (lote run --pdfs): a .zip, or a folder
The format defaults to the extension of --out.

${DATA_FOLDER_HELP}`

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      ...DATA_FOLDER_OPTIONS,
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  })
  if (values.help) {
    io.out(HELP)
    return 0
  }
  if (positionals.length !== 1) throw new CliError(`expected one batch id.\n\n${HELP}`, 2)
  if (!values.out) throw new CliError(`--out FILE is required.\n\n${HELP}`, 2)
  const out = resolve(io.cwd, values.out)
  const core = await openDataFolder(values, io)
  const { dataDir } = core
  try {
    const batchId = positionals[0]
    const { batches, checks } = core.app
    if (!batches.exists(batchId))
      throw new CliError(`there is no batch ${batchId} in ${dataDir}. See lote batches.`, 1)
    if (values.format === 'pdfs') {
      const result = await checks.exportPdfs(batchId, out)
      io.out(`${result.files} PDFs written to ${result.target}`)
      if (result.missing.length > 0) io.err(`${result.missing.length} PDFs are no longer on disk.`)
      return 0
    }
    await checks.exportTo(batchId, formatFor(out, values.format), out)
    io.out(`Results written to ${out}`)
    return 0
  } finally {
    await core.close()
  }
}
