// `lote serve`: the app in a browser, for machines where the desktop window cannot open.
import { resolve } from 'node:path'
import { existsSync } from 'node:fs'
import { DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS, openDataFolder } from '../options'
import { createDispatcher } from '../../main/ipc/dispatch'
import { createHandlers } from '../../main/ipc/handlers'
import { startHost } from '../../main/host/server'
import { fileRoutes } from '../../main/host/file-routes'
import { CliError, type CliIo } from '../io'
import { readFlags } from '../command'

const HELP = `Usage: lote serve [--port N] [--data-dir DIR] [--store-key-file FILE]

Serves Lote's interface and backend on http://127.0.0.1 and prints the address to open.
The address works once: the browser that opens it gets a session (a cookie) and the address is spent. When a
browser needs a new session (another browser, or the session ended), a new address is printed here.

${DATA_FOLDER_HELP}`

export async function run(argv: string[], io: CliIo): Promise<number> {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: { port: { type: 'string' }, ...DATA_FOLDER_OPTIONS, 'renderer-dir': { type: 'string' } }
  })
  if (!flags) return 0
  const { values } = flags
  const rendererDir = resolve(
    values['renderer-dir'] ?? new URL('../../../out/renderer', import.meta.url).pathname
  )
  if (!existsSync(resolve(rendererDir, 'index.html')))
    throw new CliError(
      `The interface is not built (no ${rendererDir}/index.html). Run \`npm run start:web\`, which builds it first.`
    )
  const port = values.port ? Number(values.port) : 0
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be a port number, got "${values.port}".`)

  const core = await openDataFolder(values, io, { shell: 'browser' })
  const host = await startHost({
    dispatch: createDispatcher(createHandlers(core), core.log),
    events: core.events,
    log: core.log,
    rendererDir,
    port,
    routes: fileRoutes(core.files),
    onNewAddress: (openUrl) => io.out(`A browser asked for a new session. Open Lote at ${openUrl}`)
  })
  void core
    .startBackground()
    .catch((error: unknown) => core.log.error('Could not resume unfinished batches', error))
  // A failure inside one request (a library's stray stream error, say) must not take the analyst's session
  // down with it: log it and keep serving.
  const keepRunning = (error: unknown) => core.log.error('Unexpected error; Lote keeps running', error)
  process.on('uncaughtException', keepRunning)
  process.on('unhandledRejection', keepRunning)
  io.out(`Lote is running at ${host.openUrl}`)
  io.out('Open that address in your browser. Press Ctrl+C to stop.')

  await new Promise<void>((done) => {
    const stop = () => done()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  process.off('uncaughtException', keepRunning)
  process.off('unhandledRejection', keepRunning)
  await host.close()
  await core.close()
  return 0
}
