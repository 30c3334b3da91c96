// `lote sandbox`: runs the local Truora simulator until interrupted. The first line printed is the
// address, so scripts and tests can read it.
import { startSandbox, type SandboxOptions } from '../../main/sandbox/server'
import { readFlags } from '../command'
import type { Command } from '../index'
import { CliError } from '../io'

const HELP = `Usage: lote sandbox [options]

Runs the Sandbox, a local simulator of Truora's Checks API, on 127.0.0.1 until Ctrl+C.

Options:
  --port N          Port to listen on (default: a free one)
  --seed S          Makes outcomes, ids, faults and outages repeatable (default 1)
  --time-scale X    Simulated seconds per real second (default 1; 1000 finishes checks in milliseconds)
  --latency-ms N    Delay added to every API response
  --rate-limit RPS  Requests per second before answering 429 with Retry-After (default: no limit)
  --fault-rate P    Share of requests that fail on purpose, 0..1 (5xx or dropped connection)
  --refused-key K   A key to answer with 401 (repeatable)

Unusual answers the documentation allows (to rehearse Lote against them):
  --unknown-status-rate P  Share of checks that end in a final status Lote does not know, 0..1
  --unknown-status NAME    That status (default expired)
  --stuck-rate P           Share of checks that stay delayed for ever, 0..1
  --omit-report-id         Batch responses carry no report_id
  --list-shape SHAPE       standard (default) or unknown: every list answers in a shape no document shows

Knobs can also be changed while it runs: POST /__sandbox/config (see docs/sandbox.md).`

function numberOption(
  value: string | undefined,
  name: string,
  check: (n: number) => boolean
): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || !check(parsed))
    throw new CliError(`--${name} got "${value}", which is not allowed.`, 2)
  return parsed
}

const isShare = (n: number) => n >= 0 && n <= 1

function listShapeOption(value: string | undefined): SandboxOptions['listShape'] {
  if (value === undefined) return undefined
  if (value === 'standard' || value === 'unknown') return value
  throw new CliError(`--list-shape got "${value}"; use standard or unknown.`, 2)
}

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      'latency-ms': { type: 'string' },
      'rate-limit': { type: 'string' },
      'fault-rate': { type: 'string' },
      'refused-key': { type: 'string', multiple: true },
      'unknown-status-rate': { type: 'string' },
      'unknown-status': { type: 'string' },
      'stuck-rate': { type: 'string' },
      'omit-report-id': { type: 'boolean' },
      'list-shape': { type: 'string' }
    }
  })
  if (!flags) return 0
  const { values } = flags
  const options: SandboxOptions = {
    port: numberOption(values.port, 'port', (n) => Number.isInteger(n) && n >= 0 && n < 65536),
    seed: numberOption(values.seed, 'seed', Number.isInteger),
    timeScale: numberOption(values['time-scale'], 'time-scale', (n) => n > 0),
    latencyMs: numberOption(values['latency-ms'], 'latency-ms', (n) => n >= 0),
    rateLimit: numberOption(values['rate-limit'], 'rate-limit', (n) => n >= 0),
    faultRate: numberOption(values['fault-rate'], 'fault-rate', isShare),
    refusedKeys: values['refused-key'],
    unknownStatusRate: numberOption(values['unknown-status-rate'], 'unknown-status-rate', isShare),
    unknownStatus: values['unknown-status'],
    stuckRate: numberOption(values['stuck-rate'], 'stuck-rate', isShare),
    omitReportId: values['omit-report-id'],
    listShape: listShapeOption(values['list-shape'])
  }
  for (const key of Object.keys(options) as (keyof SandboxOptions)[])
    if (options[key] === undefined) delete options[key]

  let sandbox
  try {
    sandbox = await startSandbox(options)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'EADDRINUSE')
      throw new CliError(`port ${options.port} is already in use; pick another with --port.`)
    if (error instanceof RangeError) throw new CliError(error.message, 2)
    throw error
  }
  io.out(`Sandbox listening on ${sandbox.url}`)
  const knobs = sandbox.knobs()
  io.out(
    `seed ${knobs.seed}, time scale ${knobs.timeScale}x, latency ${knobs.latencyMs} ms, ` +
      `rate limit ${knobs.rateLimit > 0 ? `${knobs.rateLimit}/s` : 'none'}, fault rate ${knobs.faultRate}`
  )
  const unusual = [
    knobs.unknownStatusRate > 0
      ? `unknown final status ${knobs.unknownStatus} for ${knobs.unknownStatusRate}`
      : '',
    knobs.stuckRate > 0 ? `stuck checks ${knobs.stuckRate}` : '',
    knobs.omitReportId ? 'no report_id in batches' : '',
    knobs.listShape === 'unknown' ? 'lists in an unknown shape' : ''
  ].filter(Boolean)
  if (unusual.length) io.out(`Unusual answers: ${unusual.join(', ')}`)
  io.out(
    `Any API key works${knobs.refusedKeys.length ? ' except the refused ones' : ''}. Test API: ${sandbox.url}/__sandbox/stats`
  )

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await sandbox.close()
  io.err('Sandbox stopped.')
  return 0
}
