// What a batch was estimated to cost when it started, and what it really made (priced as its estimate was),
// with the rows it answered from earlier checks.
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../../shared/batch'
import { formatNumber } from '../../i18n'
import { formatMoney } from '../wizard/CostPanel'

export function BatchCost({ batch }: { batch: BatchView }) {
  const { t } = useTranslation()
  const { estimate, cost } = batch
  if (!estimate && batch.status === 'draft') return null
  return (
    <div className="hint batch-cost" data-testid="batch-cost">
      {estimate && (
        <div>
          {estimate.total !== null && estimate.prices.length > 0
            ? t('reuse.historyCost.estimate', {
                checks: formatNumber(estimate.newChecks),
                amount: formatMoney(estimate.total, estimate.currency)
              })
            : t('reuse.historyCost.estimateNoAmount', { checks: formatNumber(estimate.newChecks) })}
        </div>
      )}
      <div>
        {cost.amount !== null && cost.currency && estimate && estimate.prices.length > 0
          ? t('reuse.historyCost.final', {
              checks: formatNumber(cost.checks),
              amount: formatMoney(cost.amount, cost.currency)
            })
          : t('reuse.historyCost.finalNoAmount', { checks: formatNumber(cost.checks) })}
        {batch.reuse.reused > 0 &&
          ` · ${t('reuse.historyCost.reused', { n: formatNumber(batch.reuse.reused) })}`}
      </div>
    </div>
  )
}
