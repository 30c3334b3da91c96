// What the lote batch commands share: the connection chosen on the command line, used for everything the
// command does, and following a job's events to the end on a terminal or in a log.
import type { Core } from '../main/core'
import type { Connection, ConnectionChoice } from '../main/connections/connections'
import { describeEvent, progressBar, progressLine } from './progress-text'
import type { BatchEvent, BatchSummary } from '../shared/batch'

export interface Output {
  out(line: string): void
  isTty: boolean
}

export interface BatchSession {
  core: Core
  connection: Connection
  close(): Promise<void>
}

/**
 * Pins the connection the flags choose for the whole command (whatever profile a batch recorded) and prints
 * every batch event to the output until the session closes; closing also closes the core.
 */
export async function openSession(
  core: Core,
  choice: ConnectionChoice,
  output: Output
): Promise<BatchSession> {
  const connection = await core.connections.pin(choice)
  const printer = new EventPrinter(output)
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name === 'batch:event') printer.print(payload as BatchEvent)
  })
  return {
    core,
    connection,
    async close() {
      unsubscribe()
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

/** Every valid row has a final result: a check in a final status (not given up while still waiting, not lost). */
export function everyRowHasResult(batch: BatchSummary): boolean {
  const c = batch.counts
  return (
    batch.status === 'completed' &&
    c.pending + c.creating + c.running + c.failed + c.cancelled + c['given-up'] + c.lost === 0
  )
}
