// The new-batch wizard: file → sheet and header row → country and check type → column mapping → review and
// fix → options → confirm and run. Nothing is sent to Truora before the last step. Where the wizard is and
// what it knows is one typed state (wizard-state.ts) moved by one reducer; the calls that move it are in
// use-wizard-draft.ts, the step's place in the address in use-wizard-route.ts.
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { FileRefView } from '../../../../shared/contract'
import { useRouter } from '../../state/router'
import { FileStep } from './FileStep'
import { StepSheet } from './StepSheet'
import { StepScope } from './StepScope'
import { StepMapping } from './StepMapping'
import { StepValidate } from './StepValidate'
import { StepOptions } from './StepOptions'
import { StepConfirm } from './StepConfirm'
import { Stepper, WizardNav, continueBlocker } from './WizardNav'
import { SheetPassed } from './SheetPassed'
import { STEPS, selectedSheet } from './wizard-state'
import { useWizardDraft } from './use-wizard-draft'
import { useWizardRoute } from './use-wizard-route'
import './wizard.css'

export function NewBatchWizard({ file, batchId }: { file?: FileRefView; batchId?: string }) {
  const { t } = useTranslation()
  const { navigate } = useRouter()
  const draft = useWizardDraft({ file, batchId })
  const { wizard, dispatch, update } = draft
  const { step, data } = wizard
  useWizardRoute(wizard, dispatch)

  // Each step starts at its heading: a screen reader says where the analyst is, and Tab goes on from there.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
  }, [step.name])

  const discardAndLeave = () => void draft.discardDraft().then(() => navigate({ screen: 'start' }))
  const index = STEPS.indexOf(step.name)
  return (
    <section className="screen wizard">
      <header className="screen-header">
        <div>
          <h1>{t('wizard.title')}</h1>
          {data.file && <p className="muted">{data.file.name}</p>}
        </div>
        {data.batchId && (
          <button
            className="button danger"
            onClick={() => {
              if (window.confirm(t('wizard.confirmDiscard'))) discardAndLeave()
            }}
          >
            {t('wizard.cancel')}
          </button>
        )}
      </header>
      <Stepper current={step.name} />
      <h2 className="step-title" tabIndex={-1} ref={heading}>
        {t(`wizard.steps.${step.name}`)}
      </h2>

      {step.name === 'file' && <FileStep opening={step.opening} onOpened={draft.open} />}
      {step.name === 'sheet' && data.workbook && <StepSheet state={data} update={update} />}
      {step.name === 'sheet' && !data.workbook && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('wizard.reading', { name: data.file?.name })}
        </p>
      )}
      {step.name === 'scope' && data.sheetPassed && selectedSheet(data) && (
        <SheetPassed sheet={selectedSheet(data)!} onChange={() => dispatch({ type: 'go', to: 'sheet' })} />
      )}
      {step.name === 'scope' && <StepScope state={data} update={update} />}
      {step.name === 'mapping' && <StepMapping state={data} update={update} />}
      {step.name === 'validate' && data.batchId && (
        <StepValidate
          state={data}
          read={step.read}
          onRead={draft.onRead}
          onFailed={draft.onReadFailed}
          onReread={() => dispatch({ type: 'rereading', batchId: data.batchId! })}
          onDiscard={discardAndLeave}
          onSwitchScope={draft.switchScope}
        />
      )}
      {step.name === 'options' && <StepOptions state={data} update={update} />}
      {step.name === 'confirm' && <StepConfirm state={data} />}

      <WizardNav
        step={step.name}
        canGoBack={index > 0 && !(step.name === 'validate' && !data.workbook)}
        blocker={continueBlocker(wizard)}
        onBack={() => dispatch({ type: 'go', to: STEPS[Math.max(0, index - 1)] })}
        onDropAgain={() => dispatch({ type: 'go', to: 'file' })}
        onNext={() => void draft.next()}
      />
    </section>
  )
}
