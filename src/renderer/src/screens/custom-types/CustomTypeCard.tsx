// One custom type of the account: the datasets it searches and each one's weight, to edit or delete.
import { useTranslation } from 'react-i18next'
import type { CustomTypeView } from '../../../../shared/contract'
import { formatNumber } from '../../i18n'
import { CUSTOM_TYPE_KINDS, type CustomTypeKind } from '../../../../shared/checks/inputs'

/**
 * What a custom type checks, which decides how its rows are validated: derived from its datasets when they
 * make it clear, stated by the analyst otherwise (or to correct Lote).
 */
function KindChoice({
  custom,
  onChange
}: {
  custom: CustomTypeView
  onChange: (kind: CustomTypeKind | null) => void
}) {
  const { t } = useTranslation()
  const id = `kind-${custom.country}-${custom.type}`
  return (
    <div className="form-grid">
      <label htmlFor={id}>{t('customTypes.kind')}</label>
      <div>
        <select
          id={id}
          data-testid="custom-type-kind"
          value={custom.kindSource === 'analyst' ? (custom.kind ?? '') : ''}
          onChange={(e) => onChange(e.target.value ? (e.target.value as CustomTypeKind) : null)}
        >
          <option value="">
            {custom.kindSource === 'datasets'
              ? t('customTypes.kindFromDatasets', { kind: t(`customTypes.kinds.${custom.kind}`) })
              : custom.kindSource === 'analyst'
                ? t('customTypes.kindNotStated')
                : t('customTypes.kindUnknown')}
          </option>
          {CUSTOM_TYPE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`customTypes.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <p className="hint">{custom.kind ? t('customTypes.kindHelp') : t('customTypes.kindUnknownHelp')}</p>
      </div>
    </div>
  )
}

export function CustomTypeCard({
  custom,
  onEdit,
  onDelete,
  onKind
}: {
  custom: CustomTypeView
  onEdit(): void
  onDelete(): void
  onKind(kind: CustomTypeKind | null): void
}) {
  const { t } = useTranslation()
  return (
    <article className="card" data-testid={`custom-type-${custom.type}`}>
      <header className="row-between">
        <h3>{custom.type}</h3>
        <div className="actions tight">
          <button className="button" onClick={onEdit}>
            {t('customTypes.edit')}
          </button>
          <button className="button danger" onClick={onDelete}>
            {t('customTypes.delete')}
          </button>
        </div>
      </header>
      <KindChoice custom={custom} onChange={onKind} />
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
  )
}
