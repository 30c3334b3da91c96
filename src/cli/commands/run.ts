// `lote run <file>`: import a spreadsheet, run a check for every valid row, and write the results — the same
// import, batch engines and results store as the app.
import { existsSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { COUNTRIES } from '../../shared/checks/inputs'
import { AppError } from '../../shared/result'
import { DATA_PROTECTION_LAWS } from '../../shared/privacy'
import { everyRowHasResult, openSession, type BatchSession } from '../session'
import {
  AUTHORIZATION_STATEMENT,
  ENGINES,
  FIND_MEANS,
  type FindMeans,
  type BatchOptions,
  type BatchSummary,
  type EngineKind
} from '../../shared/batch'
import { EXPORT_FORMATS, type ExportFormat } from '../../main/export'
import { SheetError, sheetErrors } from '../../main/sheets/errors'
import type { Command } from '../index'
import { readFlags } from '../command'
import {
  checkTypeOption,
  countryOption,
  DATA_FOLDER_HELP,
  durationOption,
  DATA_FOLDER_OPTIONS,
  encodingOption,
  ENCODING_HELP,
  openDataFolder
} from '../options'
import { CliError, type CliIo } from '../io'
import { MAPPING_HELP, mappingFor, printMapping, requireDataSheet } from '../mapping'
import { estimateLines } from '../cost-text'
import { MAX_REUSE_DAYS } from '../../shared/costs'

const HELP = `Usage: lote run <file> --country CC --type T --i-have-authorization [options]

Imports an .xlsx or .csv file, creates one Truora check per valid row, follows them to the end, keeps every
result in the local results store and writes them to --out. Prints the batch id first. Exits 0 only when
every valid row has a final result.

A row whose person (same country, check type and document) had a completed check on the same connection
within the reuse window gets that result instead of a new check; rows of the file repeating a document share
one check. Before anything is sent, it prints the new checks by type and country and their estimated cost
(with the prices set in the app's Settings).

Options:
  --country CC              Country of every row: ${COUNTRIES.join(', ')} (default: a country column)
  --type T                  person, vehicle, company or a custom type (default: a type column)
  --sheet NAME              Sheet to read (default: the visible sheet whose columns Lote recognises best)
  --encoding E              ${ENCODING_HELP}
${MAPPING_HELP}
  --engine direct|truora-batch
                            direct (default): one request per check, fastest for small and medium files;
                            truora-batch: one upload, runs on Truora's side
  --profile NAME            Connection to use (its key comes from the keychain, or LOTE_API_KEY)
  --sandbox                 Use a Sandbox started inside this command
  --sandbox-url URL         Use a Sandbox already running at URL
  --concurrency N           Requests in flight at once (default: the app's setting)
  --rate N                  Requests per second to start at (default 10; it adapts to Truora's answers)
  --details all|attention|none
                            Which final checks get their details stored (default attention:
                            those with something found, not scored or in error)
  --pdfs                    Also download each check's Truora PDF
  --give-up-after DURATION  Stop waiting for a check (or a Truora batch) still waiting after this long,
                            e.g. 90m, 48h, 3d (default 48h): its row is marked given up, so the run ends
  --reuse-days N            Reuse results of checks made in the last N days (default: the connection's
                            window, 30 unless changed in Settings); 0 = always make new checks
  --dry-run                 Read the file and print what would be checked, reused and what it would cost;
                            send nothing (needs no --i-have-authorization)
  --i-have-authorization    Confirm that every person in the file authorised the check (required)
  --consent-file FILE       A signed consent file that shows it (repeat for several); kept sealed with
                            the batch and named in its exports
  --consent-ref ID          The request that collected the consents
  --consent-form VERSION    The consent form's version
  --out FILE                Write the results here: .xlsx, .csv or .pdf (summary)
${DATA_FOLDER_HELP}`

const REFUSAL =
  'refusing to start: Truora requires that every person checked has authorised it (user_authorized=true). ' +
  'If you hold that authorisation for every row, run again with --i-have-authorization.'

export interface ConnectionFlags {
  profile?: string
  sandbox?: boolean
  'sandbox-url'?: string
}

export const connectionOptions = {
  profile: { type: 'string' },
  sandbox: { type: 'boolean' },
  'sandbox-url': { type: 'string' },
  ...DATA_FOLDER_OPTIONS,
  out: { type: 'string' }
} as const

export function formatFor(file: string, given?: string): ExportFormat {
  const format = (given ?? extname(file).slice(1)).toLowerCase()
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new CliError(
      `cannot tell the export format of "${file}": use --format ${EXPORT_FORMATS.join('|')}.`,
      2
    )
  return format as ExportFormat
}

function reuseDaysOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const days = Number(value)
  if (!Number.isInteger(days) || days < 0 || days > MAX_REUSE_DAYS)
    throw new CliError(`--reuse-days must be a whole number of days from 0 to ${MAX_REUSE_DAYS}.`, 2)
  return days
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1)
    throw new CliError(`${flag} must be a whole number of 1 or more.`, 2)
  return number
}

/** Follows the batch to the end, writes --out, and says whether every valid row has a result. */
export async function finish(
  session: BatchSession,
  batchId: string,
  io: CliIo,
  out: string | undefined
): Promise<number> {
  const { app } = session.core
  const stop = () => {
    io.err(`Stopping. Continue later with: lote resume ${batchId}`)
    void session.core.batchService.close()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  let batch: BatchSummary
  try {
    batch = await app.batches.whenIdle(batchId)
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
  if (out) {
    const file = resolve(io.cwd, out)
    await app.checks.exportTo(batchId, formatFor(file), file)
    io.out(`Results written to ${file}`)
  }
  const c = batch.counts
  const unusual = [
    c.unknownFinal > 0 ? `${c.unknownFinal} ended in a status Lote does not know (see the results)` : '',
    c['given-up'] > 0 ? `${c['given-up']} given up while still waiting` : '',
    c.lost > 0 ? `${c.lost} lost (Truora no longer finds their check)` : ''
  ].filter(Boolean)
  io.out(
    `Batch ${batchId}: ${batch.status}. ${c.completed} completed, ${c.error} ended in error, ${unusual.map((u) => `${u}, `).join('')}${c.failed} failed, ${c.cancelled} cancelled, ${c.skipped} not sent (file errors). ${batch.reuse.reused} reused from earlier checks, ${batch.made.reduce((n, line) => n + line.checks, 0)} new check(s) made.`
  )
  const found = foundBy(batch)
  if (found) io.out(found)
  if (everyRowHasResult(batch)) return 0
  if (c['given-up'] > 0)
    io.err(
      `Some checks were still waiting when Lote gave up on them; Truora may still finish them. Their rows are marked given up in the results (lote export ${batchId} --out FILE).`
    )
  if (c.lost > 0)
    io.err(
      `Truora no longer finds the check of ${c.lost} row(s): they have no result. Check them again with: lote resume ${batchId} --rerun-failed`
    )
  if (batch.status === 'running' || batch.status === 'paused') io.err(`Continue with: lote resume ${batchId}`)
  else if (c.failed > 0)
    io.err(`Some rows got no check. Fix them or try again with: lote resume ${batchId} --rerun-failed`)
  return 1
}

const MEANS_WORDS: Record<FindMeans, string> = {
  'report-id': "the batch's report_id",
  'report-file': "Truora's report file",
  listing: "listing the account's checks"
}

/** For a Truora batch: which means found how many checks. */
export function foundBy(batch: BatchSummary): string | null {
  const found = batch.remote?.found
  if (!found) return null
  const parts = FIND_MEANS.filter((means) => (found[means] ?? 0) > 0).map(
    (means) => `${found[means]} by ${MEANS_WORDS[means]}`
  )
  return parts.length ? `Checks found: ${parts.join(', ')}.` : null
}

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    positionals: { min: 1, max: 1, what: 'one file' },
    options: {
      ...connectionOptions,
      country: { type: 'string' },
      type: { type: 'string' },
      sheet: { type: 'string' },
      encoding: { type: 'string' },
      map: { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      engine: { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      details: { type: 'string' },
      pdfs: { type: 'boolean' },
      'give-up-after': { type: 'string' },
      'reuse-days': { type: 'string' },
      'dry-run': { type: 'boolean' },
      'i-have-authorization': { type: 'boolean' },
      'consent-file': { type: 'string', multiple: true },
      'consent-ref': { type: 'string' },
      'consent-form': { type: 'string' }
    }
  })
  if (!flags) return 0
  const { values, positionals } = flags
  const country = countryOption(values.country)
  const type = checkTypeOption(values.type)
  const encoding = encodingOption(values.encoding)
  if (values.type !== undefined && !type)
    throw new CliError(`--type "${values.type}" is not a check type.`, 2)
  const engine = (values.engine ?? 'direct') as EngineKind
  if (!ENGINES.includes(engine)) throw new CliError(`--engine must be ${ENGINES.join(' or ')}.`, 2)
  if (values.details !== undefined && !['all', 'attention', 'none'].includes(values.details))
    throw new CliError('--details must be all, attention or none.', 2)
  if (values.out) formatFor(values.out)
  const concurrency = positiveInteger(values.concurrency, '--concurrency')
  const rate = positiveInteger(values.rate, '--rate')
  const giveUpAfterMs = durationOption(values['give-up-after'], '--give-up-after')
  const reuseDays = reuseDaysOption(values['reuse-days'])
  const dryRun = values['dry-run'] ?? false
  if (!values['i-have-authorization'] && !dryRun) throw new CliError(REFUSAL, 2)
  for (const consent of values['consent-file'] ?? [])
    if (!existsSync(resolve(io.cwd, consent)))
      throw new CliError(`--consent-file ${consent} does not exist.`, 2)

  const file = resolve(io.cwd, positionals[0])
  const core = await openDataFolder(values, io, { workerName: 'lote run' })
  let session: BatchSession | undefined
  try {
    session = await openSession(
      core,
      {
        profile: values.profile,
        sandbox: values.sandbox,
        sandboxUrl: values['sandbox-url'],
        envKey: io.env.LOTE_API_KEY
      },
      io
    )
    const { app } = core
    // Read as the app reads: in a process of its own, through the application layer.
    const { fileId } = core.files.registerPath(file)
    const info = await app.spreadsheets.inspect({ fileId, sheet: values.sheet, encoding })
    if (info.encodingNeeded) throw sheetErrors.encodingNeeded(file, info.encodingNeeded)
    const sheet = requireDataSheet(
      info,
      info.sheets.find((candidate) => candidate.name === info.dataSheet),
      positionals[0]
    )
    const defaults = { country, type }
    const { suggestions, mapping } = mappingFor(sheet, defaults, { map: values.map, ignore: values.ignore })

    const options = {
      engine,
      concurrency: concurrency ?? app.preferences.get().concurrency,
      ...(rate ? { requestsPerSecond: rate, maxRequestsPerSecond: Math.max(rate, 20) } : {}),
      ...(values.details ? { details: values.details as BatchOptions['details'] } : {}),
      pdfs: values.pdfs ?? false,
      ...(giveUpAfterMs ? { giveUpAfterMs } : {}),
      // A Sandbox given on the command line is where the batch's checks live: it is recorded with the batch,
      // which continues only there. The built-in Sandbox (--sandbox) keeps its checks in the data folder, so a
      // batch run on it continues on the Sandbox connection, in any later process (lote resume, the app).
      ...(values['sandbox-url'] ? { endpoint: session.connection.checksBaseUrl } : {}),
      ...(reuseDays !== undefined ? { reuseDays } : {})
    }
    const { batchId } = app.drafts.open({
      fileId,
      sheet: sheet.name,
      encoding,
      mapping,
      name: info.file
    })
    io.out(`Batch ${batchId}`)
    printMapping(io, `Mapping of "${sheet.name}" (header row ${sheet.headerRow}):`, suggestions, mapping)
    const summary = await app.drafts.whenRead(batchId)
    const checkable = summary.rows - summary.byStatus.error - summary.byStatus.excluded
    io.out(
      `Read ${summary.rows} rows from "${sheet.name}": ${checkable} will be checked, ${summary.byStatus.error} have errors and are skipped.`
    )
    if (checkable === 0) {
      await app.drafts.discard(batchId)
      const common = Object.entries(summary.byCode)
        .filter(([, entry]) => entry.level === 'error')
        .sort((a, b) => b[1].count - a[1].count)
        .slice(0, 3)
        .map(([, entry]) => `  ${entry.examples[0]?.message ?? ''}`)
      throw new CliError(
        [
          summary.rows === 0
            ? `nobody could be checked: sheet "${sheet.name}" has no rows below its header.`
            : `nobody could be checked: every one of the ${summary.rows} rows has an error. Nothing was sent to Truora. The most common:`,
          ...common,
          'Fix the file, or the mapping (--map, --ignore), and run again. lote inspect shows every problem.'
        ].join('\n'),
        1
      )
    }
    if (dryRun) {
      if (reuseDays !== undefined) app.reuse.setWindow(batchId, reuseDays)
      const preflight = await app.batches.preflight(batchId)
      io.out(`Dry run on ${preflight.profile.name}: nothing was sent to Truora.`)
      for (const line of estimateLines(preflight.estimate)) io.out(line)
      for (const warning of preflight.warnings) io.out(`Warning: ${warning.message}`)
      await app.drafts.discard(batchId)
      return 0
    }
    const law = country ? DATA_PROTECTION_LAWS[country] : undefined
    const started = await app.batches.startDraft(
      {
        batchId,
        options,
        authorization: {
          statement: law ? `${AUTHORIZATION_STATEMENT} Law: ${law}.` : AUTHORIZATION_STATEMENT,
          law,
          consentFiles: (values['consent-file'] ?? []).map(
            (consent) => core.files.registerPath(resolve(io.cwd, consent)).fileId
          ),
          requestId: values['consent-ref'],
          formVersion: values['consent-form']
        }
      },
      { checkHealth: true }
    )
    if (started.batch.estimate) for (const line of estimateLines(started.batch.estimate)) io.out(line)
    return await finish(session, batchId, io, values.out)
  } catch (error) {
    if (error instanceof AppError || error instanceof SheetError) throw new CliError(error.message, 1)
    throw error
  } finally {
    await session?.close()
    if (!session) await core.close()
  }
}
