// The Truora account: its settings, continuous checks and the health of the databases per country.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContinuousCheckView } from '../../../shared/contract'
import {
  todayIn,
  FREQUENCY_PATTERN,
  HEALTH_COUNTRIES,
  maxDurationMinutes
} from '../../../shared/checks/account'
import { call } from '../lib/api'
import { useLoad } from '../lib/use-load'
import { LoadState } from '../components/LoadState'
import { useToast } from '../components/Toasts'
import { formatDateTime, formatNumber } from '../i18n'

function AccountSettingsForm() {
  const { t } = useTranslation()
  const toast = useToast()
  const [namesMatchingType, setNames] = useState<'soft' | 'exact'>('soft')
  const [retries, setRetries] = useState(false)
  const [maxDuration, setMaxDuration] = useState('')
  const [busy, setBusy] = useState(false)
  const durationValid = maxDuration === '' || maxDurationMinutes(maxDuration) !== null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      await call('account:updateSettings', {
        namesMatchingType,
        retries,
        maxDuration: maxDuration || undefined
      })
      toast('success', t('account.applied'))
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={t('account.settingsTitle')}>
      <h2 className="card-title">{t('account.settingsTitle')}</h2>
      <p className="muted">{t('account.settingsIntro')}</p>
      <div className="form-grid">
        <label htmlFor="names-matching">{t('account.namesMatching')}</label>
        <select
          id="names-matching"
          value={namesMatchingType}
          onChange={(e) => setNames(e.target.value as 'soft' | 'exact')}
        >
          <option value="soft">{t('account.soft')}</option>
          <option value="exact">{t('account.exact')}</option>
        </select>
        <label htmlFor="max-duration">{t('account.maxDuration')}</label>
        <div>
          <input
            id="max-duration"
            value={maxDuration}
            placeholder="48h"
            aria-invalid={!durationValid}
            onChange={(e) => setMaxDuration(e.target.value)}
          />
          <p className={durationValid ? 'hint' : 'hint result-error'}>{t('account.maxDurationHint')}</p>
        </div>
        <span />
        <label className="checkbox">
          <input type="checkbox" checked={retries} onChange={(e) => setRetries(e.target.checked)} />
          {t('account.retries')}
        </label>
      </div>
      <div className="actions">
        <button className="button primary" disabled={busy || !durationValid}>
          {t('account.apply')}
        </button>
      </div>
    </form>
  )
}

function ContinuousRow({
  item,
  onChange
}: {
  item: ContinuousCheckView
  onChange: (item: ContinuousCheckView) => void
}) {
  const { t } = useTranslation()
  const toast = useToast()
  const [frequency, setFrequency] = useState(item.frequency ?? '')
  const [history, setHistory] = useState<{ date: string | null; event: string | null; detail: string }[]>()
  const update = async (patch: { status?: 'enabled' | 'disabled'; frequency?: string }) => {
    try {
      onChange(await call('account:updateContinuousCheck', { id: item.id, ...patch }))
      toast('success', t('account.updated'))
    } catch (e) {
      toast('error', (e as Error).message)
    }
  }
  const enabled = item.status === 'enabled'
  return (
    <>
      <tr>
        <td className="mono">{item.checkId ?? item.id}</td>
        <td>
          <form
            className="inline-form tight"
            onSubmit={(e) => {
              e.preventDefault()
              void update({ frequency })
            }}
          >
            <input
              value={frequency}
              size={8}
              onChange={(e) => setFrequency(e.target.value)}
              aria-label={`${t('account.changeFrequency')} ${item.id}`}
              aria-invalid={!FREQUENCY_PATTERN.test(frequency)}
            />
            {frequency !== item.frequency && (
              <button className="button" disabled={!FREQUENCY_PATTERN.test(frequency)}>
                {t('account.apply')}
              </button>
            )}
          </form>
        </td>
        <td>
          <span className={`tag ${enabled ? 'tag-ok' : ''}`}>
            {enabled ? t('account.enabled') : t('account.disabled')}
          </span>
        </td>
        <td>{item.scoreStatus ?? '—'}</td>
        <td className="numeric">{item.counter ?? '—'}</td>
        <td>{item.nextRunDate ? formatDateTime(item.nextRunDate) : '—'}</td>
        <td>{item.endDate ?? '—'}</td>
        <td className="actions tight">
          <button
            className="button"
            onClick={() => void update({ status: enabled ? 'disabled' : 'enabled' })}
          >
            {enabled ? t('account.disable') : t('account.enable')}
          </button>
          <button
            className="button subtle"
            onClick={() =>
              history
                ? setHistory(undefined)
                : call('account:continuousHistory', { id: item.id }).then(setHistory, (e: Error) =>
                    toast('error', e.message)
                  )
            }
          >
            {t('account.history')}
          </button>
        </td>
      </tr>
      {history && (
        <tr className="subrow">
          <td colSpan={8}>
            <strong>{t('account.historyTitle', { id: item.id })}</strong>
            {history.length === 0 ? (
              <p className="muted">{t('account.historyNone')}</p>
            ) : (
              <ul>
                {history.map((h, i) => (
                  <li key={i}>
                    {h.date ? formatDateTime(h.date) : '—'} · {h.event ?? h.detail}
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      )}
    </>
  )
}

function ContinuousChecks() {
  const { t } = useTranslation()
  const list = useLoad(() => call('account:continuousChecks'), [])
  return (
    <section className="card">
      <h2 className="card-title">{t('account.continuousTitle')}</h2>
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.data && list.data.length === 0 && <p className="muted">{t('account.continuousNone')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('account.check')}</th>
              <th>{t('account.frequency')}</th>
              <th>{t('account.status')}</th>
              <th>{t('account.trend')}</th>
              <th>{t('account.runs')}</th>
              <th>{t('account.nextRun')}</th>
              <th>{t('account.endDate')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((item) => (
              <ContinuousRow
                key={item.id}
                item={item}
                onChange={(next) => list.set(list.data!.map((x) => (x.id === next.id ? next : x)))}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

const STATUS_SYMBOL: Record<string, string> = {
  operational: '●',
  degraded_performance: '◐',
  partial_outage: '◑',
  major_outage: '○',
  under_maintenance: '◇',
  deprecated: '×',
  undetermined: '·'
}

function HealthGrid() {
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

export function AccountScreen() {
  const { t } = useTranslation()
  return (
    <section className="screen stack">
      <header className="screen-header">
        <h1>{t('account.title')}</h1>
      </header>
      <AccountSettingsForm />
      <ContinuousChecks />
      <HealthGrid />
    </section>
  )
}
