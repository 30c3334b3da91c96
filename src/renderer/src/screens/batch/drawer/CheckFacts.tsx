// The check in figures: risk, scores, Truora's status and when it last changed; why it stopped, if it did.
import { useTranslation } from 'react-i18next'
import type { CheckView } from '../../../../../shared/results'
import { formatDateTime } from '../../../i18n'
import { RiskBadge, formatScore } from '../labels'
import { riskReasonText } from '../../../../../shared/risk-text'

export function CheckFacts({ view }: { view: CheckView }) {
  const { t } = useTranslation()
  return (
    <>
      <dl className="stats drawer-stats">
        <div>
          <dt>{t('results.columns.risk')}</dt>
          <dd>
            <RiskBadge risk={view.risk} />
          </dd>
        </div>
        <div>
          <dt>{t('results.columns.score')}</dt>
          <dd>{formatScore(view.score)}</dd>
        </div>
        <div>
          <dt>{t('results.columns.idScore')}</dt>
          <dd>{formatScore(view.idScore)}</dd>
        </div>
        <div>
          <dt>{t('results.columns.nameScore')}</dt>
          <dd>{formatScore(view.nameScore)}</dd>
        </div>
        <div>
          <dt>{t('results.columns.status')}</dt>
          <dd>{t(`checkStatus.${view.status}`, { defaultValue: view.status })}</dd>
        </div>
        <div>
          <dt>{t('results.drawer.updated')}</dt>
          <dd>{view.updatedAt ? formatDateTime(view.updatedAt) : '—'}</dd>
        </div>
      </dl>
      <section className="risk-why" aria-label={t('results.drawer.why')} data-testid="drawer-risk-why">
        <h3 className="drawer-section">{t('results.drawer.why')}</h3>
        {view.riskReasons.length === 0 ? (
          <p className="muted">{t('results.drawer.nothingFound')}</p>
        ) : (
          <ul className="reasons">
            {view.riskReasons.map((reason, i) => (
              <li key={i} className={`reason reason-${reason.level}`}>
                {riskReasonText(t, reason, formatScore)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {view.lastError && (
        <div className="banner banner-warning" role="status">
          <p>{view.lastError}</p>
        </div>
      )}
    </>
  )
}
