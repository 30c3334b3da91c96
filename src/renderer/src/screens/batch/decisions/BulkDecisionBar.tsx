// A decision on many rows at once: the rows picked in the grid, or every row the filters match. Approving in
// bulk applies only to low-risk rows with a finished check; the others are left as they were and the analyst
// is told how many and why (each of them is approved from the drawer, after reading why).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DecisionInput } from '../../../../../shared/decisions'
import type { RowQuery } from '../../../../../shared/results'
import { call } from '../../../lib/api'
import { useToast } from '../../../components/Toasts'
import { useBusyCall } from '../../../lib/use-busy-call'
import { formatNumber } from '../../../i18n'
import { DecisionForm, refusalSummary } from './DecisionForm'

interface Props {
  batchId: string
  /** Keys of the rows picked in the grid. */
  picked: number[]
  /** The grid's current filters, and how many rows they match. */
  query: RowQuery
  matching: number | null
  onClear(): void
  onDecided(): void
}

export function BulkDecisionBar({ batchId, picked, query, matching, onClear, onDecided }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const [scope, setScope] = useState<'picked' | 'matching'>('picked')
  const [busy, run] = useBusyCall()
  const effective = picked.length === 0 ? 'matching' : scope
  const count = effective === 'picked' ? picked.length : (matching ?? 0)

  const apply = (input: DecisionInput) =>
    run(async () => {
      const { sort: _sort, offset: _offset, limit: _limit, ...filters } = query
      const target = effective === 'picked' ? { seqs: picked } : { matching: filters }
      const outcome = await call('decisions:decide', { batchId, target, ...input })
      toast(
        outcome.decided > 0 ? 'success' : 'info',
        t('decisions.bulk.done', { n: formatNumber(outcome.decided) })
      )
      if (outcome.refused.length > 0) toast('info', refusalSummary(t, outcome.refused))
      onClear()
      onDecided()
    })

  return (
    <section
      className="card bulk-decisions"
      aria-label={t('decisions.bulk.title')}
      data-testid="bulk-decisions"
    >
      <div className="bulk-scope" role="radiogroup" aria-label={t('decisions.bulk.title')}>
        <span className="filter-label">{t('decisions.bulk.title')}</span>
        <label className="checkbox">
          <input
            type="radio"
            name="bulk-scope"
            checked={effective === 'picked'}
            disabled={picked.length === 0}
            onChange={() => setScope('picked')}
          />
          {t('decisions.bulk.selected', { n: formatNumber(picked.length) })}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="bulk-scope"
            checked={effective === 'matching'}
            onChange={() => setScope('matching')}
            data-testid="bulk-matching"
          />
          {t('decisions.bulk.matching', { n: formatNumber(matching ?? 0) })}
        </label>
        {picked.length > 0 && (
          <button type="button" className="button subtle" onClick={onClear}>
            {t('decisions.bulk.clear')}
          </button>
        )}
      </div>
      <DecisionForm
        compact
        submitLabel={t('decisions.bulk.apply', { n: formatNumber(count) })}
        busy={busy}
        disabled={count === 0}
        onSubmit={(input) => void apply(input)}
      />
    </section>
  )
}
