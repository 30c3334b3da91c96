// Step 5: every row read and checked before anything is sent. While the file is read, how far it has got
// (it can be stopped); once read, the review; when the read did not reach the end (Lote was closed or killed
// while reading), a draft that cannot start, to read again or discard. Where the read stands comes from the
// draft itself — its `drafts:status`, asked once and then followed as events — never from counting rows.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DraftRead } from '../../../../shared/batch'
import { ApiError, call, onEvent } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { formatNumber } from '../../i18n'
import { DraftReview } from './DraftReview'
import { LikelyCause } from './LikelyCause'
import type { ScopeProposal } from '../../../../shared/sheets/scope'
import type { WizardState } from './wizard-state'

interface Props {
  state: WizardState
  read: DraftRead | undefined
  onRead(read: DraftRead): void
  /** Called when the analyst stopped the read of a file open in the wizard: it discards the draft and goes back. */
  onFailed(batchId: string): void
  /** The draft's file is being read again (after a read that did not reach the end). */
  onReread(): void
  /** Discards the draft and leaves the wizard. */
  onDiscard(): void
  /** The analyst took the country the sheet's values point to: the wizard goes back to the mapping with it. */
  onSwitchScope(proposal: ScopeProposal): void
}

export function StepValidate({ state, read, onRead, onFailed, onReread, onDiscard, onSwitchScope }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const batchId = state.batchId!
  const [rereading, setRereading] = useState(false)

  useEffect(() => {
    const show = (next: DraftRead) => {
      // Stopped by the analyst with the file open here: back to the mapping, which reads it again.
      if (next.state === 'failed' && next.error.code === 'cancelled' && state.workbook) {
        toast('error', new ApiError(next.error))
        onFailed(batchId)
      } else onRead(next)
    }
    const off = onEvent('drafts:status', (status) => status.batchId === batchId && show(status.read))
    // The read may have ended before this screen subscribed (small files, or a reopened draft).
    call('drafts:status', { batchId }).then(
      (draft) => show(draft.read),
      () => undefined
    )
    return off
  }, [batchId, onRead, onFailed, toast, state.workbook])

  if (read?.state === 'failed')
    return (
      <div className="wizard-step" data-testid="draft-not-read">
        <div className="banner banner-error" role="alert">
          <div>
            <h3>{t('wizard.notReadTitle')}</h3>
            <p>{t('wizard.notReadBody')}</p>
            <p className="muted">{read.error.message}</p>
          </div>
        </div>
        <div className="actions">
          <button
            className="button primary"
            disabled={rereading}
            onClick={async () => {
              setRereading(true)
              try {
                await call('drafts:reread', { batchId })
                onReread()
              } catch (e) {
                toast('error', e as Error)
              } finally {
                setRereading(false)
              }
            }}
          >
            {rereading && <span className="spinner" aria-hidden="true" />} {t('wizard.readAgain')}
          </button>
          <button
            className="button danger"
            onClick={() => {
              if (window.confirm(t('wizard.confirmDiscard'))) onDiscard()
            }}
          >
            {t('wizard.discardDraft')}
          </button>
        </div>
      </div>
    )

  if (read?.state !== 'ready')
    return (
      <div className="wizard-step" role="status" aria-live="polite">
        <p className="loading">
          <span className="spinner" aria-hidden="true" /> {t('wizard.importing')}
        </p>
        <progress
          max={1}
          value={read?.state === 'reading' ? read.fraction : 0}
          className="progress-wide"
          aria-label={t('wizard.importing')}
        />
        <p className="muted">
          {t('wizard.importProgress', { rows: formatNumber(read?.state === 'reading' ? read.rows : 0) })}
        </p>
        <button className="button" onClick={() => void call('drafts:cancel', { batchId })}>
          {t('wizard.cancelImport')}
        </button>
      </div>
    )

  return (
    <>
      <LikelyCause state={state} summary={read.summary} onSwitch={onSwitchScope} />
      <DraftReview
        state={state}
        summary={read.summary}
        onSummary={(summary) => onRead({ state: 'ready', summary })}
      />
    </>
  )
}
