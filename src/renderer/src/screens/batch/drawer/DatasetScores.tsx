// What each dataset answered for the check: found or not, how severe, its score, and whether it matched by
// document or only by name.
import { useTranslation } from 'react-i18next'
import type { CheckView } from '../../../../../shared/results'
import { formatScore } from '../labels'
import { severityName } from '../../../../../shared/risk-text'

export function DatasetScores({ view }: { view: CheckView }) {
  const { t } = useTranslation()
  const datasets = Object.entries(view.datasets)
  return (
    <>
      <h3 className="drawer-section">{t('results.drawer.scores')}</h3>
      {datasets.length === 0 ? (
        <p className="muted">{t('results.drawer.noScores')}</p>
      ) : (
        <table className="table" data-testid="drawer-datasets">
          <thead>
            <tr>
              <th scope="col">{t('results.drawer.dataset')}</th>
              <th scope="col">{t('results.drawer.result')}</th>
              <th scope="col">{t('results.drawer.severity')}</th>
              <th scope="col" className="numeric">
                {t('results.columns.score')}
              </th>
              <th scope="col">{t('results.drawer.foundBy')}</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map(([name, d]) => (
              <tr key={name}>
                <th scope="row">{t(`datasets.${name}.label`, { defaultValue: name })}</th>
                <td>{d.result ? t(`results.result.${d.result}`, { defaultValue: d.result }) : '—'}</td>
                <td>{d.severity ? severityName(t, d.severity) : '—'}</td>
                <td className="numeric">{formatScore(d.score)}</td>
                <td>{d.foundBy ? t(`results.foundByValue.${d.foundBy}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
