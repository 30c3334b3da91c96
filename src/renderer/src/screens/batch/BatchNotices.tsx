// What an analyst must know about how a batch ended beyond the counts: checks Truora lost (with the way to check
// them again), checks Lote gave up waiting for, final statuses Lote does not know, answers of Truora it could not
// read, and how a Truora batch's checks were found.
import { useTranslation } from 'react-i18next'
import { FIND_MEANS, type BatchView } from '../../../../shared/batch'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { formatNumber } from '../../i18n'
import { useToast } from '../../components/Toasts'
import { useBusyCall } from '../../lib/use-busy-call'
import { rerunRows } from './monitor/MonitorControls'

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
  const lost = batch.counts.lost
  const unknownFinal = batch.counts.unknownFinal
  const unread = shapes.data ?? []
  if (means.length === 0 && givenUp === 0 && lost === 0 && unknownFinal === 0 && unread.length === 0)
    return null
  return (
    <section className="card batch-notices" aria-label={t('notices.title')} data-testid="batch-notices">
      {lost > 0 && <LostNotice batch={batch} lost={lost} />}
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

/** Rows whose check Truora no longer finds: what that means, and a new check for them in one click. */
function LostNotice({ batch, lost }: { batch: BatchView; lost: number }) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, run] = useBusyCall()
  const active = batch.status === 'running' || batch.status === 'cancelling'
  const checkAgain = () =>
    run(async () => {
      const { done } = await rerunRows(batch.id, t)
      toast('success', done)
    })
  return (
    <div className="banner banner-warning" role="status" data-testid="notice-lost">
      <div>
        <strong>{t('notices.lost.title', { n: formatNumber(lost) })}</strong> {t('notices.lost.body')}
      </div>
      {!active && batch.status !== 'paused' && (
        <button
          className="button"
          disabled={busy || Boolean(batch.workedOnBy)}
          aria-describedby="check-again-help"
          onClick={() => void checkAgain()}
          data-testid="check-again"
        >
          {busy && <span className="spinner" aria-hidden="true" />} {t('notices.lost.action')}
        </button>
      )}
      <p id="check-again-help" className="muted">
        {t('monitor.rerunHelp')}
      </p>
    </div>
  )
}
