// The new-batch wizard: file → sheet and header row → country and check type → column mapping → review and
// fix → options → confirm and run. Nothing is sent to Truora before the last step. Where the wizard is and
// what it knows is one typed state (wizard-state.ts) moved by one reducer.
import { useCallback, useEffect, useReducer, useRef } from 'react'
import { DEFAULT_GIVE_UP_AFTER_MS } from '../../../../shared/batch'
import { useTranslation } from 'react-i18next'
import type { DraftRead } from '../../../../shared/batch'
import type { FileRefView } from '../../../../shared/contract'
import type { SheetInfo } from '../../../../shared/sheets/types'
import { isCountry } from '../../../../shared/checks/inputs'
import { proposeScope } from '../../../../shared/sheets/scope'
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
import { SheetPassed } from './SheetPassed'
import {
  FROM_COLUMN,
  STEPS,
  initialWizard,
  nothingToDecide,
  selectedSheet,
  wizardReducer,
  type Wizard,
  type WizardState
} from './wizard-state'
import './wizard.css'

/**
 * Why Continue cannot be pressed on this step, as the code of a sentence shown next to it
 * (`wizard.continueBlocked.<code>`); null when it can.
 */
function continueBlocker({ step, data }: Wizard): string | null {
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

export function NewBatchWizard({ file, batchId }: { file?: FileRefView; batchId?: string }) {
  const { t } = useTranslation()
  const toast = useToast()
  const { navigate, route, moves } = useRouter()
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

  /** The country and type a sheet's evidence points to, each with why; the analyst can change them. */
  const propose = useCallback(
    (sheet: SheetInfo, file: FileRefView | undefined) =>
      proposeScope({
        headers: sheet.headers,
        rows: sheet.preview,
        sample: file?.sample,
        fallback: { country: settings.defaultCountry, type: settings.defaultCheckType }
      }),
    [settings.defaultCountry, settings.defaultCheckType]
  )

  /**
   * Reads the file's sheets; continues at the sheet step — or past it, confirmed in passing, when it has nothing
   * to decide — or back at the file step when the file cannot be read.
   */
  const open = useCallback(
    (ref: FileRefView) => {
      dispatch({ type: 'opening' })
      call('import:inspect', { fileId: ref.fileId }).then(
        (workbook) => {
          const sheet = workbook.sheets.find((s) => s.name === workbook.dataSheet)
          const passSheet = sheet && nothingToDecide(workbook) ? propose(sheet, ref) : undefined
          dispatch({ type: 'opened', file: ref, workbook, passSheet })
        },
        (e: Error) => {
          toast('error', e)
          dispatch({ type: 'openFailed' })
        }
      )
    },
    [toast, propose]
  )

  useEffect(() => {
    if (file) open(file)
    if (batchId)
      // A draft continues at its review; one that has started meanwhile (Back from its monitor, an old link)
      // is shown where it is, its monitor. A re-check draft asks for new checks: its options start that way.
      call('batches:get', { batchId }).then(
        (batch) => {
          if (batch.status !== 'draft') {
            navigate({ screen: 'batch', batchId, view: 'monitor' }, { replace: true })
            return
          }
          call('drafts:status', { batchId }).then(
            (draft) => dispatch({ type: 'reopened', mapping: draft.mapping }),
            (e: Error) => toast('error', e)
          )
          if (batch.options.recheckOf)
            dispatch({
              type: 'update',
              patch: { options: { ...wizard.data.options, forceCreation: true } }
            })
        },
        (e: Error) => {
          toast('error', e)
          navigate({ screen: 'wizard' }, { replace: true })
        }
      )
    // Only what the wizard was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Each step starts at its heading: a screen reader says where the analyst is, and Tab goes on from there.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
  }, [step.name])

  // The step lives in the address: each step the wizard moves to is an entry of the browser's history, and
  // Back or Forward move the wizard to a step it has already reached.
  const furthest = useRef(STEPS.indexOf(wizard.step.name))
  const placed = useRef(false)
  const routeStep = route.screen === 'wizard' ? route.step : undefined
  const fresh = route.screen === 'wizard' ? route.fresh : undefined
  useEffect(() => {
    furthest.current = Math.max(furthest.current, STEPS.indexOf(step.name))
    // Opening a file passes through the file step for a moment: not a place in the history.
    if (routeStep === step.name || (step.name === 'file' && step.opening)) return
    navigate(
      { screen: 'wizard', batchId: data.batchId, step: step.name, fresh },
      // The first place of a wizard replaces the address that opened it.
      { replace: !placed.current }
    )
    placed.current = true
    // Only when the wizard moves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step.name, data.batchId])
  useEffect(() => {
    const wanted = routeStep ?? 'file'
    if (moves === 0 || wanted === step.name) return
    if (STEPS.indexOf(wanted) <= furthest.current) dispatch({ type: 'go', to: wanted })
    else navigate({ screen: 'wizard', batchId: data.batchId, step: step.name, fresh }, { replace: true })
    // Only on Back and Forward.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [moves])

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

  /**
   * The draft goes. `keepFile`: the file is read again with another mapping, so an upload's copy stays;
   * otherwise the analyst discards the draft and the copy goes with it.
   */
  const discardDraft = async (keepFile = false) => {
    if (data.batchId) await call('drafts:discard', { batchId: data.batchId, keepFile }).catch(() => undefined)
    dispatch({ type: 'draftDiscarded' })
  }

  const index = STEPS.indexOf(step.name)
  const next = async () => {
    try {
      if (step.name === 'mapping') {
        // A changed mapping means a new read of the file: the draft of the old one goes.
        await discardDraft(true)
        await openDraft()
      } else {
        if (step.name === 'sheet') {
          // Confirmed by the analyst now, not in passing; the country and type are proposed from this sheet.
          update({ sheetPassed: false })
          if (!data.scopeByAnalyst) {
            const scope = propose(selectedSheet(data)!, data.file)
            update({ scope, country: scope.country, type: scope.type })
          }
        }
        dispatch({ type: 'go', to: STEPS[index + 1] })
      }
    } catch (e) {
      toast('error', e as Error)
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
    void call('drafts:discard', { batchId: failed, keepFile: true }).catch(() => undefined)
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
      <h2 className="step-title" tabIndex={-1} ref={heading}>
        {t(`wizard.steps.${step.name}`)}
      </h2>

      {step.name === 'file' && <FileStep opening={step.opening} onOpened={open} />}
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
          onRead={onRead}
          onFailed={onReadFailed}
          onReread={() => dispatch({ type: 'rereading', batchId: data.batchId! })}
          onDiscard={() => void discardDraft().then(() => navigate({ screen: 'start' }))}
          onSwitchScope={(scope) => {
            // A new country means a new mapping and a new read: back to the mapping, proposed again for the
            // new country's inputs (the analyst's own choices that still apply are kept).
            update({
              scope,
              country: scope.country,
              type: scope.type,
              customKind: undefined,
              scopeByAnalyst: true
            })
            dispatch({ type: 'go', to: 'mapping' })
          }}
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
        onNext={() => void next()}
      />
    </section>
  )
}
