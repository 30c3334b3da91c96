// What the analyst is told, as it happens, about how Truora answers a running batch: when it stops answering
// and answers again, when it asks Lote to slow down, and when it answers in a shape Lote does not know. Each
// reporter is made for one job and listens to that job's client.
import type { ClientListeners } from '../connections/connections'
import type { Journal } from '../store/results/journal'
import type { Clock } from '../truora/clock'
import type { UnknownShapeListener } from '../truora/types'
import type { BatchEvent, BatchWarningCode } from '../../shared/batch'
import { describeError } from './engine'

/** Failed requests in a row after which Truora is said to be down (a single dropped connection is not). */
const OUTAGE_AFTER_FAILURES = 3

/**
 * Tells the analyst, as it happens, when Truora stops answering a batch's requests (after a few failures in a
 * row, so one dropped connection is not an outage), when it answers again and after how long, and when it
 * asks Lote to slow down (at most once a minute).
 */
export function reachabilityReporter(
  batchId: string,
  clock: Clock,
  emit: (event: BatchEvent) => void
): NonNullable<ClientListeners['onReachability']> {
  let failures = 0
  let outageSince: number | null = null
  let throttleToldAt = -Infinity
  const warn = (code: BatchWarningCode, message: string) =>
    emit({ type: 'warning', batchId, code, message, at: new Date().toISOString() })
  return (state, error) => {
    const now = clock.now()
    if (state === 'unreachable') {
      failures++
      if (failures >= OUTAGE_AFTER_FAILURES && outageSince === null) {
        outageSince = now
        warn(
          'connection',
          `Truora is not answering (${error ? describeError(error) : 'no answer'}). Lote keeps asking, with growing pauses, and goes on by itself when it answers; nothing is lost or created twice.`
        )
      }
      return
    }
    failures = 0
    if (outageSince !== null) {
      const seconds = Math.max(1, Math.round((now - outageSince) / 1000))
      outageSince = null
      warn('recovered', `Truora answers again after about ${seconds} s without answering. The batch goes on.`)
    }
    if (state === 'throttled' && now - throttleToldAt >= 60_000) {
      throttleToldAt = now
      warn(
        'rate-limited',
        'Truora asked Lote to slow down (HTTP 429). Lote lowered its pace and goes on at the rate Truora accepts.'
      )
    }
  }
}

/**
 * Tells the analyst, once per kind of answer, that Truora answered a request of this batch in a shape Lote
 * does not know, and journals it (Connections logs the structure of every such answer, never its values).
 */
export function unknownShapeReporter(
  batchId: string,
  journal: Pick<Journal, 'add'>,
  emit: (event: BatchEvent) => void
): UnknownShapeListener {
  const told = new Set<string>()
  return (report) => {
    const key = `${report.request}|${report.what}`
    if (told.has(key)) return
    told.add(key)
    journal.add(batchId, 'unknown-shape', null, { ...report })
    emit({
      type: 'warning',
      batchId,
      code: 'unknown-shape',
      message: `Truora answered ${report.request ?? 'a request'} in a way Lote does not know (${report.what}). Lote went on with what it could read; the structure of the answer is in the log.`,
      at: new Date().toISOString()
    })
  }
}
