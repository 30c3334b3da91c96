// The wizard's frame: the numbered steps at the top, and back / continue at the bottom with why Continue
// cannot be pressed yet.
import { useTranslation } from 'react-i18next'
import { mappingProblemsOf } from './StepMapping'
import { optionsProblem } from './StepOptions'
import { STEPS, selectedSheet, type Step, type Wizard } from './wizard-state'

/**
 * Why Continue cannot be pressed on this step, as the code of a sentence shown next to it
 * (`wizard.continueBlocked.<code>`); null when it can.
 */
export function continueBlocker({ step, data }: Wizard): string | null {
  const sheet = selectedSheet(data)
  switch (step.name) {
    case 'file':
      return data.workbook ? null : 'noFile'
    case 'sheet':
      if (!sheet || sheet.rowCount === 0) return 'emptySheet'
      if (sheet.headers.length === 0) return 'noHeaders'
      if (data.workbook?.encodingNeeded && !data.encoding) return 'encoding'
      return null
    case 'scope':
      return data.country && data.type ? null : 'scope'
    case 'mapping':
      return mappingProblemsOf(data)
    case 'validate':
      if (step.read?.state === 'reading' || !step.read) return 'reading'
      if (step.read.state === 'failed') return 'readFailed'
      return step.read.summary.byStatus.ok + step.read.summary.byStatus.warning > 0 ? null : 'noRowReady'
    case 'options':
      return optionsProblem(data.options)
    case 'confirm':
      return null
  }
}

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
