// The figures beside the progress bar: what the engine is doing, the pace, the time left, and when the batch
// started or finished.
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../../../shared/batch'
import { formatDateTime, formatNumber } from '../../../i18n'
import { useFormatDuration } from '../labels'
import type { ProgressEvent } from '../use-live-batch'

export function RunStats({ batch, progress }: { batch: BatchView; progress: ProgressEvent | undefined }) {
  const { t } = useTranslation()
  const formatDuration = useFormatDuration()
  const active = batch.status === 'running' || batch.status === 'cancelling'
  const decimal = (n: number) => formatNumber(n, { maximumFractionDigits: 1 })
  const delayed = (progress?.counts ?? batch.counts).delayed
  return (
    <dl className="stats" aria-live="off">
      <div>
        <dt>{t('monitor.phase')}</dt>
        <dd data-testid="phase">
          {progress
            ? t(`monitor.phases.${progress.phase}`)
            : active
              ? t('monitor.waitingForEvents')
              : t(`history.status.${batch.status}`)}
        </dd>
      </div>
      <div>
        <dt>{t('monitor.throughput')}</dt>
        <dd>
          {progress ? t('monitor.rowsPerMinute', { n: decimal(progress.rowsPerMinute) }) : '—'}
          {progress && (
            <span className="muted">
              {' · '}
              {t('monitor.requestsPerSecond', { n: decimal(progress.requestsPerSecond) })}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('monitor.eta')}</dt>
        <dd data-testid="eta">
          {active && delayed > 0
            ? // The pace says nothing of checks Truora holds back: the batch ends when they do, or are given up.
              t('monitor.etaDelayed', { time: formatDateTime(giveUpTime(batch, progress)) })
            : progress?.etaSeconds != null
              ? formatDuration(progress.etaSeconds)
              : active
                ? t('monitor.etaUnknown')
                : '—'}
        </dd>
      </div>
      <div>
        <dt>{batch.finishedAt ? t('monitor.finishedAt') : t('monitor.startedAt')}</dt>
        <dd>
          {batch.finishedAt
            ? formatDateTime(batch.finishedAt)
            : batch.startedAt
              ? formatDateTime(batch.startedAt)
              : '—'}
        </dd>
      </div>
    </dl>
  )
}

/**
 * When Lote gives up on the delayed checks at the latest: the engine's figure, from when each began waiting;
 * before the first progress event, the give-up limit from the batch's last change (an upper bound).
 */
export function giveUpTime(batch: BatchView, progress: ProgressEvent | undefined): string {
  if (progress?.delayedGiveUpAt) return progress.delayedGiveUpAt
  return new Date(Date.parse(progress?.at ?? batch.updatedAt) + batch.options.giveUpAfterMs).toISOString()
}
