// At the confirm step: what starting the batch will do and cost — new checks by country and check type priced
// with the analyst's contract prices, rows that reuse an earlier result or share another row's check, the
// re-runs of continuous checks, and the estimated total (or which prices are missing).
import { useTranslation } from 'react-i18next'
import type { CostEstimate } from '../../../../shared/costs'
import { formatDate, formatNumber } from '../../i18n'
import { frequencyText } from '../../components/FrequencySelect'
import { useRouter } from '../../state/router'
import '../reuse.css'

/** An amount in the connection's currency, in the analyst's language. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return formatNumber(amount, { style: 'currency', currency })
  } catch {
    return `${formatNumber(amount)} ${currency}`
  }
}

export function CostPanel({ estimate }: { estimate: CostEstimate }) {
  const { t } = useTranslation()
  const { navigate } = useRouter()
  const money = (amount: number) => formatMoney(amount, estimate.currency)
  const lineName = (line: { country: string; type: string }) =>
    t('reuse.cost.line', {
      country: t(`countries.${line.country}`, { defaultValue: line.country }),
      type: t(`checkTypes.${line.type}`, { defaultValue: line.type })
    })
  const noPrices = estimate.prices.length === 0
  return (
    <section className="card cost-panel" aria-labelledby="cost-title" data-testid="cost-panel">
      <h3 id="cost-title" className="card-title">
        {t('reuse.cost.title')}
      </h3>
      {estimate.lines.length > 0 && (
        <table className="table cost-table" data-testid="cost-lines">
          <thead>
            <tr>
              <th scope="col">{t('reuse.settings.type')}</th>
              <th scope="col" className="numeric">
                {t('reuse.cost.checksColumn')}
              </th>
              <th scope="col" className="numeric">
                {t('reuse.cost.unitPrice')}
              </th>
              <th scope="col" className="numeric">
                {t('reuse.cost.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {estimate.lines.map((line) => (
              <tr key={`${line.country}/${line.type}`} data-testid="cost-line">
                <td>{lineName(line)}</td>
                <td className="numeric">{formatNumber(line.checks)}</td>
                <td className="numeric">
                  {line.unitPrice === null ? (
                    <span className="muted">{t('reuse.cost.noPrice')}</span>
                  ) : (
                    money(line.unitPrice)
                  )}
                </td>
                <td className="numeric">{line.amount === null ? '—' : money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {estimate.reusedRows > 0 && (
        <p data-testid="cost-reused">{t('reuse.cost.reused', { count: estimate.reusedRows })}</p>
      )}
      {estimate.groupedRows > 0 && (
        <p data-testid="cost-grouped">{t('reuse.cost.grouped', { count: estimate.groupedRows })}</p>
      )}
      {estimate.continuous && (
        <p data-testid="cost-continuous">
          {t('reuse.cost.continuous', {
            checks: formatNumber(estimate.continuous.checks),
            runs: formatNumber(estimate.continuous.runs),
            total: formatNumber(estimate.continuous.checks * estimate.continuous.runs),
            // Noon, so no time zone moves the day.
            endDate: formatDate(`${estimate.continuous.endDate}T12:00:00`),
            frequency: frequencyText(t, estimate.continuous.frequency)
          })}
          {estimate.continuous.amount !== null &&
            ` · ${t('reuse.cost.continuousAmount', { amount: money(estimate.continuous.amount) })}`}
        </p>
      )}
      {estimate.total !== null && !noPrices && (
        <p className="big-number" data-testid="cost-total">
          {t('reuse.cost.total')}: {money(estimate.total)}
        </p>
      )}
      {(noPrices || estimate.missingPrices.length > 0) && estimate.newChecks > 0 && (
        <p className="banner banner-info" data-testid="cost-missing">
          {noPrices
            ? t('reuse.cost.noPrices')
            : t('reuse.cost.missing', { lines: estimate.missingPrices.map(lineName).join(', ') })}{' '}
          <button className="link-button" onClick={() => navigate({ screen: 'settings' })}>
            {t('reuse.cost.toSettings')}
          </button>
        </p>
      )}
    </section>
  )
}
