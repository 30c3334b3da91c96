// Settings: per connection, how many days a check may be reused instead of paying again, and the prices of the
// analyst's contract per check type and country (Truora prices by quote), in that connection's currency.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_CHECK_TYPES, type Country } from '../../../../shared/checks/inputs'
import { COMMON_CURRENCIES } from '../../../../shared/costs'
import { call } from '../../lib/api'
import { useAppState } from '../../state/app-state'
import { useToast } from '../../components/Toasts'
import { Field } from '../../components/Field'
import { PriceTable, type PriceDraft } from './PriceTable'
import '../reuse.css'

let nextKey = 0

export function CostSettings() {
  const { t } = useTranslation()
  const toast = useToast()
  const { profiles, activeProfile, settings } = useAppState()
  const [profileId, setProfileId] = useState(activeProfile?.id ?? profiles[0]?.id ?? 'sandbox')
  const [reuseDays, setReuseDays] = useState('')
  const [currency, setCurrency] = useState('')
  const [prices, setPrices] = useState<PriceDraft[]>([])
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let live = true
    call('costs:get', { profileId }).then(
      (preferences) => {
        if (!live) return
        setReuseDays(String(preferences.reuseDays))
        setCurrency(preferences.currency)
        setPrices(
          preferences.prices.map((p) => ({
            key: nextKey++,
            country: p.country as Country,
            type: p.type,
            amount: String(p.amount)
          }))
        )
      },
      (e: Error) => live && toast('error', e.message)
    )
    return () => {
      live = false
    }
  }, [profileId, toast])

  const change = (key: number, patch: Partial<PriceDraft>) =>
    setPrices((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)))

  const save = async () => {
    setSaving(true)
    try {
      await call('costs:update', {
        profileId,
        reuseDays: Number(reuseDays),
        currency,
        prices: prices.map((p) => ({
          country: p.country,
          type: p.type.trim(),
          amount: Number(p.amount.replace(',', '.'))
        }))
      })
      toast('success', t('reuse.settings.saved'))
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <section className="card cost-settings" aria-labelledby="cost-settings-title" data-testid="cost-settings">
      <h2 id="cost-settings-title" className="card-title">
        {t('reuse.settings.title')}
      </h2>
      <p className="muted">{t('reuse.settings.intro')}</p>
      <div className="form-grid">
        <label htmlFor="cost-profile">{t('reuse.settings.connection')}</label>
        <select id="cost-profile" value={profileId} onChange={(e) => setProfileId(e.target.value)}>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <Field
          id="reuse-days"
          label={t('reuse.settings.reuseDays')}
          type="number"
          min={0}
          max={3650}
          value={reuseDays}
          onChange={(e) => setReuseDays(e.target.value)}
        />
        <label htmlFor="currency">{t('reuse.settings.currency')}</label>
        <input
          id="currency"
          list="currencies"
          maxLength={3}
          value={currency}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
        />
        <datalist id="currencies">
          {COMMON_CURRENCIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      <h3>{t('reuse.settings.prices')}</h3>
      {prices.length === 0 && <p className="muted">{t('reuse.settings.empty')}</p>}
      {prices.length > 0 && (
        <PriceTable
          prices={prices}
          onChange={change}
          onRemove={(key) => setPrices((list) => list.filter((p) => p.key !== key))}
        />
      )}
      <datalist id="check-types">
        {DEFAULT_CHECK_TYPES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className="actions">
        <button
          className="button"
          onClick={() =>
            setPrices((list) => [
              ...list,
              {
                key: nextKey++,
                country: settings.defaultCountry,
                type: settings.defaultCheckType,
                amount: ''
              }
            ])
          }
        >
          {t('reuse.settings.add')}
        </button>
        <button className="button primary" disabled={saving} onClick={() => void save()}>
          {saving && <span className="spinner" aria-hidden="true" />} {t('reuse.settings.save')}
        </button>
      </div>
    </section>
  )
}
