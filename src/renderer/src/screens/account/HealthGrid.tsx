// How Truora's databases of a country answered hour by hour on a day, with a shape per status so colour is
// never the only signal.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { todayIn, HEALTH_COUNTRIES } from '../../../../shared/checks/account'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { LoadState } from '../../components/LoadState'
import { formatNumber } from '../../i18n'

const STATUS_SYMBOL: Record<string, string> = {
  operational: '●',
  degraded_performance: '◐',
  partial_outage: '◑',
  major_outage: '○',
  under_maintenance: '◇',
  deprecated: '×',
  undetermined: '·'
}

export function HealthGrid() {
  const { t } = useTranslation()
  const [country, setCountry] = useState<(typeof HEALTH_COUNTRIES)[number]>('CO')
  const [date, setDate] = useState(todayIn('CO'))
  const report = useLoad(() => call('account:health', { country, date }), [country, date])
  const hours = Array.from({ length: 24 }, (_, h) => h)
  return (
    <section className="card">
      <h2 className="card-title">{t('account.healthTitle')}</h2>
      <p className="muted">{t('account.healthIntro')}</p>
      <div className="toolbar">
        <label htmlFor="health-country">{t('customTypes.country')}</label>
        <select
          id="health-country"
          value={country}
          onChange={(e) => setCountry(e.target.value as (typeof HEALTH_COUNTRIES)[number])}
        >
          {HEALTH_COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`countries.${c}`)}
            </option>
          ))}
        </select>
        <label htmlFor="health-day">{t('account.day')}</label>
        <input
          id="health-day"
          type="date"
          value={date}
          max={todayIn(country)}
          onChange={(e) => e.target.value && setDate(e.target.value)}
        />
      </div>
      <LoadState loading={report.loading} error={report.error} onRetry={report.reload} />
      {report.data && report.data.databases.length === 0 && (
        <p className="muted">{t('account.healthNone')}</p>
      )}
      {report.data && report.data.databases.length > 0 && (
        <div className="health-scroll">
          <table className="health-grid" aria-label={t('account.healthTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('account.database')}</th>
                {hours.map((h) => (
                  <th key={h} scope="col" className="hour">
                    {formatNumber(h, { minimumIntegerDigits: 2 })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.data.databases.map((db) => (
                <tr key={db.name}>
                  <th
                    scope="row"
                    title={db.dataSets.map((d) => t(`datasets.${d}.label`, { defaultValue: d })).join(', ')}
                  >
                    {db.name}
                  </th>
                  {hours.map((h) => {
                    const status = db.hourly[h] ?? 'undetermined'
                    const label = t(`account.statuses.${status}`, { defaultValue: status })
                    return (
                      <td
                        key={h}
                        className={`health health-${status}`}
                        title={`${String(h).padStart(2, '0')}:00 · ${label}`}
                      >
                        <span aria-hidden="true">{STATUS_SYMBOL[status] ?? '?'}</span>
                        <span className="visually-hidden">{label}</span>
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="legend">
            {Object.keys(STATUS_SYMBOL).map((status) => (
              <li key={status}>
                <span className={`health health-${status}`} aria-hidden="true">
                  {STATUS_SYMBOL[status]}
                </span>{' '}
                {t(`account.statuses.${status}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
