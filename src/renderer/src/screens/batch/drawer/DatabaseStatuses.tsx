// How each of Truora's databases answered for the check, with the inputs a database refused.
import { useTranslation } from 'react-i18next'
import type { CheckView } from '../../../../../shared/results'

export function DatabaseStatuses({ view }: { view: CheckView }) {
  const { t } = useTranslation()
  const statuses = view.databases
  return (
    <>
      <h3 className="drawer-section">{t('results.drawer.databases')}</h3>
      {statuses.length === 0 ? (
        <p className="muted">{t('results.drawer.noDatabases')}</p>
      ) : (
        <ul className="db-statuses">
          {statuses.map((s, i) => (
            <li key={i}>
              <span>
                {s.name || '—'}
                {s.dataSet && (
                  <span className="muted">
                    {' '}
                    · {t(`datasets.${s.dataSet}.label`, { defaultValue: s.dataSet })}
                  </span>
                )}
                {s.invalidInputs.length > 0 && (
                  <span className="hint">
                    {' '}
                    {t('results.drawer.invalidInputs', { inputs: s.invalidInputs.join(', ') })}
                  </span>
                )}
              </span>
              <span
                className={`tag ${s.status === 'completed' ? 'tag-ok' : s.status === 'error' ? 'tag-error' : ''}`}
              >
                {t(`checkStatus.${s.status || 'unknown'}`, { defaultValue: s.status || '—' })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
