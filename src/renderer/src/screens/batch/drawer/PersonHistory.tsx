// In the drawer: every check of the person (company, vehicle) this check is about, across batches, newest
// first — date, batch, score, risk and datasets found — and what changed between any two of them.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChangeSummary } from '../../../../../shared/checks/changes'
import type { SubjectCheckView } from '../../../../../shared/reuse'
import { call } from '../../../lib/api'
import { formatDateTime, formatNumber } from '../../../i18n'
import { RiskBadge, formatScore } from '../labels'
import { ChangeList, FoundList } from '../change-text'

interface History {
  country: string | null
  document: string
  checks: SubjectCheckView[]
}

export function PersonHistory({ checkId }: { checkId: string }) {
  const { t } = useTranslation()
  const [history, setHistory] = useState<History>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(false)
  const [picked, setPicked] = useState<string[]>([])
  const [change, setChange] = useState<ChangeSummary>()

  const load = async () => {
    setLoading(true)
    setError(undefined)
    try {
      setHistory(await call('people:history', { checkId }))
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setLoading(false)
    }
  }

  const toggle = (id: string) => {
    setChange(undefined)
    setPicked((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id].slice(-2)))
  }
  const compare = async () => {
    try {
      setChange(await call('people:compare', { first: picked[0], second: picked[1] }))
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <section className="person-history" data-testid="person-history">
      <h3 className="drawer-section">{t('reuse.history.title')}</h3>
      {!history && (
        <button className="button" disabled={loading} onClick={() => void load()}>
          {loading && <span className="spinner" aria-hidden="true" />} {t('reuse.history.show')}
        </button>
      )}
      {error && (
        <p className="result-error" role="alert">
          {error}
        </p>
      )}
      {history && history.checks.length === 0 && <p className="muted">{t('reuse.history.empty')}</p>}
      {history && history.checks.length > 0 && (
        <>
          <p className="muted">
            {t('reuse.history.of', { document: history.document })}
            {history.country
              ? ` · ${t(`countries.${history.country}`, { defaultValue: history.country })}`
              : ''}
          </p>
          <table className="table compact" data-testid="person-checks">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('reuse.history.compare')}</span>
                </th>
                <th scope="col">{t('reuse.columns.checkedAt')}</th>
                <th scope="col">{t('reuse.columns.batch')}</th>
                <th scope="col" className="numeric">
                  {t('reuse.columns.score')}
                </th>
                <th scope="col">{t('reuse.columns.risk')}</th>
                <th scope="col">{t('reuse.columns.found')}</th>
              </tr>
            </thead>
            <tbody>
              {history.checks.map((check) => (
                <tr
                  key={check.checkId}
                  data-testid="person-check"
                  className={check.checkId === checkId ? 'current' : undefined}
                >
                  <td>
                    <input
                      type="checkbox"
                      checked={picked.includes(check.checkId)}
                      onChange={() => toggle(check.checkId)}
                      aria-label={t('reuse.history.pick', { date: formatDateTime(check.checkedAt) })}
                    />
                  </td>
                  <td className="nowrap">
                    {formatDateTime(check.checkedAt)}
                    {check.checkId === checkId && <div className="hint">{t('reuse.history.this')}</div>}
                  </td>
                  <td>
                    {check.batchName}
                    <div className="hint">
                      {t('reuse.columns.row')} {formatNumber(check.row, { useGrouping: false })}
                    </div>
                  </td>
                  <td className="numeric">{formatScore(check.score)}</td>
                  <td>
                    <RiskBadge risk={check.risk} />
                  </td>
                  <td>
                    <FoundList t={t} found={check.found} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {history.checks.length > 1 && (
            <div className="actions">
              <span className="muted">{t('reuse.history.pickTwo')}</span>
              <button className="button" disabled={picked.length !== 2} onClick={() => void compare()}>
                {t('reuse.history.compare')}
              </button>
            </div>
          )}
          {change && <ChangeList t={t} change={change} />}
        </>
      )}
    </section>
  )
}
