// What the analyst narrows the results to: a search over names and documents, a row state or check status, a
// dataset with something found, a score range and risk levels; and whether their own columns show.
import { useTranslation } from 'react-i18next'
import { RISK_LEVELS, ROW_STATES, type RiskLevel } from '../../../../../shared/batch'
import { RISK_MARKS } from '../labels'
import { CHECK_STATUSES, NO_FILTERS, type Filters } from './results-query'
import { DECISION_FILTERS } from '../../../../../shared/decisions'

/** One end of the score range, 0 to 1. */
function ScoreInput(props: {
  value: string
  placeholder: string
  label: string
  onChange(value: string): void
}) {
  return (
    <input
      type="number"
      min={0}
      max={1}
      step={0.05}
      inputMode="decimal"
      value={props.value}
      placeholder={props.placeholder}
      aria-label={props.label}
      onChange={(e) => props.onChange(e.target.value)}
    />
  )
}

interface Props {
  filters: Filters
  onChange(filters: Filters): void
  datasets: string[]
  showCells: boolean
  onShowCells(show: boolean): void
}

export function ResultsFilters({ filters, onChange, datasets, showCells, onShowCells }: Props) {
  const { t } = useTranslation()
  const update = (patch: Partial<Filters>) => onChange({ ...filters, ...patch })
  const toggleRisk = (risk: RiskLevel) =>
    update({
      risks: filters.risks.includes(risk) ? filters.risks.filter((r) => r !== risk) : [...filters.risks, risk]
    })
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)
  return (
    <section className="card filters" aria-label={t('results.filters.title')}>
      <div className="filter-row">
        <label className="filter">
          <span>{t('results.filters.search')}</span>
          <input
            type="search"
            value={filters.text}
            placeholder={t('results.filters.searchPlaceholder')}
            onChange={(e) => update({ text: e.target.value })}
            data-testid="results-search"
          />
        </label>
        <label className="filter">
          <span>{t('results.filters.status')}</span>
          <select
            value={filters.status}
            onChange={(e) => update({ status: e.target.value })}
            data-testid="filter-status"
          >
            <option value="">{t('results.filters.all')}</option>
            <optgroup label={t('results.filters.rowStates')}>
              {ROW_STATES.map((s) => (
                <option key={s} value={`state:${s}`}>
                  {t(`rowStates.${s}`)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('results.filters.checkStatuses')}>
              {CHECK_STATUSES.map((s) => (
                <option key={s} value={`check:${s}`}>
                  {t(`checkStatus.${s}`)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="filter">
          <span>{t('results.filters.dataset')}</span>
          <select
            value={filters.dataset}
            onChange={(e) => update({ dataset: e.target.value })}
            data-testid="filter-dataset"
          >
            <option value="">{t('results.filters.anyDataset')}</option>
            {datasets.map((d) => (
              <option key={d} value={d}>
                {t(`datasets.${d}.label`, { defaultValue: d })}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('decisions.filter')}</span>
          <select
            value={filters.decision}
            onChange={(e) => update({ decision: e.target.value })}
            data-testid="filter-decision"
          >
            <option value="">{t('decisions.anyDecision')}</option>
            {DECISION_FILTERS.map((d) => (
              <option key={d} value={d}>
                {t(`decisions.values.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="filter score-range">
          <legend>{t('results.filters.score')}</legend>
          <ScoreInput
            value={filters.scoreMin}
            placeholder="0"
            label={t('results.filters.scoreMin')}
            onChange={(scoreMin) => update({ scoreMin })}
          />
          <span aria-hidden="true">–</span>
          <ScoreInput
            value={filters.scoreMax}
            placeholder="1"
            label={t('results.filters.scoreMax')}
            onChange={(scoreMax) => update({ scoreMax })}
          />
        </fieldset>
      </div>
      <div className="filter-row">
        <div className="risk-toggles" role="group" aria-label={t('results.filters.risk')}>
          <span className="filter-label">{t('results.filters.risk')}</span>
          {RISK_LEVELS.map((risk) => (
            <button
              key={risk}
              type="button"
              className={`chip risk-chip risk-${risk}`}
              aria-pressed={filters.risks.includes(risk)}
              onClick={() => toggleRisk(risk)}
            >
              <span aria-hidden="true" className="risk-mark">
                {RISK_MARKS[risk]}
              </span>
              {t(`risk.${risk}`)}
            </button>
          ))}
        </div>
        <div className="toolbar">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filters.changedOnly}
              onChange={(e) => update({ changedOnly: e.target.checked })}
              data-testid="filter-changed"
            />
            {t('reuse.results.changedOnly')}
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={showCells} onChange={(e) => onShowCells(e.target.checked)} />
            {t('results.showOriginal')}
          </label>
          <button className="button subtle" disabled={!filtered} onClick={() => onChange(NO_FILTERS)}>
            {t('results.filters.clear')}
          </button>
        </div>
      </div>
    </section>
  )
}
