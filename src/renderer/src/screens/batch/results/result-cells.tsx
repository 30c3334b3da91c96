// What a cell of the results grid shows where it is more than a value: where a row's check stands, what one
// dataset found, and the analyst's own cells written in the analyst's language.
import { useTranslation } from 'react-i18next'
import { classifyCheckStatus } from '../../../../../shared/checks/statuses'
import type { DatasetView, ResultRow } from '../../../../../shared/results'
import type { CellValue } from '../../../../../shared/sheets/types'
import { severityName } from '../../../../../shared/risk-text'
import { formatDate, formatNumber } from '../../../i18n'

/** A cell of the analyst's own columns as the grid shows it: dates and numbers in the analyst's language. */
export function displayCell(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return formatDate(value)
  if (typeof value === 'number') return formatNumber(value, { useGrouping: false, maximumFractionDigits: 10 })
  if (typeof value === 'boolean') return value ? '✓' : '✗'
  return value
}

/** Where the row's check stands: Truora's status while there is a check, the row's own state otherwise. */
export function StatusCell({ row: r }: { row: ResultRow }) {
  const { t } = useTranslation()
  if (r.state === 'given-up')
    return (
      <span className="status status-given-up">
        {t('results.givenUpStatus', { status: r.checkStatus ?? '—' })}
      </span>
    )
  // Its last reading ("in progress") is not where it stands: there is nothing left to wait for.
  if (r.state === 'lost') return <span className="status status-lost">{t('rowStates.lost')}</span>
  if (r.state === 'done' && r.checkStatus && classifyCheckStatus(r.checkStatus) === 'unknown-final')
    // Shown exactly as Truora wrote it: Lote does not know what it means.
    return (
      <span className="status status-unknown-final">
        {t('results.unknownStatus', { status: r.checkStatus })}
      </span>
    )
  if (r.checkStatus && (r.state === 'done' || r.state === 'running'))
    return (
      <span className={`status status-${r.checkStatus}`}>
        {t(`checkStatus.${r.checkStatus}`, { defaultValue: r.checkStatus })}
      </span>
    )
  return <span className={`status status-${r.state}`}>{t(`rowStates.${r.state}`)}</span>
}

/** What one dataset found for the row, with the severity of what it found where that is serious. */
export function DatasetCell({ result: d }: { result: DatasetView | undefined }) {
  const { t } = useTranslation()
  if (!d || !d.result) return <span className="muted">—</span>
  if (d.result !== 'found')
    return <span className="muted">{t(`results.result.${d.result}`, { defaultValue: d.result })}</span>
  const severe = d.severity !== null && d.severity !== 'none' && d.severity !== 'unknown'
  return (
    <span className={severe ? 'found found-severe' : 'found'}>
      <span aria-hidden="true">{severe ? '▲ ' : '● '}</span>
      {d.foundBy === 'name' ? t('results.foundByName') : t('results.found')}
      {severe && ` · ${severityName(t, d.severity)}`}
    </span>
  )
}
