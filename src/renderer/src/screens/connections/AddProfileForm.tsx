// Adding a Truora account: a name, the key (masked as it is typed) and, for other environments, its addresses.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api'
import { useAppState } from '../../state/app-state'
import { useToast } from '../../components/Toasts'
import { useBusyCall } from '../../lib/use-busy-call'

export function AddProfileForm() {
  const { t } = useTranslation()
  const { refreshProfiles } = useAppState()
  const toast = useToast()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [checksBaseUrl, setChecksBaseUrl] = useState('')
  const [batchBaseUrl, setBatchBaseUrl] = useState('')
  const [busy, run] = useBusyCall()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    await run(async () => {
      await call('profiles:create', {
        name,
        apiKey: apiKey || undefined,
        checksBaseUrl: checksBaseUrl || undefined,
        batchBaseUrl: batchBaseUrl || undefined
      })
      setApiKey('')
      await refreshProfiles()
      toast('success', t('connections.created', { name }))
      setName('')
      setOpen(false)
    })
  }

  if (!open)
    return (
      <button className="button primary" onClick={() => setOpen(true)}>
        {t('connections.add')}
      </button>
    )
  return (
    <form className="card form-grid" onSubmit={(e) => void submit(e)} aria-label={t('connections.add')}>
      <label htmlFor="profile-name">{t('connections.name')}</label>
      <input
        id="profile-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={80}
      />
      <label htmlFor="profile-key">{t('connections.apiKey')}</label>
      <div>
        <input
          id="profile-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
        <p className="hint">{t('connections.apiKeyHint')}</p>
      </div>
      <details className="span-2">
        <summary>{t('connections.advanced')}</summary>
        <div className="form-grid">
          <label htmlFor="profile-checks-url">{t('connections.checksUrl')}</label>
          <input
            id="profile-checks-url"
            placeholder="https://api.checks.truora.com"
            value={checksBaseUrl}
            onChange={(e) => setChecksBaseUrl(e.target.value)}
          />
          <label htmlFor="profile-batch-url">{t('connections.batchUrl')}</label>
          <input
            id="profile-batch-url"
            placeholder="https://api.account.truora.com"
            value={batchBaseUrl}
            onChange={(e) => setBatchBaseUrl(e.target.value)}
          />
        </div>
      </details>
      <div className="actions span-2">
        <button className="button primary" disabled={busy}>
          {t('connections.save')}
        </button>
        <button type="button" className="button subtle" onClick={() => setOpen(false)}>
          {t('connections.cancel')}
        </button>
      </div>
    </form>
  )
}
