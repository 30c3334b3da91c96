// Custom types: which datasets a check searches and how much each weighs. Weights must sum to 1.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CustomTypeView } from '../../../shared/contract'
import { CUSTOM_TYPE_COUNTRIES } from '../../../shared/checks/account'
import {
  DATASET_NAMES,
  DEFAULT_TYPE_DATASETS,
  WEIGHT_SUM_TOLERANCE,
  normaliseWeights,
  weightSum,
  type DatasetName
} from '../../../shared/checks/datasets'
import { call } from '../lib/api'
import { useLoad } from '../lib/use-load'
import { LoadState } from '../components/LoadState'
import { useToast } from '../components/Toasts'
import { formatNumber } from '../i18n'

type Country = (typeof CUSTOM_TYPE_COUNTRIES)[number]
type Draft = { type: string; mode: 'create' | 'update'; weights: Partial<Record<DatasetName, number>> }

function WeightEditor({
  country,
  draft,
  onCancel,
  onSaved
}: {
  country: Country
  draft: Draft
  onCancel: () => void
  onSaved: (types: CustomTypeView[]) => void
}) {
  const { t } = useTranslation()
  const toast = useToast()
  const [type, setType] = useState(draft.type)
  const [weights, setWeights] = useState(draft.weights)
  const [busy, setBusy] = useState(false)
  const sum = weightSum(weights)
  const sumOk = Object.keys(weights).length > 0 && Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE
  const sumText = formatNumber(sum, { maximumFractionDigits: 3 })

  const toggle = (name: DatasetName, on: boolean) =>
    setWeights((w) => {
      const next = { ...w }
      if (on) next[name] = 0
      else delete next[name]
      return next
    })
  const setWeight = (name: DatasetName, value: number) =>
    setWeights((w) => ({ ...w, [name]: Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0 }))

  const save = async () => {
    setBusy(true)
    try {
      const types = await call('account:saveCustomType', { country, type, weights, mode: draft.mode })
      toast('success', t('customTypes.saved', { type }))
      onSaved(types)
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="card weight-editor"
      aria-label={draft.mode === 'create' ? t('customTypes.new') : `${t('customTypes.edit')} ${type}`}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <div className="form-grid">
        <label htmlFor="custom-type-name">{t('customTypes.name')}</label>
        <div>
          <input
            id="custom-type-name"
            value={type}
            onChange={(e) => setType(e.target.value)}
            disabled={draft.mode === 'update'}
            required
          />
          <p className="hint">{t('customTypes.nameHint')}</p>
        </div>
      </div>
      <table className="weights-table">
        <tbody>
          {DATASET_NAMES.map((name) => {
            const included = weights[name] !== undefined
            const id = `weight-${name}`
            return (
              <tr key={name} className={included ? '' : 'excluded'}>
                <td>
                  <input
                    type="checkbox"
                    id={`include-${name}`}
                    checked={included}
                    onChange={(e) => toggle(name, e.target.checked)}
                    aria-label={`${t('customTypes.include')}: ${t(`datasets.${name}.label`)}`}
                  />
                </td>
                <td>
                  <label htmlFor={`include-${name}`}>
                    <strong>{t(`datasets.${name}.label`)}</strong>
                  </label>
                  <div className="hint">{t(`datasets.${name}.help`)}</div>
                </td>
                <td className="weight-cell">
                  <input
                    type="range"
                    min={0}
                    max={1}
                    step={0.01}
                    value={weights[name] ?? 0}
                    disabled={!included}
                    onChange={(e) => setWeight(name, Number(e.target.value))}
                    aria-label={`${t('customTypes.weight')}: ${t(`datasets.${name}.label`)}`}
                  />
                  <input
                    id={id}
                    type="number"
                    min={0}
                    max={1}
                    step={0.001}
                    value={weights[name] ?? 0}
                    disabled={!included}
                    onChange={(e) => setWeight(name, Number(e.target.value))}
                    aria-label={`${t('customTypes.weight')} ${t(`datasets.${name}.label`)}`}
                  />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div
        className={sumOk ? 'sum-line result-ok' : 'sum-line result-error'}
        role="status"
        data-testid="weight-sum"
      >
        <strong>{t('customTypes.sum', { sum: sumText })}</strong> —{' '}
        {sumOk ? t('customTypes.sumOk') : t('customTypes.sumBad', { sum: sumText })}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={Object.keys(weights).length === 0}
          onClick={() => setWeights(normaliseWeights(weights as Record<DatasetName, number>))}
        >
          {t('customTypes.normalise')}
        </button>
        <button className="button primary" disabled={!sumOk || !type || busy}>
          {t('customTypes.save')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('customTypes.cancel')}
        </button>
      </div>
    </form>
  )
}

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
      toast('error', (e as Error).message)
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
          <article key={custom.type} className="card" data-testid={`custom-type-${custom.type}`}>
            <header className="row-between">
              <h3>{custom.type}</h3>
              <div className="actions tight">
                <button
                  className="button"
                  onClick={() =>
                    setDraft({
                      type: custom.type,
                      mode: 'update',
                      weights: Object.fromEntries(custom.weights.map((w) => [w.dataSet, w.weight]))
                    })
                  }
                >
                  {t('customTypes.edit')}
                </button>
                <button className="button danger" onClick={() => void remove(custom.type)}>
                  {t('customTypes.delete')}
                </button>
              </div>
            </header>
            <ul className="weight-list">
              {custom.weights.map((w) => (
                <li key={w.dataSet}>
                  <span>{t(`datasets.${w.dataSet}.label`, { defaultValue: w.dataSet })}</span>
                  <span className="weight-bar" aria-hidden="true">
                    <span style={{ width: `${w.weight * 100}%` }} />
                  </span>
                  <span className="numeric">{formatNumber(w.weight, { maximumFractionDigits: 3 })}</span>
                </li>
              ))}
            </ul>
          </article>
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
