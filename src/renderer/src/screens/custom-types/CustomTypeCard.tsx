// One custom type of the account: the datasets it searches and each one's weight, to edit or delete.
import { useTranslation } from 'react-i18next'
import type { CustomTypeView } from '../../../../shared/contract'
import { formatNumber } from '../../i18n'

export function CustomTypeCard({
  custom,
  onEdit,
  onDelete
}: {
  custom: CustomTypeView
  onEdit(): void
  onDelete(): void
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
