// Checks Truora holds back (status `delayed`), called out while the batch waits for them: how many, that Lote
// keeps waiting, and when at the latest it gives up on them.
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../../../shared/batch'
import { formatDateTime, formatNumber } from '../../../i18n'
import { useFormatDuration } from '../labels'
import { giveUpTime } from './RunStats'
import type { ProgressEvent } from '../use-live-batch'

export function DelayedCallout({
  batch,
  progress
}: {
  batch: BatchView
  progress: ProgressEvent | undefined
}) {
  const { t } = useTranslation()
  const formatDuration = useFormatDuration()
  const delayed = (progress?.counts ?? batch.counts).delayed
  const active = batch.status === 'running' || batch.status === 'cancelling'
  if (!active || delayed === 0) return null
  const limitMs = batch.options.giveUpAfterMs
  return (
    <div className="banner banner-warning" role="status" data-testid="delayed-callout">
      <div>
        <strong>{t('monitor.delayed.title', { count: delayed, n: formatNumber(delayed) })}</strong>
        <p>
          {t('monitor.delayed.body', {
            limit: formatDuration(limitMs / 1000),
            time: formatDateTime(giveUpTime(batch, progress))
          })}
        </p>
      </div>
    </div>
  )
}
