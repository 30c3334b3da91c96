// One connection: what it is, whether it has a key (never the key), and what can be done with it — test the
// key, replace or delete it, make it the active connection, delete the connection.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProfileView } from '../../../../shared/contract'
import { call } from '../../lib/api'
import { useAppState } from '../../state/app-state'
import { useToast } from '../../components/Toasts'
import { KeyFix, KeyStateTag, KeyTestResult, type KeyTestOutcome } from './KeyFix'

export function ProfileCard({ profile }: { profile: ProfileView }) {
  const { t } = useTranslation()
  const { setProfiles, refreshProfiles } = useAppState()
  const toast = useToast()
  const [editingKey, setEditingKey] = useState(false)
  const [testing, setTesting] = useState(false)
  const [testResult, setTestResult] = useState<KeyTestOutcome>()
  const sandbox = profile.kind === 'sandbox'

  const run = async (action: () => Promise<void>) => {
    try {
      await action()
    } catch (e) {
      toast('error', e as Error)
    }
  }
  const test = () =>
    run(async () => {
      setTesting(true)
      setTestResult(undefined)
      try {
        setTestResult(await call('profiles:testKey', { id: profile.id }))
        await refreshProfiles()
      } finally {
        setTesting(false)
      }
    })

  return (
    <article className="card profile-card" data-testid={`profile-${profile.name}`}>
      <header>
        <h2>{profile.name}</h2>
        <div className="tags">
          <span className={`tag ${sandbox ? 'tag-sandbox' : 'tag-live'}`}>
            {sandbox ? t('connections.sandbox') : t('connections.truora')}
          </span>
          {profile.active && <span className="tag tag-active">{t('connections.active')}</span>}
          {!sandbox && <KeyStateTag state={profile.keyState} />}
        </div>
      </header>
      <p className="muted">{sandbox ? t('connections.builtIn') : profile.checksBaseUrl}</p>
      {!sandbox && profile.keyState !== 'works' && (
        <p className="hint" data-testid="key-state-help">
          {t(`connections.keyStateHelp.${profile.keyState}`)}
        </p>
      )}
      {testResult && <KeyTestResult outcome={testResult} />}
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
      {editingKey && (
        // A new key is tested as it is saved: the analyst learns now, not at the first batch, whether it works.
        <KeyFix
          profileId={profile.id}
          state={profile.keyState}
          onWorks={() => setEditingKey(false)}
          onCancel={() => setEditingKey(false)}
        />
      )}
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
