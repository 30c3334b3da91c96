// One batch: its monitor while it runs and its results, as two tabs over the same live state.
import type { KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useRouter } from '../../state/router'
import { LoadState } from '../../components/LoadState'
import { formatDateTime } from '../../i18n'
import { BatchStatusTag } from './labels'
import { MonitorView } from './MonitorView'
import { ResultsView } from './ResultsView'
import { useLiveBatch } from './use-live-batch'

type View = 'monitor' | 'results'
const VIEWS: View[] = ['monitor', 'results']

export function BatchScreen({ batchId, view }: { batchId: string; view: View }) {
  const { t } = useTranslation()
  const { navigate } = useRouter()
  const live = useLiveBatch(batchId)
  const batch = live.batch
  const show = (next: View) => navigate({ screen: 'batch', batchId, view: next })

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    event.preventDefault()
    const next = VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length]
    show(next)
    document.getElementById(`batch-tab-${next}`)?.focus()
  }

  return (
    <section className={view === 'results' ? 'screen screen-wide' : 'screen'}>
      <button className="button subtle back-link" onClick={() => navigate({ screen: 'history' })}>
        ← {t('history.title')}
      </button>
      <header className="screen-header batch-header">
        <div>
          <h1>{batch?.name ?? t('common.loading')}</h1>
          {batch && (
            <p className="muted batch-meta">
              {[
                batch.fileName?.split(/[\\/]/).pop(),
                batch.sheet,
                batch.country ? t(`countries.${batch.country}`, { defaultValue: batch.country }) : null,
                batch.type ? t(`checkTypes.${batch.type}`, { defaultValue: batch.type }) : null,
                t(`history.engines.${batch.engine}`),
                formatDateTime(batch.createdAt)
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          )}
        </div>
        {batch && <BatchStatusTag status={batch.status} />}
      </header>
      {!batch && <LoadState loading={live.loading} error={live.error} onRetry={live.reload} />}
      {batch?.status === 'draft' && (
        <div className="banner banner-info">
          <p>{t('monitor.draft')}</p>
          <button className="button primary" onClick={() => navigate({ screen: 'wizard', batchId })}>
            {t('monitor.continueDraft')}
          </button>
        </div>
      )}
      {batch && (
        <>
          <div className="tabs" role="tablist" aria-label={batch.name}>
            {VIEWS.map((v) => (
              <button
                key={v}
                id={`batch-tab-${v}`}
                role="tab"
                className="tab"
                aria-selected={view === v}
                aria-controls={`batch-panel-${v}`}
                tabIndex={view === v ? 0 : -1}
                onClick={() => show(v)}
                onKeyDown={onTabKey}
              >
                {t(`${v}.tab`)}
              </button>
            ))}
          </div>
          <div
            id={`batch-panel-${view}`}
            role="tabpanel"
            aria-labelledby={`batch-tab-${view}`}
            className="tab-panel"
          >
            {view === 'monitor' ? (
              <MonitorView live={live} />
            ) : (
              <ResultsView batch={batch} changes={live.changes} />
            )}
          </div>
        </>
      )}
    </section>
  )
}
