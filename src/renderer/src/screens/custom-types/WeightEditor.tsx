// Creating or changing a custom type: a name and a weight per dataset, which must add up to 1 (or be spread
// to do so). The sum is shown as it changes.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CustomTypeView } from '../../../../shared/contract'
import { CUSTOM_TYPE_COUNTRIES } from '../../../../shared/checks/account'
import {
  DATASET_NAMES,
  WEIGHT_SUM_TOLERANCE,
  normaliseWeights,
  weightSum,
  type DatasetName
} from '../../../../shared/checks/datasets'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { useBusyCall } from '../../lib/use-busy-call'
import { formatNumber } from '../../i18n'

export type Country = (typeof CUSTOM_TYPE_COUNTRIES)[number]
export type Draft = { type: string; mode: 'create' | 'update'; weights: Partial<Record<DatasetName, number>> }

export function WeightEditor({
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
  const [busy, run] = useBusyCall()
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

  const save = () =>
    run(async () => {
      const types = await call('account:saveCustomType', { country, type, weights, mode: draft.mode })
      toast('success', t('customTypes.saved', { type }))
      onSaved(types)
    })

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
