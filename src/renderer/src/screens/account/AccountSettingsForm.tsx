// Account settings Truora applies to every check: how names must match, the longest a check may take, and
// whether Truora retries databases that fail.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { maxDurationMinutes } from '../../../../shared/checks/account'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { useBusyCall } from '../../lib/use-busy-call'

export function AccountSettingsForm() {
  const { t } = useTranslation()
  const toast = useToast()
  const [namesMatchingType, setNames] = useState<'soft' | 'exact'>('soft')
  const [retries, setRetries] = useState(false)
  const [maxDuration, setMaxDuration] = useState('')
  const [busy, run] = useBusyCall()
  const durationValid = maxDuration === '' || maxDurationMinutes(maxDuration) !== null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    await run(async () => {
      await call('account:updateSettings', {
        namesMatchingType,
        retries,
        maxDuration: maxDuration || undefined
      })
      toast('success', t('account.applied'))
    })
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
