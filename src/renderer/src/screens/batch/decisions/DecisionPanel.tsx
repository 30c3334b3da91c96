// The drawer's decision on the person: the current one (who, when, why), a form to record or change it, and
// every earlier decision, which a change never erases.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DecisionInput, DecisionView } from '../../../../../shared/decisions'
import { call } from '../../../lib/api'
import { useLoad } from '../../../lib/use-load'
import { useToast } from '../../../components/Toasts'
import { useBusyCall } from '../../../lib/use-busy-call'
import { LoadState } from '../../../components/LoadState'
import { formatDateTime } from '../../../i18n'
import { DecisionForm } from './DecisionForm'

export function DecisionBadge({ decision }: { decision: DecisionView | null }) {
  const { t } = useTranslation()
  const value = decision?.decision ?? 'undecided'
  return <span className={`decision decision-${value}`}>{t(`decisions.values.${value}`)}</span>
}

function DecisionLine({ decision, current }: { decision: DecisionView; current: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="decision-line">
      <DecisionBadge decision={decision} /> <strong>{t(`decisions.reasons.${decision.reason}`)}</strong>
      {decision.note && <p className="decision-note-text">{decision.note}</p>}
      <p className="muted small">
        {t('decisions.by', {
          who: decision.decidedBy || t('decisions.byNobody'),
          when: formatDateTime(decision.decidedAt)
        })}
        {!current && decision.checkId !== null && ` · ${t('decisions.earlierCheck')}`}
      </p>
    </div>
  )
}

export function DecisionPanel({
  batchId,
  seq,
  checkId,
  reviewer,
  onDecided
}: {
  batchId: string
  seq: number
  checkId: string
  reviewer: string
  onDecided(): void
}) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, run] = useBusyCall()
  const [editing, setEditing] = useState(false)
  const state = useLoad(() => call('decisions:history', { batchId, seq }), [batchId, seq])
  const current = state.data?.current ?? null
  const earlier = (state.data?.history ?? []).filter((d) => d.id !== current?.id)

  const record = (input: DecisionInput) =>
    run(async () => {
      const outcome = await call('decisions:decide', { batchId, target: { seqs: [seq] }, ...input })
      if (outcome.refused.length > 0)
        toast('error', t('decisions.refusedOne', { why: t(`decisions.refusals.${outcome.refused[0].why}`) }))
      else {
        toast('success', t('decisions.recorded'))
        setEditing(false)
        state.reload()
        onDecided()
      }
    })

  return (
    <section className="decision-panel" aria-labelledby={`decision-${checkId}`} data-testid="decision-panel">
      <h3 id={`decision-${checkId}`} className="drawer-section">
        {t('decisions.title')}
      </h3>
      {!state.data && <LoadState loading={state.loading} error={state.error} onRetry={state.reload} />}
      {state.data && (
        <>
          {current ? (
            <div data-testid="decision-current">
              <DecisionLine decision={current} current />
            </div>
          ) : (
            <p className="muted" data-testid="decision-current">
              {t('decisions.undecided')}
            </p>
          )}
          {current && !editing ? (
            <button className="button" onClick={() => setEditing(true)}>
              {t('decisions.change')}
            </button>
          ) : (
            <DecisionForm
              key={current?.id ?? 'new'}
              initial={
                current
                  ? { decision: current.decision, reason: current.reason, note: current.note }
                  : undefined
              }
              submitLabel={t('decisions.record')}
              busy={busy}
              onSubmit={(input) => void record(input)}
            />
          )}
          {reviewer && <p className="hint">{t('decisions.as', { name: reviewer })}</p>}
          {earlier.length > 0 && (
            <details className="decision-history" open data-testid="decision-history">
              <summary>{t('decisions.history')}</summary>
              {earlier.map((d) => (
                <DecisionLine key={d.id} decision={d} current={false} />
              ))}
            </details>
          )}
        </>
      )}
    </section>
  )
}
