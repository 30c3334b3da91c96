// One batch kept current from its events: the stored summary, then counts, pace and warnings as they arrive.
// When the batch finishes it tells the analyst with a toast, and with a system notification if the window is
// in the background.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchEvent, BatchView } from '../../../../shared/batch'
import { call, notify, prepareNotifications } from '../../lib/api'
import { useBatchEvents } from '../../lib/batch-events'
import { useLoad } from '../../lib/use-load'
import { useToast } from '../../components/Toasts'

export type ProgressEvent = Extract<BatchEvent, { type: 'progress' }>
export type WarningEvent = Extract<BatchEvent, { type: 'warning' }>

export interface LiveBatch {
  batch: BatchView | undefined
  error: string | undefined
  loading: boolean
  reload(): void
  set(batch: BatchView): void
  progress: ProgressEvent | undefined
  warnings: WarningEvent[]
  /** Grows with every event that changes rows, so views can refetch (throttled). */
  changes: number
  /** Grows when a row fails or the batch finishes, so the error list can refetch. */
  failures: number
}

const ACTIVE: ReadonlySet<string> = new Set(['running', 'cancelling', 'paused'])

export function useLiveBatch(batchId: string): LiveBatch {
  const { t } = useTranslation()
  const toast = useToast()
  const loaded = useLoad(() => call('batches:get', { batchId }), [batchId])
  const { reload } = loaded
  const [progress, setProgress] = useState<ProgressEvent>()
  const [warnings, setWarnings] = useState<WarningEvent[]>([])
  const [changes, setChanges] = useState(0)
  const [failures, setFailures] = useState(0)
  const batchName = loaded.data?.name ?? ''
  const running = loaded.data ? ACTIVE.has(loaded.data.status) : false

  useEffect(() => {
    if (running) prepareNotifications()
  }, [running])

  // Run by another process (a lote command, another window): its events do not reach this one, so look again
  // every few seconds.
  const elsewhere = Boolean(loaded.data?.workedOnBy)
  useEffect(() => {
    if (!elsewhere) return
    const timer = setInterval(reload, 2_000)
    return () => clearInterval(timer)
  }, [elsewhere, reload])

  useBatchEvents(batchId, (event) => {
    switch (event.type) {
      case 'started':
        prepareNotifications()
        setWarnings([])
        reload()
        break
      case 'progress':
        setProgress(event)
        setChanges((n) => n + 1)
        break
      case 'warning':
        // Truora answering again ends the outage it was about: its warnings give way to the recovery.
        if (event.code === 'recovered')
          setWarnings((list) => [
            ...list.filter((w) => w.code !== 'connection' && w.code !== 'retrying' && w.code !== 'recovered'),
            event
          ])
        else
          setWarnings((list) =>
            [...list.filter((w) => w.message !== event.message && w.code !== 'recovered'), event].slice(-5)
          )
        // A job that waits for the disk or the connection, or lost the batch, changes what the batch says.
        if (event.code === 'storage' || event.code === 'connection' || event.code === 'worker') reload()
        break
      case 'row-failed':
        setFailures((n) => n + 1)
        break
      case 'finished': {
        setProgress(undefined)
        setChanges((n) => n + 1)
        setFailures((n) => n + 1)
        reload()
        const title = t(`monitor.finished.${event.status}`, { defaultValue: t('monitor.finished.other') })
        const body = t('monitor.finished.body', { name: batchName })
        toast(
          event.status === 'failed' ? 'error' : event.status === 'completed' ? 'success' : 'info',
          `${title} ${body}`
        )
        if (document.hidden || !document.hasFocus())
          void notify(title, event.message ? `${body} ${event.message}` : body)
        break
      }
    }
  })

  const live =
    loaded.data && progress && ACTIVE.has(loaded.data.status)
      ? { ...loaded.data, counts: progress.counts }
      : loaded.data
  return {
    batch: live,
    error: loaded.error,
    loading: loaded.loading,
    reload,
    set: loaded.set,
    progress: live && ACTIVE.has(live.status) ? progress : undefined,
    warnings,
    changes,
    failures
  }
}
