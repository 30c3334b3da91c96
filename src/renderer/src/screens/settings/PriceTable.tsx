// The analyst's contract prices on the Settings screen: one row per check type and country, edited in place.
import { useTranslation } from 'react-i18next'
import { COUNTRIES, type Country } from '../../../../shared/checks/inputs'

/** A price as typed: the amount stays text until it is saved, so a half-typed "12," is not lost. */
export interface PriceDraft {
  key: number
  country: Country
  type: string
  amount: string
}

export function PriceTable({
  prices,
  onChange,
  onRemove
}: {
  prices: PriceDraft[]
  onChange: (key: number, patch: Partial<PriceDraft>) => void
  onRemove: (key: number) => void
}) {
  const { t } = useTranslation()
  return (
    <table className="table compact" data-testid="price-table">
      <thead>
        <tr>
          <th scope="col">{t('reuse.settings.country')}</th>
          <th scope="col">{t('reuse.settings.type')}</th>
          <th scope="col" className="numeric">
            {t('reuse.settings.amount')}
          </th>
          <th scope="col">
            <span className="visually-hidden">{t('reuse.settings.remove')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {prices.map((p, index) => (
          <tr key={p.key} data-testid="price-row">
            <td>
              <select
                aria-label={`${t('reuse.settings.country')} ${index + 1}`}
                value={p.country}
                onChange={(e) => onChange(p.key, { country: e.target.value as Country })}
              >
                {COUNTRIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`countries.${c}`)}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <input
                aria-label={`${t('reuse.settings.type')} ${index + 1}`}
                list="check-types"
                value={p.type}
                onChange={(e) => onChange(p.key, { type: e.target.value })}
              />
            </td>
            <td className="numeric">
              <input
                aria-label={`${t('reuse.settings.amount')} ${index + 1}`}
                type="text"
                inputMode="decimal"
                value={p.amount}
                onChange={(e) => onChange(p.key, { amount: e.target.value })}
              />
            </td>
            <td>
              <button className="button subtle" onClick={() => onRemove(p.key)}>
                {t('reuse.settings.remove')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
