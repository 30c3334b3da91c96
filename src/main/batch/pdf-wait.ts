// Truora builds a check's PDF on request and answers 404 until it is ready. One policy for how long to wait
// for it, shared by the engines (which fit the tries into their timeline) and by the drawer's PDF button
// (which waits in place).
import type { TruoraClient } from '../truora/client'
import { systemClock, type Clock } from '../truora/clock'
import { TruoraError } from '../truora/errors'

export const PDF_WAIT = {
  /** Tries of the download before giving up (the first right after the request). */
  maxTries: 15,
  /** Pause after the try numbered `tries` (0-based) answered "not ready": 2 s, 4 s, 6 s… */
  delayMs(tries: number): number {
    return 2_000 * (tries + 1)
  }
}

/** "Not ready yet": the answer that means trying again later. */
export function isPdfNotReady(error: unknown): boolean {
  return error instanceof TruoraError && error.kind === 'not_found'
}

/** Requests the check's PDF and downloads it once Truora has built it, waiting by PDF_WAIT. */
export async function downloadPdfWhenReady(
  client: TruoraClient,
  checkId: string,
  options: { lang?: string; signal?: AbortSignal; clock?: Clock } = {}
): Promise<Buffer> {
  const clock = options.clock ?? systemClock
  await client.requestPdf(checkId, { signal: options.signal })
  for (let tries = 0; ; tries++) {
    try {
      return await client.downloadPdf(checkId, { lang: options.lang, signal: options.signal })
    } catch (error) {
      if (!isPdfNotReady(error) || tries + 1 >= PDF_WAIT.maxTries) throw error
      await clock.sleep(PDF_WAIT.delayMs(tries), options.signal)
    }
  }
}
