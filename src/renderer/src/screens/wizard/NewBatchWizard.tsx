// The new-batch wizard: file → sheet and header row → country and check type → column mapping → review and
// fix → options → confirm and run. Nothing is sent to Truora before the last step.
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FileRefView } from '../../../../shared/contract'
import { isCountry } from '../../../../shared/checks/inputs'
import type { ImportSummary } from '../../../../shared/sheets/types'
import { call } from '../../lib/api'
import { useAppState } from '../../state/app-state'
import { useRouter } from '../../state/router'
import { DropZone, SampleList } from '../../components/DropZone'
import { useToast } from '../../components/Toasts'
import { StepSheet } from './StepSheet'
import { StepScope } from './StepScope'
import { StepMapping, mappingProblemsOf } from './StepMapping'
import { StepValidate } from './StepValidate'
import { StepOptions, optionsProblem } from './StepOptions'
import { StepConfirm } from './StepConfirm'
import { FROM_COLUMN, STEPS, selectedSheet, type Step, type WizardState } from './wizard-state'
import './wizard.css'

export function NewBatchWizard({ file, batchId }: { file?: FileRefView; batchId?: string }) {
  const { t } = useTranslation()
  const toast = useToast()
  const { navigate } = useRouter()
  const { settings } = useAppState()
  const [step, setStep] = useState<Step>(batchId ? 'validate' : file ? 'sheet' : 'file')
  const [summary, setSummary] = useState<ImportSummary>()
  const [opening, setOpening] = useState(Boolean(file))
  const [state, setState] = useState<WizardState>({
    file,
    batchId,
    country: settings.defaultCountry,
    type: settings.defaultCheckType,
    targets: [],
    options: {
      engine: 'direct',
      forceCreation: false,
      continuous: null,
      pdfs: false,
      concurrency: settings.concurrency
    }
  })
  const update = useCallback((patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch })), [])

  /** Reads the file's sheets; continues at the sheet step, or back at the file step when it cannot be read. */
  const open = useCallback(
    (ref: FileRefView) =>
      call('import:inspect', { fileId: ref.fileId }).then(
        (workbook) => {
          // The sheet the import itself would take (chooseDataSheet): never a hidden one on its own.
          setState((s) => ({
            ...s,
            file: ref,
            workbook,
            sheet: workbook.dataSheet ?? workbook.sheets[0]?.name,
            headerRow: undefined,
            encoding: undefined,
            encodingSamples: undefined,
            targets: [],
            batchId: undefined
          }))
          setStep('sheet')
          setOpening(false)
        },
        (e: Error) => {
          toast('error', e.message)
          setStep('file')
          setOpening(false)
        }
      ),
    [toast]
  )

  useEffect(() => {
    if (file && !state.workbook) void open(file)
    // A draft left from an earlier session continues at the review, with the mapping it was read with.
    if (batchId)
      call('drafts:status', { batchId }).then(
        (draft) =>
          setState((s) => ({
            ...s,
            draftHeaders: draft.mapping.headers,
            targets: draft.mapping.targets,
            country: draft.mapping.defaults.country ?? FROM_COLUMN,
            type: draft.mapping.defaults.type ?? FROM_COLUMN
          })),
        (e: Error) => toast('error', e.message)
      )
    // Only what the wizard was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const index = STEPS.indexOf(step)
  const sheet = selectedSheet(state)
  const canContinue = (() => {
    switch (step) {
      case 'file':
        return Boolean(state.workbook)
      case 'sheet':
        return Boolean(
          sheet &&
          sheet.rowCount > 0 &&
          sheet.headers.length > 0 &&
          (!state.workbook?.encodingNeeded || state.encoding)
        )
      case 'scope':
        return Boolean(state.country && state.type)
      case 'mapping':
        return !mappingProblemsOf(state)
      case 'validate':
        return Boolean(summary) && summary!.byStatus.ok + summary!.byStatus.warning > 0
      case 'options':
        return !optionsProblem(state.options)
      case 'confirm':
        return false
    }
  })()

  const startImport = async () => {
    const headers = sheet!.headers
    const result = await call('drafts:open', {
      fileId: state.file!.fileId,
      sheet: sheet!.name,
      headerRow: state.headerRow,
      encoding: state.encoding,
      mapping: {
        headers,
        targets: headers.map((_, i) => state.targets[i] ?? null),
        defaults: {
          country: isCountry(state.country) ? state.country : undefined,
          type: state.type !== FROM_COLUMN ? state.type : undefined
        }
      }
    })
    setSummary(undefined)
    update({ batchId: result.batchId })
  }

  const discardDraft = async () => {
    if (state.batchId) await call('drafts:discard', { batchId: state.batchId }).catch(() => undefined)
    update({ batchId: undefined })
    setSummary(undefined)
  }

  const next = async () => {
    try {
      if (step === 'mapping') {
        // A changed mapping means a new read of the file: the draft of the old one goes.
        await discardDraft()
        await startImport()
      }
      setStep(STEPS[index + 1])
    } catch (e) {
      toast('error', (e as Error).message)
    }
  }

  const back = () => setStep(STEPS[Math.max(0, index - 1)])
  const onImportFailed = useCallback((failed: string) => {
    // A draft not read to the end cannot start: it goes, and the mapping step reads the file again.
    void call('drafts:discard', { batchId: failed }).catch(() => undefined)
    setState((s) => ({ ...s, batchId: undefined }))
    setStep('mapping')
  }, [])

  return (
    <section className="screen wizard">
      <header className="screen-header">
        <div>
          <h1>{t('wizard.title')}</h1>
          {state.file && <p className="muted">{state.file.name}</p>}
        </div>
        {state.batchId && (
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
      <h2 className="step-title">{t(`wizard.steps.${step}`)}</h2>

      {step === 'file' && (
        <div className="wizard-step">
          {opening ? (
            <p className="loading" role="status">
              <span className="spinner" aria-hidden="true" /> {t('common.loading')}
            </p>
          ) : (
            <>
              <DropZone
                onOpened={(ref) => {
                  setOpening(true)
                  void open(ref)
                }}
              />
              <SampleList
                onOpened={(ref) => {
                  setOpening(true)
                  void open(ref)
                }}
              />
            </>
          )}
        </div>
      )}
      {step === 'sheet' && state.workbook && <StepSheet state={state} update={update} />}
      {step === 'sheet' && !state.workbook && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('wizard.reading', { name: state.file?.name })}
        </p>
      )}
      {step === 'scope' && <StepScope state={state} update={update} />}
      {step === 'mapping' && <StepMapping state={state} update={update} />}
      {step === 'validate' && state.batchId && (
        <StepValidate state={state} summary={summary} setSummary={setSummary} onFailed={onImportFailed} />
      )}
      {step === 'options' && <StepOptions state={state} update={update} />}
      {step === 'confirm' && <StepConfirm state={state} />}

      <footer className="wizard-nav">
        {index > 0 && step !== 'file' && !(step === 'validate' && !state.workbook) && (
          <button className="button" onClick={back}>
            {t('wizard.back')}
          </button>
        )}
        {step === 'sheet' && (
          <button className="button subtle" onClick={() => setStep('file')}>
            {t('wizard.dropAgain')}
          </button>
        )}
        {step !== 'confirm' && step !== 'file' && (
          <button className="button primary" disabled={!canContinue} onClick={() => void next()}>
            {t('wizard.next')}
          </button>
        )}
      </footer>
    </section>
  )
}
