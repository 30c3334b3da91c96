// Step 7: what will happen, on which account, whether Truora's databases are up, and the analyst's
// confirmation that the people checked authorised it. Nothing is sent before this.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { LoadState } from '../../components/LoadState'
import { useToast } from '../../components/Toasts'
import { useRouter } from '../../state/router'
import { formatNumber } from '../../i18n'
import { FROM_COLUMN, type WizardState } from './wizard-state'
import { ConsentEvidenceFields, lawOf, NO_EVIDENCE, useStatement, type Evidence } from './ConsentEvidence'
import { KeyFix, KeyStateTag } from '../connections/KeyFix'
import { CostPanel } from './CostPanel'

export function StepConfirm({ state }: { state: WizardState }) {
  const { t } = useTranslation()
  const toast = useToast()
  const { navigate } = useRouter()
  const batchId = state.batchId!
  const continuous = state.options.continuous
  const preflight = useLoad(
    () => call('batches:preflight', { batchId, ...(continuous ? { continuous } : {}) }),
    [batchId, continuous?.frequency, continuous?.endDate]
  )
  const [accepted, setAccepted] = useState(false)
  const [starting, setStarting] = useState(false)
  const [evidence, setEvidence] = useState<Evidence>(NO_EVIDENCE)
  const law = lawOf(state.country)
  const statement = useStatement(law)

  const run = async () => {
    if (!preflight.data) return
    setStarting(true)
    try {
      const { options } = state
      await call('batches:start', {
        batchId,
        options: {
          engine: options.engine,
          forceCreation: options.forceCreation,
          continuous: options.continuous ?? undefined,
          pdfs: options.pdfs,
          concurrency: options.concurrency,
          giveUpAfterMs: Math.round(options.giveUpHours * 3_600_000)
        },
        authorization: {
          accepted: true,
          statement,
          ...(law ? { law } : {}),
          consentFiles: evidence.files.map((file) => file.fileId),
          requestId: evidence.requestId.trim() || undefined,
          formVersion: evidence.formVersion.trim() || undefined
        }
      })
      navigate({ screen: 'batch', batchId, view: 'monitor' })
    } catch (e) {
      toast('error', e as Error)
      setStarting(false)
    }
  }

  const data = preflight.data
  const keyWorks = data?.profile.keyState === 'works'
  // Why Run cannot be pressed, said next to it: the first thing the analyst has to do.
  const blockedBy = !data
    ? null
    : data.rows === 0
      ? t('wizard.runBlocked.noRows')
      : !keyWorks
        ? t('wizard.runBlocked.key')
        : !accepted
          ? t('wizard.runBlocked.authorization')
          : null
  return (
    <div className="wizard-step confirm-step">
      <LoadState
        loading={preflight.loading}
        error={preflight.error}
        onRetry={preflight.reload}
        label={t('wizard.healthChecking')}
      />
      {data && (
        <>
          <div className="card">
            <p className="big-number" data-testid="checks-to-create">
              {t('wizard.confirmChecks', { count: data.checks, formattedCount: formatNumber(data.checks) })}
            </p>
            <p>
              <strong>{t('wizard.confirmConnection', { name: data.profile.name })}</strong> —{' '}
              {data.profile.kind === 'sandbox' ? (
                t('wizard.confirmSandbox')
              ) : (
                <>
                  <strong className="result-error">{t('wizard.confirmLive')}</strong>{' '}
                  <KeyStateTag state={data.profile.keyState} />
                </>
              )}
            </p>
          </div>
          {data.profile.keyState !== 'works' && (
            <div className="banner banner-error" role="alert" data-testid="key-blocked">
              <div>
                <strong>
                  {t(`wizard.keyBlocked.${data.profile.keyState}`, { name: data.profile.name })}
                </strong>
                <KeyFix
                  profileId={data.profile.id}
                  state={data.profile.keyState}
                  onWorks={() => preflight.reload()}
                />
              </div>
            </div>
          )}
          <CostPanel
            estimate={data.estimate}
            scope={{
              country: state.country === FROM_COLUMN ? null : state.country,
              type: state.type === FROM_COLUMN ? null : state.type,
              customKind: state.customKind,
              rows: data.rows,
              skipped: data.skipped
            }}
          />
          {data.warnings.length > 0 && (
            <div className="banner banner-warning" role="alert">
              <div>
                <strong>{t('wizard.healthWarning')}</strong>
                {data.warnings.map((w) => (
                  <p key={w.country}>{w.message}</p>
                ))}
              </div>
            </div>
          )}
          {data.healthError && (
            <p className="banner banner-info">{t('wizard.healthUnknown', { message: data.healthError })}</p>
          )}
          {!data.healthError && data.warnings.length === 0 && (
            <p className="result-ok">✓ {t('wizard.healthOk')}</p>
          )}
          <fieldset className="card authorization">
            <legend>{t('wizard.authorization')}</legend>
            <label className="checkbox">
              <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
              <span>{statement}</span>
            </label>
            <ConsentEvidenceFields value={evidence} onChange={setEvidence} />
          </fieldset>
          <div className="actions">
            <button
              className="button primary large"
              disabled={blockedBy !== null || starting}
              aria-describedby={blockedBy ? 'run-blocked' : undefined}
              onClick={() => void run()}
            >
              {starting
                ? t('wizard.starting')
                : data.checks === 0
                  ? t('reuse.runReused', { count: data.rows, formattedCount: formatNumber(data.rows) })
                  : t('wizard.run', { count: data.checks, formattedCount: formatNumber(data.checks) })}
            </button>
            {blockedBy && (
              <p className="hint disabled-reason" id="run-blocked" data-testid="run-blocked">
                {blockedBy}
              </p>
            )}
          </div>
        </>
      )}
    </div>
  )
}
