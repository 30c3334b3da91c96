// How far the batch has got, as one bar split by what each row is waiting for or ended as, with a legend
// that names every part (colour is never the only signal) and a description for screen readers.
import { useTranslation } from 'react-i18next'
import { rowsWithOutcome, type BatchView, type ProgressCounts } from '../../../../../shared/batch'
import { formatNumber } from '../../../i18n'

const SEGMENTS = [
  'completed',
  'error',
  'unknownFinal',
  'failed',
  'givenUp',
  'lost',
  'running',
  'delayed',
  'waiting',
  'cancelled'
] as const
type Segment = (typeof SEGMENTS)[number]

function segmentCounts(counts: ProgressCounts): Record<Segment, number> {
  return {
    completed: counts.completed,
    error: counts.error,
    unknownFinal: counts.unknownFinal,
    failed: counts.failed,
    givenUp: counts['given-up'],
    lost: counts.lost,
    running: Math.max(0, counts.running - counts.delayed),
    delayed: counts.delayed,
    waiting: counts.pending + counts.creating,
    cancelled: counts.cancelled
  }
}

export function ProgressBar({ batch }: { batch: BatchView }) {
  const { t } = useTranslation()
  const values = segmentCounts(batch.counts)
  const total = Math.max(1, batch.total)
  const finished = rowsWithOutcome(batch.counts)
  const percent = Math.min(100, (finished / total) * 100)
  const description = SEGMENTS.filter((s) => values[s] > 0)
    .map((s) => `${t(`monitor.segments.${s}`)}: ${formatNumber(values[s])}`)
    .join(', ')
  return (
    <div className="progress-block">
      <div className="progress-headline">
        <strong className="progress-figure">{formatNumber(percent / 100, { style: 'percent' })}</strong>
        <span className="muted">
          {t('monitor.finishedOf', { done: formatNumber(finished), total: formatNumber(batch.total) })}
        </span>
      </div>
      <div
        className="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={batch.total}
        aria-valuenow={finished}
        aria-valuetext={description || t('monitor.nothingYet')}
        aria-label={t('monitor.progressLabel')}
      >
        {SEGMENTS.map((s) =>
          values[s] > 0 ? (
            <span
              key={s}
              className={`progress-segment seg-${s}`}
              style={{ width: `${(values[s] / total) * 100}%` }}
              title={`${t(`monitor.segments.${s}`)}: ${formatNumber(values[s])}`}
            />
          ) : null
        )}
      </div>
      <ul className="legend progress-legend" aria-label={t('monitor.legend')}>
        {SEGMENTS.map((s) => (
          <li key={s} className={values[s] === 0 ? 'is-zero' : ''} data-testid={`count-${s}`}>
            <span className={`swatch seg-${s}`} aria-hidden="true" />
            {t(`monitor.segments.${s}`)} <strong>{formatNumber(values[s])}</strong>
          </li>
        ))}
        {batch.counts.skipped > 0 && (
          <li data-testid="count-skipped">
            <span className="swatch seg-skipped" aria-hidden="true" />
            {t('monitor.segments.skipped')} <strong>{formatNumber(batch.counts.skipped)}</strong>
          </li>
        )}
      </ul>
    </div>
  )
}
