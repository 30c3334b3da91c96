// What an analyst must know about how a batch ended beyond the counts: checks Lote gave up waiting for, final
// statuses Lote does not know, answers of Truora it could not read, and how a Truora batch's checks were found.
import { useTranslation } from 'react-i18next'
import { FIND_MEANS, type BatchView } from '../../../../shared/batch'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { formatNumber } from '../../i18n'

/** "48 h", "90 min", "30 s" in the analyst's language. */
function useLimit(): (ms: number) => string {
  const { t } = useTranslation()
  return (ms) =>
    ms >= 3_600_000 && ms % 3_600_000 === 0
      ? t('notices.limit.hours', { n: formatNumber(ms / 3_600_000) })
      : ms >= 60_000 && ms % 60_000 === 0
        ? t('notices.limit.minutes', { n: formatNumber(ms / 60_000) })
        : t('notices.limit.seconds', { n: formatNumber(Math.round(ms / 1000)) })
}

export function BatchNotices({ batch, changes }: { batch: BatchView; changes: number }) {
  const { t } = useTranslation()
  const limit = useLimit()
  const shapes = useLoad(() => call('batches:unknownShapes', { batchId: batch.id }), [batch.id, changes])
  const found = batch.found
  const means = FIND_MEANS.filter((m) => (found?.[m] ?? 0) > 0)
  const givenUp = batch.counts['given-up']
  const unknownFinal = batch.counts.unknownFinal
  const unread = shapes.data ?? []
  if (means.length === 0 && givenUp === 0 && unknownFinal === 0 && unread.length === 0) return null
  return (
    <section className="card batch-notices" aria-label={t('notices.title')} data-testid="batch-notices">
      {givenUp > 0 && (
        <div className="banner banner-warning" role="status" data-testid="notice-given-up">
          <strong>{t('notices.givenUp.title', { n: formatNumber(givenUp) })}</strong>{' '}
          {t('notices.givenUp.body', { limit: limit(batch.options.giveUpAfterMs) })}
        </div>
      )}
      {unknownFinal > 0 && (
        <div className="banner banner-warning" role="status" data-testid="notice-unknown-status">
          <strong>{t('notices.unknownStatus.title', { n: formatNumber(unknownFinal) })}</strong>{' '}
          {t('notices.unknownStatus.body')}
        </div>
      )}
      {unread.length > 0 && (
        <div className="banner banner-warning" role="status" data-testid="notice-unknown-shape">
          <strong>{t('notices.unknownShape.title')}</strong> {t('notices.unknownShape.body')}
          <ul>
            {unread.map((entry) => (
              <li key={`${entry.request}|${entry.what}`}>
                <span className="mono">{entry.request ?? '—'}</span>: {entry.what}
              </li>
            ))}
          </ul>
        </div>
      )}
      {means.length > 0 && (
        <p className="muted" data-testid="notice-found-by">
          {t('notices.foundBy', {
            list: means.map((m) => t(`notices.means.${m}`, { n: formatNumber(found?.[m] ?? 0) })).join(' · ')
          })}
        </p>
      )}
    </section>
  )
}
