// The account's continuous checks: each one's frequency, status, trend and runs, to change, pause or
// resume, with what happened to it.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContinuousCheckView } from '../../../../shared/contract'
import { FREQUENCY_PATTERN } from '../../../../shared/checks/account'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { LoadState } from '../../components/LoadState'
import { useToast } from '../../components/Toasts'
import { formatDateTime } from '../../i18n'
import { FrequencySelect } from '../../components/FrequencySelect'

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
      toast('error', e as Error)
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
            <FrequencySelect
              label={`${t('account.changeFrequency')} ${item.checkId ?? item.id}`}
              value={frequency}
              onChange={setFrequency}
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
                    toast('error', e)
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

export function ContinuousChecks() {
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
