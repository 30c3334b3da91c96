// Step 3: the country and check type of the batch, or the columns that give them row by row — proposed from
// what the sheet holds, with the reason, and the analyst's to change.
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  COUNTRIES,
  DEFAULT_CHECK_TYPES,
  isDefaultCheckType,
  type Country,
  type CustomTypeKind
} from '../../../../shared/checks/inputs'
import type { CustomTypeView } from '../../../../shared/contract'
import type { CountryReason, TypeReason } from '../../../../shared/sheets/scope'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { FROM_COLUMN, type StepProps } from './wizard-state'

function useNames() {
  const { t } = useTranslation()
  return {
    country: (c: string) => (c === FROM_COLUMN ? t('wizard.fromColumn') : t(`countries.${c}`)),
    type: (type: string) =>
      type === FROM_COLUMN
        ? t('wizard.fromColumn')
        : (DEFAULT_CHECK_TYPES as readonly string[]).includes(type)
          ? t(`checkTypes.${type}`)
          : type
  }
}

/** Why Lote proposed this country, in the analyst's words. */
export function CountryWhy({ reason, country }: { reason: CountryReason; country: string }) {
  const { t } = useTranslation()
  const names = useNames()
  const params = {
    ...reason,
    country: names.country(country),
    ...('document' in reason ? { document: reason.document.toUpperCase() } : {})
  }
  return <>{t(`wizard.scopeReason.country.${reason.code}`, params)}</>
}

function TypeWhy({ reason, type }: { reason: TypeReason; type: string }) {
  const { t } = useTranslation()
  const names = useNames()
  return <>{t(`wizard.scopeReason.type.${reason.code}`, { ...reason, type: names.type(type) })}</>
}

/** Under a choice Lote proposed: that it did (or that the analyst changed it), and why. */
function ProposedBecause({
  id,
  changedFrom,
  children
}: {
  id: string
  changedFrom: string | null
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <p className="hint scope-reason" id={id} data-testid={id}>
      {changedFrom === null
        ? t('wizard.scopeProposed')
        : t('wizard.scopeYouChanged', { proposed: changedFrom })}{' '}
      {children}
    </p>
  )
}

/** What a custom type checks in this country (null: nobody knows); undefined for Truora's own types. */
function customKindOf(
  types: readonly CustomTypeView[],
  country: string,
  type: string
): CustomTypeKind | null | undefined {
  if (type === FROM_COLUMN || isDefaultCheckType(type)) return undefined
  return types.find((c) => c.type === type && c.country === country)?.kind ?? null
}

export function StepScope({ state, update }: StepProps) {
  const { t } = useTranslation()
  const names = useNames()
  const customTypes = useLoad(() => call('account:customTypes'), [])
  // A custom type serves the country it was made for; one made for ALL serves international checks only.
  const customForCountry = (customTypes.data ?? []).filter(
    (c) => state.country === FROM_COLUMN || c.country === state.country
  )
  const proposal = state.scope
  // The mapping offers the inputs of what a custom type checks: the wizard learns it with the type.
  const kind = customTypes.data ? customKindOf(customTypes.data, state.country, state.type) : state.customKind
  useEffect(() => {
    if (kind !== state.customKind) update({ customKind: kind })
  }, [kind, state.customKind, update])
  return (
    <div className="wizard-step">
      <p className="muted">{t('wizard.scopeHint')}</p>
      <div className="form-grid">
        <label htmlFor="wizard-country">{t('wizard.country')}</label>
        <div>
          <select
            id="wizard-country"
            value={state.country}
            aria-describedby={proposal ? 'country-reason' : undefined}
            onChange={(e) =>
              update({ country: e.target.value as Country | typeof FROM_COLUMN, scopeByAnalyst: true })
            }
          >
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {t(`countries.${c}`)}
              </option>
            ))}
            <option value={FROM_COLUMN}>{t('wizard.fromColumn')}</option>
          </select>
          {proposal && (
            <ProposedBecause
              id="country-reason"
              changedFrom={proposal.country === state.country ? null : names.country(proposal.country)}
            >
              <CountryWhy reason={proposal.countryReason} country={proposal.country} />
            </ProposedBecause>
          )}
        </div>
        <label htmlFor="wizard-type">{t('wizard.checkType')}</label>
        <div>
          <select
            id="wizard-type"
            value={state.type}
            aria-describedby={proposal ? 'type-reason' : undefined}
            onChange={(e) => update({ type: e.target.value, scopeByAnalyst: true })}
          >
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
          {proposal && (
            <ProposedBecause
              id="type-reason"
              changedFrom={proposal.type === state.type ? null : names.type(proposal.type)}
            >
              <TypeWhy reason={proposal.typeReason} type={proposal.type} />
            </ProposedBecause>
          )}
        </div>
      </div>
    </div>
  )
}
