// At the confirm step: exactly what starting the batch sends and what it costs — the country and check type,
// how many rows get a result and how many are not sent, new checks by country and check type priced with the
// analyst's contract prices, rows that reuse an earlier result or share another row's check, the re-runs of
// continuous checks in checks, and the estimated total (or which prices are missing).
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

/** What the batch is: its country and check type as the analyst chose them, and its rows. */
export interface SentScope {
  /** A country code, or null when each row's country comes from a column. */
  country: string | null
  /** A check type, or null when each row's type comes from a column. */
  type: string | null
  /** What a custom type checks, when the type is one. */
  customKind?: string | null
  /** Rows that will have a result (new checks, shared or reused). */
  rows: number
  /** Rows not sent: errors or excluded. */
  skipped: number
}

export function CostPanel({ estimate, scope }: { estimate: CostEstimate; scope?: SentScope }) {
  const { t } = useTranslation()
  const { navigate } = useRouter()
  const money = (amount: number) => formatMoney(amount, estimate.currency)
  const lineName = (line: { country: string; type: string }) =>
    t('reuse.cost.line', {
      country: t(`countries.${line.country}`, { defaultValue: line.country }),
      type: t(`checkTypes.${line.type}`, { defaultValue: line.type })
    })
  const noPrices = estimate.prices.length === 0
  const fromColumn = (values: string[]) =>
    values.length > 0
      ? t('wizard.sent.fromColumnWith', { values: values.join(', ') })
      : t('wizard.fromColumn')
  const lineValues = (key: 'country' | 'type', name: (value: string) => string) =>
    [...new Set(estimate.lines.map((line) => line[key]))].map(name)
  const countryName = (c: string) => t(`countries.${c}`, { defaultValue: c })
  const typeName = (type: string) => t(`checkTypes.${type}`, { defaultValue: type })
  return (
    <section className="card cost-panel" aria-labelledby="cost-title" data-testid="cost-panel">
      {scope && (
        <>
          <h3 className="card-title">{t('wizard.sent.title')}</h3>
          <dl className="sent-list" data-testid="what-is-sent">
            <dt>{t('wizard.country')}</dt>
            <dd data-testid="sent-country">
              {scope.country ? countryName(scope.country) : fromColumn(lineValues('country', countryName))}
            </dd>
            <dt>{t('wizard.checkType')}</dt>
            <dd data-testid="sent-type">
              {scope.type
                ? scope.customKind
                  ? t('wizard.sent.customType', {
                      type: scope.type,
                      kind: t(`customTypes.kinds.${scope.customKind}`, { defaultValue: scope.customKind })
                    })
                  : typeName(scope.type)
                : fromColumn(lineValues('type', typeName))}
            </dd>
            <dt>{t('wizard.sent.rows')}</dt>
            <dd data-testid="sent-rows">
              {t('reuse.confirmRows', { count: scope.rows, formattedCount: formatNumber(scope.rows) })}{' '}
              {scope.skipped > 0 &&
                t('wizard.confirmSkipped', {
                  count: scope.skipped,
                  formattedCount: formatNumber(scope.skipped)
                })}
            </dd>
            <dt>{t('wizard.sent.newChecks')}</dt>
            <dd data-testid="sent-new-checks">{formatNumber(estimate.newChecks)}</dd>
          </dl>
        </>
      )}
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
