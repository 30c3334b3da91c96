// Custom types: which datasets a check searches and how much each weighs. Weights must sum to 1.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CUSTOM_TYPE_COUNTRIES } from '../../../shared/checks/account'
import { DEFAULT_TYPE_DATASETS } from '../../../shared/checks/datasets'
import { call } from '../lib/api'
import { useLoad } from '../lib/use-load'
import { LoadState } from '../components/LoadState'
import { useToast } from '../components/Toasts'
import { CustomTypeCard } from './custom-types/CustomTypeCard'
import { WeightEditor, type Country, type Draft } from './custom-types/WeightEditor'

export function CustomTypesScreen() {
  const { t } = useTranslation()
  const toast = useToast()
  const [country, setCountry] = useState<Country>('CO')
  const [draft, setDraft] = useState<Draft>()
  const types = useLoad(() => call('account:customTypes'), [])
  const forCountry = useMemo(
    () => (types.data ?? []).filter((c) => c.country === country),
    [types.data, country]
  )

  const remove = async (type: string) => {
    if (!window.confirm(t('customTypes.confirmDelete', { type, country: t(`countries.${country}`) }))) return
    try {
      types.set(await call('account:deleteCustomType', { country, type }))
      toast('success', t('customTypes.deleted', { type }))
    } catch (e) {
      toast('error', e as Error)
    }
  }

  return (
    <section className="screen">
      <header className="screen-header">
        <h1>{t('customTypes.title')}</h1>
        <div className="toolbar">
          <label htmlFor="custom-country">{t('customTypes.country')}</label>
          <select id="custom-country" value={country} onChange={(e) => setCountry(e.target.value as Country)}>
            {CUSTOM_TYPE_COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {t(`countries.${c}`)}
              </option>
            ))}
          </select>
          <button
            className="button primary"
            onClick={() => setDraft({ type: '', mode: 'create', weights: {} })}
          >
            {t('customTypes.new')}
          </button>
        </div>
      </header>
      <p className="muted">{t('customTypes.intro')}</p>
      {draft && (
        <WeightEditor
          key={`${draft.mode}-${draft.type}`}
          country={country}
          draft={draft}
          onCancel={() => setDraft(undefined)}
          onSaved={(list) => {
            types.set(list)
            setDraft(undefined)
          }}
        />
      )}
      <h2>{t('customTypes.custom')}</h2>
      <LoadState
        loading={types.loading}
        error={types.error}
        onRetry={types.reload}
        label={t('customTypes.loading')}
      />
      {types.data && forCountry.length === 0 && <p className="muted">{t('customTypes.none')}</p>}
      <div className="card-list">
        {forCountry.map((custom) => (
          <CustomTypeCard
            key={custom.type}
            custom={custom}
            onEdit={() =>
              setDraft({
                type: custom.type,
                mode: 'update',
                weights: Object.fromEntries(custom.weights.map((w) => [w.dataSet, w.weight]))
              })
            }
            onDelete={() => void remove(custom.type)}
            onKind={(kind) =>
              void call('account:setCustomTypeKind', { country, type: custom.type, kind })
                .then((list) => types.set(list))
                .catch((e: Error) => toast('error', e))
            }
          />
        ))}
      </div>
      <h2>{t('customTypes.defaults')}</h2>
      <div className="card-list">
        {(Object.keys(DEFAULT_TYPE_DATASETS) as (keyof typeof DEFAULT_TYPE_DATASETS)[]).map((type) => (
          <article key={type} className="card readonly">
            <h3>{t(`checkTypes.${type}`)}</h3>
            <p className="muted">
              {t('customTypes.datasetsOf', {
                list: DEFAULT_TYPE_DATASETS[type].map((d) => t(`datasets.${d}.label`)).join(', ')
              })}
            </p>
          </article>
        ))}
      </div>
    </section>
  )
}
