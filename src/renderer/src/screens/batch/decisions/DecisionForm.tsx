// What the analyst says about a person, or a selection of people: approved, rejected or follow-up, a reason from
// the decision's short list, and notes. Used by the drawer (one person) and the bulk bar (a selection).
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  DECISION_REASONS,
  DECISIONS,
  MAX_DECISION_NOTE,
  type Decision,
  type DecisionInput,
  type DecisionReason
} from '../../../../../shared/decisions'

interface Props {
  /** The decision to start from (the current one, when changing it). */
  initial?: DecisionInput
  submitLabel: string
  busy: boolean
  /** Nothing to decide on (no row picked or matching). */
  disabled?: boolean
  onSubmit(input: DecisionInput): void
  compact?: boolean
}

export function DecisionForm({ initial, submitLabel, busy, disabled, onSubmit, compact }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const [decision, setDecision] = useState<Decision | ''>(initial?.decision ?? '')
  const [reason, setReason] = useState<DecisionReason | ''>(initial?.reason ?? '')
  const [note, setNote] = useState(initial?.note ?? '')
  const reasons: readonly DecisionReason[] = decision ? DECISION_REASONS[decision] : []
  const noteMissing = reason === 'other' && note.trim() === ''
  const ready = decision !== '' && reason !== '' && !noteMissing && !busy && !disabled

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!ready) return
    onSubmit({ decision, reason, note: note.trim() })
  }

  return (
    <form className={compact ? 'decision-form compact' : 'decision-form'} onSubmit={submit}>
      <fieldset className="decision-choices">
        <legend className="visually-hidden">{t('decisions.title')}</legend>
        {DECISIONS.map((value) => (
          <label key={value} className={`chip decision-chip decision-${value}`}>
            <input
              type="radio"
              name={`${id}-decision`}
              value={value}
              checked={decision === value}
              onChange={() => {
                setDecision(value)
                setReason('')
              }}
            />
            {t(`decisions.values.${value}`)}
          </label>
        ))}
      </fieldset>
      <label className="filter">
        <span>{t('decisions.reason')}</span>
        <select
          value={reason}
          disabled={decision === ''}
          onChange={(e) => setReason(e.target.value as DecisionReason)}
          data-testid="decision-reason"
        >
          <option value="" disabled>
            —
          </option>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {t(`decisions.reasons.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter decision-note">
        <span>{t('decisions.note')}</span>
        {compact ? (
          <input
            type="text"
            value={note}
            maxLength={MAX_DECISION_NOTE}
            placeholder={t('decisions.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            data-testid="decision-note"
          />
        ) : (
          <textarea
            value={note}
            rows={2}
            maxLength={MAX_DECISION_NOTE}
            placeholder={t('decisions.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            data-testid="decision-note"
          />
        )}
      </label>
      {noteMissing && <p className="hint">{t('decisions.noteNeeded')}</p>}
      <button type="submit" className="button primary" disabled={!ready} data-testid="decision-submit">
        {busy && <span className="spinner" aria-hidden="true" />} {submitLabel}
      </button>
    </form>
  )
}

/** How a refused row reads: "{{n}} rows left as they were (the check has not finished, …)". */
export function refusalSummary(
  t: (key: string, options?: Record<string, unknown>) => string,
  refused: { why: string }[]
): string {
  const reasons = [...new Set(refused.map((r) => t(`decisions.refusals.${r.why}`)))].join('; ')
  return t('decisions.bulk.refused', { n: refused.length, why: reasons })
}
