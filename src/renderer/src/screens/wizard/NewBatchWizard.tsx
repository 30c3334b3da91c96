// The new-batch wizard: file → sheet and header row → country and check type → column mapping → review and
// fix → options → confirm and run. Nothing is sent to Truora before the last step. Where the wizard is and
// what it knows is one typed state (wizard-state.ts) moved by one reducer.
import { useCallback, useEffect, useReducer } from 'react'
import { DEFAULT_GIVE_UP_AFTER_MS } from '../../../../shared/batch'
import { useTranslation } from 'react-i18next'
import type { DraftRead } from '../../../../shared/batch'
import type { FileRefView } from '../../../../shared/contract'
import { isCountry } from '../../../../shared/checks/inputs'
import { call } from '../../lib/api'
import { useAppState } from '../../state/app-state'
import { useRouter } from '../../state/router'
import { useToast } from '../../components/Toasts'
import { FileStep } from './FileStep'
import { StepSheet } from './StepSheet'
import { StepScope } from './StepScope'
import { StepMapping, mappingProblemsOf } from './StepMapping'
import { StepValidate } from './StepValidate'
import { StepOptions, optionsProblem } from './StepOptions'
import { StepConfirm } from './StepConfirm'
import { Stepper, WizardNav } from './WizardNav'
import {
  FROM_COLUMN,
  STEPS,
  initialWizard,
  selectedSheet,
  wizardReducer,
  type Wizard,
  type WizardState
} from './wizard-state'
import './wizard.css'

function canContinue({ step, data }: Wizard): boolean {
  const sheet = selectedSheet(data)
  switch (step.name) {
    case 'file':
      return Boolean(data.workbook)
    case 'sheet':
      return Boolean(
        sheet &&
        sheet.rowCount > 0 &&
        sheet.headers.length > 0 &&
        (!data.workbook?.encodingNeeded || data.encoding)
      )
    case 'scope':
      return Boolean(data.country && data.type)
    case 'mapping':
      return !mappingProblemsOf(data)
    case 'validate':
      return (
        step.read?.state === 'ready' && step.read.summary.byStatus.ok + step.read.summary.byStatus.warning > 0
      )
    case 'options':
      return !optionsProblem(data.options)
    case 'confirm':
      return false
  }
}

export function NewBatchWizard({ file, batchId }: { file?: FileRefView; batchId?: string }) {
  const { t } = useTranslation()
  const toast = useToast()
  const { navigate } = useRouter()
  const { settings } = useAppState()
  const [wizard, dispatch] = useReducer(wizardReducer, undefined, () =>
    initialWizard(
      {
        country: settings.defaultCountry,
        type: settings.defaultCheckType,
        options: {
          engine: 'direct',
          forceCreation: false,
          continuous: null,
          pdfs: false,
          concurrency: settings.concurrency,
          giveUpHours: DEFAULT_GIVE_UP_AFTER_MS / 3_600_000
        }
      },
      { file, batchId }
    )
  )
  const { step, data } = wizard
  const update = useCallback((patch: Partial<WizardState>) => dispatch({ type: 'update', patch }), [])

  /** Reads the file's sheets; continues at the sheet step, or back at the file step when it cannot be read. */
  const open = useCallback(
    (ref: FileRefView) => {
      dispatch({ type: 'opening' })
      call('import:inspect', { fileId: ref.fileId }).then(
        (workbook) => dispatch({ type: 'opened', file: ref, workbook }),
        (e: Error) => {
          toast('error', e.message)
          dispatch({ type: 'openFailed' })
        }
      )
    },
    [toast]
  )

  useEffect(() => {
    if (file) open(file)
    if (batchId)
      call('drafts:status', { batchId }).then(
        (draft) => dispatch({ type: 'reopened', mapping: draft.mapping }),
        (e: Error) => toast('error', e.message)
      )
    // Only what the wizard was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  /** Reads the whole sheet into a new draft with the mapping the analyst confirmed. */
  const openDraft = async () => {
    const sheet = selectedSheet(data)!
    const headers = sheet.headers
    const { batchId: opened } = await call('drafts:open', {
      fileId: data.file!.fileId,
      sheet: sheet.name,
      headerRow: data.headerRow,
      encoding: data.encoding,
      mapping: {
        headers,
        targets: headers.map((_, i) => data.targets[i] ?? null),
        defaults: {
          country: isCountry(data.country) ? data.country : undefined,
          type: data.type !== FROM_COLUMN ? data.type : undefined
        }
      }
    })
    dispatch({ type: 'draftOpened', batchId: opened })
  }

  const discardDraft = async () => {
    if (data.batchId) await call('drafts:discard', { batchId: data.batchId }).catch(() => undefined)
    dispatch({ type: 'draftDiscarded' })
  }

  const index = STEPS.indexOf(step.name)
  const next = async () => {
    try {
      if (step.name === 'mapping') {
        // A changed mapping means a new read of the file: the draft of the old one goes.
        await discardDraft()
        await openDraft()
      } else dispatch({ type: 'go', to: STEPS[index + 1] })
    } catch (e) {
      toast('error', (e as Error).message)
    }
  }

  const draftId = data.batchId
  const onRead = useCallback(
    (read: DraftRead) => {
      if (draftId) dispatch({ type: 'read', batchId: draftId, read })
    },
    [draftId]
  )

  const onReadFailed = useCallback((failed: string) => {
    // A read the analyst stopped: the draft goes, and the mapping step reads the file again.
    void call('drafts:discard', { batchId: failed }).catch(() => undefined)
    dispatch({ type: 'readFailed' })
  }, [])

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
              if (!window.confirm(t('wizard.confirmDiscard'))) return
              void discardDraft().then(() => navigate({ screen: 'start' }))
            }}
          >
            {t('wizard.cancel')}
          </button>
        )}
      </header>
      <Stepper current={step.name} />
      <h2 className="step-title">{t(`wizard.steps.${step.name}`)}</h2>

      {step.name === 'file' && <FileStep opening={step.opening} onOpened={open} />}
      {step.name === 'sheet' && data.workbook && <StepSheet state={data} update={update} />}
      {step.name === 'sheet' && !data.workbook && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('wizard.reading', { name: data.file?.name })}
        </p>
      )}
      {step.name === 'scope' && <StepScope state={data} update={update} />}
      {step.name === 'mapping' && <StepMapping state={data} update={update} />}
      {step.name === 'validate' && data.batchId && (
        <StepValidate
          state={data}
          read={step.read}
          onRead={onRead}
          onFailed={onReadFailed}
          onReread={() => dispatch({ type: 'rereading', batchId: data.batchId! })}
          onDiscard={() => void discardDraft().then(() => navigate({ screen: 'start' }))}
        />
      )}
      {step.name === 'options' && <StepOptions state={data} update={update} />}
      {step.name === 'confirm' && <StepConfirm state={data} />}

      <WizardNav
        step={step.name}
        canGoBack={index > 0 && !(step.name === 'validate' && !data.workbook)}
        canContinue={canContinue(wizard)}
        onBack={() => dispatch({ type: 'go', to: STEPS[Math.max(0, index - 1)] })}
        onDropAgain={() => dispatch({ type: 'go', to: 'file' })}
        onNext={() => void next()}
      />
    </section>
  )
}
