// Step 5: every row read and checked before anything is sent. While the file is read, how far it has got
// (it can be stopped); once read, the review. Where the read stands comes from the draft itself — its
// `drafts:status`, asked once and then followed as events — never from counting rows.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { DraftRead } from '../../../../shared/batch'
import { call, onEvent } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { formatNumber } from '../../i18n'
import { DraftReview } from './DraftReview'
import type { WizardState } from './wizard-state'

interface Props {
  state: WizardState
  read: DraftRead | undefined
  onRead(read: DraftRead): void
  /** Called when the file could not be read to the end: the wizard discards the draft and goes back. */
  onFailed(batchId: string): void
}

export function StepValidate({ state, read, onRead, onFailed }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const batchId = state.batchId!

  useEffect(() => {
    const show = (next: DraftRead) => {
      if (next.state === 'failed') {
        toast('error', next.error.message)
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
  }, [batchId, onRead, onFailed, toast])

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
    <DraftReview
      state={state}
      summary={read.summary}
      onSummary={(summary) => onRead({ state: 'ready', summary })}
    />
  )
}
