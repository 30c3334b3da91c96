// The wizard's frame: the numbered steps at the top, and back / continue at the bottom.
import { useTranslation } from 'react-i18next'
import { STEPS, type Step } from './wizard-state'

export function Stepper({ current }: { current: Step }) {
  const { t } = useTranslation()
  const index = STEPS.indexOf(current)
  return (
    <ol className="stepper" aria-label={t('wizard.stepOf', { current: index + 1, total: STEPS.length })}>
      {STEPS.map((s, i) => (
        <li
          key={s}
          className={i === index ? 'current' : i < index ? 'done' : ''}
          aria-current={i === index ? 'step' : undefined}
        >
          <span className="step-number">{i < index ? '✓' : i + 1}</span>
          {t(`wizard.steps.${s}`)}
        </li>
      ))}
    </ol>
  )
}

interface NavProps {
  step: Step
  canGoBack: boolean
  /** Why Continue is disabled (`wizard.continueBlocked.<code>`), or null. */
  blocker: string | null
  onBack(): void
  onDropAgain(): void
  onNext(): void
}

export function WizardNav({ step, canGoBack, blocker, onBack, onDropAgain, onNext }: NavProps) {
  const { t } = useTranslation()
  return (
    <footer className="wizard-nav">
      {canGoBack && step !== 'file' && (
        <button className="button" onClick={onBack}>
          {t('wizard.back')}
        </button>
      )}
      {step === 'sheet' && (
        <button className="button subtle" onClick={onDropAgain}>
          {t('wizard.dropAgain')}
        </button>
      )}
      {step !== 'confirm' && step !== 'file' && (
        <>
          <button
            className="button primary"
            disabled={blocker !== null}
            aria-describedby={blocker ? 'continue-blocked' : undefined}
            onClick={onNext}
          >
            {t('wizard.next')}
          </button>
          {blocker && (
            <p className="hint disabled-reason" id="continue-blocked" data-testid="continue-blocked">
              {t(`wizard.continueBlocked.${blocker}`)}
            </p>
          )}
        </>
      )}
    </footer>
  )
}
