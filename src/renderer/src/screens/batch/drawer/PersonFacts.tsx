// Whom the check is about: the name (as sent, from the sheet, or as Truora found it; display only), the
// document and every input sent to Truora for this person.
import { useTranslation } from 'react-i18next'
import type { CheckView } from '../../../../../shared/results'

export function PersonFacts({ view }: { view: CheckView }) {
  const { t } = useTranslation()
  const inputs = Object.entries(view.person.inputs).filter(([, value]) => value !== '')
  return (
    <section className="person-facts" aria-label={t('results.drawer.person')} data-testid="drawer-person">
      <dl className="stats drawer-stats">
        <div>
          <dt>{t('results.columns.name')}</dt>
          <dd>{view.person.name || '—'}</dd>
        </div>
        <div>
          <dt>{t('results.columns.document')}</dt>
          <dd className="mono">{view.person.document || '—'}</dd>
        </div>
        <div>
          <dt>{t('results.columns.row')}</dt>
          <dd>{view.row}</dd>
        </div>
      </dl>
      {inputs.length > 0 && (
        <details className="inputs-sent">
          <summary>{t('results.drawer.inputsSent')}</summary>
          <dl className="inputs-list">
            {inputs.map(([name, value]) => (
              <div key={name}>
                <dt>{t(`inputs.${name}`, { defaultValue: name })}</dt>
                <dd className="mono">{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  )
}
