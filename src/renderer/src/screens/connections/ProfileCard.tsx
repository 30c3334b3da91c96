// One connection: what it is, whether it has a key (never the key), and what can be done with it — test the
// key, replace or delete it, make it the active connection, delete the connection.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProfileView } from '../../../../shared/contract'
import { call } from '../../lib/api'
import { useAppState } from '../../state/app-state'
import { useToast } from '../../components/Toasts'

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

export function ProfileCard({ profile }: { profile: ProfileView }) {
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
      <div className="form-grid">
        <label htmlFor={`key-version-${profile.id}`}>{t('connections.keyVersion')}</label>
        <div>
          <select
            id={`key-version-${profile.id}`}
            value={profile.keyVersion}
            aria-describedby={`key-version-help-${profile.id}`}
            data-testid="key-version"
            onChange={(e) =>
              void run(async () => {
                await call('profiles:update', { id: profile.id, keyVersion: e.target.value === '1' ? 1 : 0 })
                await refreshProfiles()
              })
            }
          >
            <option value="0">{t('connections.keyVersion0')}</option>
            <option value="1">{t('connections.keyVersion1')}</option>
          </select>
          <p className="hint" id={`key-version-help-${profile.id}`}>
            {t('connections.keyVersionHelp')}
          </p>
        </div>
      </div>
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
