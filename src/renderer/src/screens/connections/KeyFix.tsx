// A connection's key where the analyst meets a problem with it: its state in words, the outcome of a test in
// the analyst's language (Truora's own words folded away), and a place to paste a new key and test it, so a
// refused key is fixed where it blocked the work — the confirm step, a paused batch — not three screens away.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProfileView } from '../../../../shared/contract'
import { call } from '../../lib/api'
import { useAppState } from '../../state/app-state'
import { useRouter } from '../../state/router'
import { TechnicalDetail } from '../../components/TechnicalDetail'

export type ConnectionKeyState = ProfileView['keyState']

/** The key's state as a tag; the Sandbox needs none. */
export function KeyStateTag({ state }: { state: ConnectionKeyState }) {
  const { t } = useTranslation()
  const tone = state === 'works' ? 'tag-ok' : state === 'refused' ? 'tag-error' : 'tag-warn'
  return (
    <span className={`tag ${tone}`} data-testid="key-state" data-state={state}>
      {t(`connections.keyStates.${state}`)}
    </span>
  )
}

export interface KeyTestOutcome {
  ok: boolean
  state: 'untested' | 'works' | 'refused' | 'unreachable'
  code: string
  message: string
}

const KNOWN_TEST_CODES = ['key_works', 'key_refused', 'network', 'timeout', 'server_error', 'rate_limited']

/** What a key test found, in the analyst's language; Truora's or the network's own words under "Details". */
export function KeyTestResult({ outcome }: { outcome: KeyTestOutcome }) {
  const { t } = useTranslation()
  const code = KNOWN_TEST_CODES.includes(outcome.code) ? outcome.code : 'other'
  return (
    <div className={outcome.ok ? 'result-ok' : 'result-error'} role="status" data-testid="key-test-result">
      <p>{t(`connections.testResult.${code}`)}</p>
      {!outcome.ok && <TechnicalDetail text={outcome.message} />}
    </div>
  )
}

/**
 * Paste a new key, save it and test it at once; `onWorks` runs when Truora accepts it. Also offers a new test
 * of the stored key (after a network failure) and the way to Connections.
 */
export function KeyFix({
  profileId,
  state,
  onWorks,
  onCancel
}: {
  profileId: string
  state: ConnectionKeyState
  onWorks: () => void
  /** On the Connections screen: a Cancel instead of the way to Connections. */
  onCancel?: () => void
}) {
  const { t } = useTranslation()
  const { refreshProfiles } = useAppState()
  const { navigate } = useRouter()
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<KeyTestOutcome>()
  const [error, setError] = useState<string>()

  const test = async () => {
    const result = await call('profiles:testKey', { id: profileId })
    setOutcome(result)
    await refreshProfiles()
    if (result.ok) onWorks()
  }
  const attempt = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    setOutcome(undefined)
    try {
      await action()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void attempt(async () => {
      await call('profiles:setKey', { id: profileId, apiKey: key })
      setKey('')
      await test()
    })
  }

  return (
    <div className="key-fix" data-testid="key-fix">
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={`key-fix-${profileId}`}>{t('connections.newApiKey')}</label>
        <input
          id={`key-fix-${profileId}`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
        />
        <button className="button primary" disabled={busy || !key}>
          {busy ? t('connections.testing') : t('connections.saveAndTest')}
        </button>
        {state !== 'missing' && !onCancel && (
          <button type="button" className="button" disabled={busy} onClick={() => void attempt(test)}>
            {t('connections.testAgain')}
          </button>
        )}
        {onCancel ? (
          <button type="button" className="button subtle" onClick={onCancel}>
            {t('connections.cancel')}
          </button>
        ) : (
          <button type="button" className="button subtle" onClick={() => navigate({ screen: 'connections' })}>
            {t('connections.openConnections')}
          </button>
        )}
      </form>
      {outcome && <KeyTestResult outcome={outcome} />}
      {error && (
        <p className="result-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
