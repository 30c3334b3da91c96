// The wizard's state and the calls that move it: reading the analyst's file, continuing a draft from an earlier
// visit, reading the sheet into a draft with the confirmed mapping, following that read, and discarding the
// draft. The state itself and its one reducer are in wizard-state.ts; the screen only shows it.
import { useCallback, useEffect, useReducer } from 'react'
import { DEFAULT_GIVE_UP_AFTER_MS, type DraftRead } from '../../../../shared/batch'
import type { FileRefView } from '../../../../shared/contract'
import type { SheetInfo } from '../../../../shared/sheets/types'
import { isCountry } from '../../../../shared/checks/inputs'
import { proposeScope, type ScopeProposal } from '../../../../shared/sheets/scope'
import { call } from '../../lib/api'
import { useAppState } from '../../state/app-state'
import { useRouter } from '../../state/router'
import { useToast } from '../../components/Toasts'
import { nothingToDecide } from './wizard-rules'
import {
  FROM_COLUMN,
  STEPS,
  initialWizard,
  selectedSheet,
  wizardReducer,
  type WizardState
} from './wizard-state'

export function useWizardDraft(opened: { file?: FileRefView; batchId?: string }) {
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
      opened
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
    const { file, batchId } = opened
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

  /** Continue: the next step, after what leaving this one asks for. */
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
        dispatch({ type: 'go', to: STEPS[STEPS.indexOf(step.name) + 1] })
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

  /**
   * A new country means a new mapping and a new read: back to the mapping, proposed again for the new country's
   * inputs (the analyst's own choices that still apply are kept).
   */
  const switchScope = (scope: ScopeProposal) => {
    update({ scope, country: scope.country, type: scope.type, customKind: undefined, scopeByAnalyst: true })
    dispatch({ type: 'go', to: 'mapping' })
  }

  return { wizard, dispatch, update, open, next, discardDraft, onRead, onReadFailed, switchScope }
}
