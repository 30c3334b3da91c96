// `lote resume <batch-id>`: continue a batch that a crash, Ctrl-C or a pause left unfinished (or re-run its
// failed rows), from the state kept in the results store.
import { readFlags } from '../command'
import { AppError } from '../../shared/result'
import { openSession, type BatchSession } from '../session'
import { DATA_FOLDER_HELP, openDataFolder } from '../options'
import type { Command } from '../index'
import { CliError } from '../io'
import { connectionOptions, finish, formatFor } from './run'

const HELP = `Usage: lote resume <batch-id> [options]

Continues a batch where it stopped: rows without a check get one (after making sure it was not created
already), known checks are followed to the end, a Truora batch is monitored again.

Options:
  --rerun-failed      Also re-run rows that got no check or whose check ended in error
  --profile NAME      Connection to use (default: the one the batch ran with)
  --sandbox-url URL   Sandbox to use (default: the one the batch ran with, if any)
  --out FILE          Write the results here when done: .xlsx, .csv or .pdf
${DATA_FOLDER_HELP}`

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: { ...connectionOptions, 'rerun-failed': { type: 'boolean' } },
    positionals: { min: 1, max: 1, what: 'one batch id' }
  })
  if (!flags) return 0
  const { values, positionals } = flags
  if (values.out) formatFor(values.out)
  const batchId = positionals[0]
  if (values.sandbox)
    throw new CliError("a new in-process Sandbox does not know this batch's checks; use --sandbox-url.", 2)

  const core = await openDataFolder(values, io, { workerName: 'lote resume' })
  const { dataDir } = core
  let session: BatchSession | undefined
  try {
    const { batches } = core.app
    if (!batches.exists(batchId))
      throw new CliError(`there is no batch ${batchId} in ${dataDir}. See lote batches.`, 1)
    // A draft never started: said before any connection is opened for it.
    batches.refuseToResumeDraft(batchId)
    // Which connection: the flags, else the one the batch ran with.
    const explicit = values.profile || values['sandbox-url']
    const recorded = batches.connectionOf(batchId)
    session = await openSession(
      core,
      explicit
        ? { profile: values.profile, sandboxUrl: values['sandbox-url'], envKey: io.env.LOTE_API_KEY }
        : { ...recorded, envKey: io.env.LOTE_API_KEY },
      io
    )
    io.out(`Batch ${batchId}`)
    const batch = batches.get(batchId)
    if (values['rerun-failed']) {
      const { rows, lookedAgain } = await batches.rerunFailed(batchId)
      io.out(rows === 0 ? 'No rows to re-run.' : `Re-running ${rows} rows.`)
      if (lookedAgain > 0)
        io.out(
          `${lookedAgain} check(s) Lote had stopped waiting for have finished on Truora: kept, not paid again.`
        )
    } else if (batch.status === 'completed' || batch.status === 'cancelled') {
      io.out(`The batch is already ${batch.status}.`)
    } else {
      await batches.resume(batchId)
    }
    return await finish(session, batchId, io, values.out)
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message, 1)
    throw error
  } finally {
    await session?.close()
    if (!session) await core.close()
  }
}
