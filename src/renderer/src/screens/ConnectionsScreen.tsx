// Connections: the Sandbox and Truora accounts. Keys go in (masked) and never come back out.
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { KeychainStatus, ProfileView } from '../../../shared/contract'
import { call } from '../lib/api'
import { useAppState } from '../state/app-state'
import { useToast } from '../components/Toasts'

function KeyForm({ profile, onDone }: { profile: ProfileView; onDone: () => void }) {
  const { t } = useTranslation()
  const { refreshProfiles } = useAppState()
  const toast = useToast()
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      await call('profiles:setKey', { id: profile.id, apiKey: key })
      setKey('')
      await refreshProfiles()
      toast('success', t('connections.keySaved'))
      onDone()
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`key-${profile.id}`}>{t('connections.apiKey')}</label>
      <input
        id={`key-${profile.id}`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={key}
        onChange={(e) => setKey(e.target.value)}
        required
      />
      <button className="button primary" disabled={busy || !key}>
        {t('connections.save')}
      </button>
      <button type="button" className="button subtle" onClick={onDone}>
        {t('connections.cancel')}
      </button>
    </form>
  )
}

function ProfileCard({ profile }: { profile: ProfileView }) {
  const { t } = useTranslation()
  const { setProfiles, refreshProfiles } = useAppState()
  const toast = useToast()
  const [editingKey, setEditingKey] = useState(false)
  const [testing, setTesting] = useState(false)
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string }>()
  const sandbox = profile.kind === 'sandbox'

  const run = async (action: () => Promise<void>) => {
    try {
      await action()
    } catch (e) {
      toast('error', (e as Error).message)
    }
  }
  const test = () =>
    run(async () => {
      setTesting(true)
      setTestResult(undefined)
      try {
        setTestResult(await call('profiles:testKey', { id: profile.id }))
      } finally {
        setTesting(false)
      }
    })

  return (
    <article className="card profile-card" data-testid={`profile-${profile.name}`}>
      <header>
        <h3>{profile.name}</h3>
        <div className="tags">
          <span className={`tag ${sandbox ? 'tag-sandbox' : 'tag-live'}`}>
            {sandbox ? t('connections.sandbox') : t('connections.truora')}
          </span>
          {profile.active && <span className="tag tag-active">{t('connections.active')}</span>}
          {!sandbox && (
            <span className={`tag ${profile.keyConfigured ? 'tag-ok' : 'tag-warn'}`} data-testid="key-state">
              {profile.keyConfigured ? t('connections.keyConfigured') : t('connections.noKey')}
            </span>
          )}
        </div>
      </header>
      <p className="muted">{sandbox ? t('connections.builtIn') : profile.checksBaseUrl}</p>
      {testResult && (
        <p className={testResult.ok ? 'result-ok' : 'result-error'} role="status">
          {testResult.ok
            ? t('connections.testOk', { message: testResult.message })
            : t('connections.testFailed', { message: testResult.message })}
        </p>
      )}
      {editingKey && <KeyForm profile={profile} onDone={() => setEditingKey(false)} />}
      <div className="actions">
        {!profile.active && (
          <button
            className="button primary"
            onClick={() =>
              void run(async () => setProfiles(await call('profiles:activate', { id: profile.id })))
            }
          >
            {t('connections.use')}
          </button>
        )}
        {!sandbox && !editingKey && (
          <button className="button" onClick={() => setEditingKey(true)}>
            {profile.keyConfigured ? t('connections.replaceKey') : t('connections.setKey')}
          </button>
        )}
        {(sandbox || profile.keyConfigured) && (
          <button className="button" onClick={() => void test()} disabled={testing}>
            {testing ? t('connections.testing') : t('connections.testKey')}
          </button>
        )}
        {!sandbox && profile.keyConfigured && (
          <button
            className="button subtle"
            onClick={() =>
              window.confirm(t('connections.confirmDeleteKey', { name: profile.name })) &&
              void run(async () => {
                await call('profiles:deleteKey', { id: profile.id })
                await refreshProfiles()
                toast('success', t('connections.keyDeleted'))
              })
            }
          >
            {t('connections.deleteKey')}
          </button>
        )}
        {!sandbox && (
          <button
            className="button danger"
            onClick={() =>
              window.confirm(t('connections.confirmDelete', { name: profile.name })) &&
              void run(async () => setProfiles(await call('profiles:delete', { id: profile.id })))
            }
          >
            {t('connections.delete')}
          </button>
        )}
      </div>
    </article>
  )
}

function AddProfileForm() {
  const { t } = useTranslation()
  const { refreshProfiles } = useAppState()
  const toast = useToast()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [checksBaseUrl, setChecksBaseUrl] = useState('')
  const [batchBaseUrl, setBatchBaseUrl] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
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
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setBusy(false)
    }
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

function KeychainWarning() {
  const { t } = useTranslation()
  const toast = useToast()
  const [status, setStatus] = useState<KeychainStatus>()
  useEffect(() => {
    call('keychain:status').then(setStatus, () => undefined)
  }, [])
  if (!status || status.available) return null
  return (
    <div className="banner banner-warning" role="alert">
      <div>
        <strong>{t('keychain.unavailableTitle')}</strong>
        <p>{status.message}</p>
      </div>
      {status.fallbackAvailable && (
        <button
          className="button"
          onClick={() =>
            call('keychain:useFallback').then(setStatus, (e: Error) => toast('error', e.message))
          }
        >
          {t('keychain.useFallback')}
        </button>
      )}
    </div>
  )
}

export function ConnectionsScreen() {
  const { t } = useTranslation()
  const { profiles } = useAppState()
  return (
    <section className="screen">
      <header className="screen-header">
        <h1>{t('connections.title')}</h1>
      </header>
      <p className="muted">{t('connections.intro')}</p>
      <KeychainWarning />
      <div className="card-list">
        {profiles.map((profile) => (
          <ProfileCard key={profile.id} profile={profile} />
        ))}
      </div>
      <AddProfileForm />
    </section>
  )
}
