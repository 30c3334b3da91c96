// What the lote batch commands share: the data folder's store and service, the connection chosen on the
// command line, and following a job's events to the end on a terminal or in a log.
import type { Core } from '../core'
import { SANDBOX_API_KEY } from '../core'
import type { Connection } from '../profiles'
import { startSandbox } from '../sandbox/server'
import { ResultsStore } from '../store/results/results-store'
import { AppError } from '../../shared/result'
import { isLoopbackUrl } from '../../shared/security'
import { describeEvent, progressBar, progressLine } from './progress-text'
import { BatchService } from './service'
import type { BatchEvent, BatchSummary } from '../../shared/batch'

export interface ConnectionChoice {
  profile?: string
  sandbox?: boolean
  sandboxUrl?: string
  /** LOTE_API_KEY, for servers without a keychain. */
  envKey?: string
}

export interface Output {
  out(line: string): void
  isTty: boolean
}

export interface BatchSession {
  store: ResultsStore
  service: BatchService
  connection: Connection
  close(): Promise<void>
}

/** Seconds of simulated time per real second for `--sandbox`: checks finish in a few seconds. */
const CLI_SANDBOX_TIME_SCALE = 20

export async function resolveConnection(
  core: Core,
  choice: ConnectionChoice
): Promise<{ connection: Connection; close?: () => Promise<void> }> {
  if (choice.sandboxUrl) {
    const url = choice.sandboxUrl.replace(/\/+$/, '')
    return {
      connection: {
        profileId: 'sandbox',
        kind: 'sandbox',
        checksBaseUrl: url,
        batchBaseUrl: url,
        // LOTE_API_KEY goes only to a Sandbox on this computer; any other address gets the Sandbox's own key.
        apiKey: choice.envKey && isLoopbackUrl(url) ? choice.envKey : SANDBOX_API_KEY
      }
    }
  }
  if (choice.sandbox) {
    const sandbox = await startSandbox({ port: 0, timeScale: CLI_SANDBOX_TIME_SCALE })
    return {
      connection: {
        profileId: 'sandbox',
        kind: 'sandbox',
        checksBaseUrl: sandbox.url,
        batchBaseUrl: sandbox.url,
        apiKey: SANDBOX_API_KEY
      },
      close: () => sandbox.close()
    }
  }
  let profileId: string | undefined
  if (choice.profile) {
    const wanted = choice.profile.toLowerCase()
    const profile = (await core.profiles.list()).find(
      (p) => p.id === choice.profile || p.name.toLowerCase() === wanted
    )
    if (!profile) {
      const names = (await core.profiles.list()).map((p) => p.name).join(', ')
      throw new AppError(
        'not_found',
        `There is no connection named "${choice.profile}". Connections: ${names}.`
      )
    }
    profileId = profile.id
  }
  const connection = await core.profiles.connection(profileId, choice.envKey)
  return { connection }
}

export async function openSession(
  core: Core,
  choice: ConnectionChoice,
  output: Output
): Promise<BatchSession> {
  const { connection, close } = await resolveConnection(core, choice)
  core.log.addSecret(connection.apiKey)
  const store = ResultsStore.inDataDir(core.dataDir)
  const follower = new EventPrinter(output)
  const service = new BatchService({
    store,
    dataDir: core.dataDir,
    logger: core.log,
    // One connection per command: whatever profile a batch names, this command talks to the one chosen.
    connectionFor: async () => connection,
    onEvent: (event) => follower.print(event),
    progressIntervalMs: 250
  })
  return {
    store,
    service,
    connection,
    async close() {
      await service.close()
      store.close()
      await close?.()
      await core.close()
    }
  }
}

/** Prints a job's events: a redrawn bar on a terminal; elsewhere a progress line every few seconds. */
export class EventPrinter {
  private barShown = false
  private lastLine = 0

  constructor(
    private readonly output: Output,
    private readonly plainEveryMs = 2_000
  ) {}

  print(event: BatchEvent): void {
    if (event.type === 'progress') {
      if (this.output.isTty) {
        // Move up over the previous bar and clear it, so the bar redraws in place.
        this.output.out(`${this.barShown ? '\x1b[1A\x1b[2K' : ''}${progressBar(event)}`)
        this.barShown = true
        return
      }
      const now = Date.now()
      if (now - this.lastLine < this.plainEveryMs && event.finished < event.total) return
      this.lastLine = now
      this.output.out(progressLine(event))
      return
    }
    this.barShown = false
    this.output.out(describeEvent(event))
  }
}

/** Every valid row has a final result: a check that is `completed` or `error`. */
export function everyRowHasResult(batch: BatchSummary): boolean {
  const c = batch.counts
  return batch.status === 'completed' && c.pending + c.creating + c.running + c.failed + c.cancelled === 0
}
