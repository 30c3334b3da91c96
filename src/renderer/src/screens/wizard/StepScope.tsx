// Step 3: the country and check type of the batch, or the columns that give them row by row.
import { useTranslation } from 'react-i18next'
import { COUNTRIES, DEFAULT_CHECK_TYPES, type Country } from '../../../../shared/checks/inputs'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { FROM_COLUMN, type StepProps } from './wizard-state'

export function StepScope({ state, update }: StepProps) {
  const { t } = useTranslation()
  const customTypes = useLoad(() => call('account:customTypes'), [])
  // A custom type serves the country it was made for; one made for ALL serves international checks only.
  const customForCountry = (customTypes.data ?? []).filter(
    (c) => state.country === FROM_COLUMN || c.country === state.country
  )
  return (
    <div className="wizard-step">
      <p className="muted">{t('wizard.scopeHint')}</p>
      <div className="form-grid">
        <label htmlFor="wizard-country">{t('wizard.country')}</label>
        <select
          id="wizard-country"
          value={state.country}
          onChange={(e) => update({ country: e.target.value as Country | typeof FROM_COLUMN })}
        >
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`countries.${c}`)}
            </option>
          ))}
          <option value={FROM_COLUMN}>{t('wizard.fromColumn')}</option>
        </select>
        <label htmlFor="wizard-type">{t('wizard.checkType')}</label>
        <select id="wizard-type" value={state.type} onChange={(e) => update({ type: e.target.value })}>
          <optgroup label={t('wizard.defaultTypesGroup')}>
            {DEFAULT_CHECK_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`checkTypes.${type}`)}
              </option>
            ))}
          </optgroup>
          {customForCountry.length > 0 && (
            <optgroup label={t('wizard.customTypesGroup')}>
              {customForCountry.map((c) => (
                <option key={`${c.country}-${c.type}`} value={c.type}>
                  {c.type}
                </option>
              ))}
            </optgroup>
          )}
          <option value={FROM_COLUMN}>{t('wizard.fromColumn')}</option>
        </select>
      </div>
    </div>
  )
}
