// The columns of the results grid: a box to pick the row for a bulk decision, the row and the person, the
// check's status, risk and scores, the analyst's decision, one column per dataset found in the batch, and the
// analyst's own columns as written.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ResultRow } from '../../../../../shared/results'
import type { GridColumn } from '../../../components/grid/VirtualGrid'
import { formatDateTime, formatNumber } from '../../../i18n'
import { DatasetCell, StatusCell, displayCell } from './result-cells'
import { RiskBadge, formatScore, rowDocument, rowName } from '../labels'
import { rowChangeText, rowOriginText } from '../change-text'
import { DecisionBadge } from '../decisions/DecisionPanel'

/** Rows picked for a bulk decision, by their key in the batch. */
export interface RowSelection {
  has(seq: number): boolean
  toggle(row: ResultRow): void
}

export function useResultColumns(
  datasets: string[],
  cellHeaders: string[],
  showCells: boolean,
  selection: RowSelection
): GridColumn<ResultRow>[] {
  const { t } = useTranslation()
  return useMemo<GridColumn<ResultRow>[]>(() => {
    const list: GridColumn<ResultRow>[] = [
      {
        id: 'pick',
        header: <span className="visually-hidden">{t('decisions.bulk.title')}</span>,
        width: 36,
        render: (r) => (
          <input
            type="checkbox"
            className="row-pick"
            aria-label={t('decisions.bulk.select', { row: r.row })}
            checked={selection.has(r.seq)}
            disabled={r.state === 'skipped'}
            onClick={(e) => e.stopPropagation()}
            onChange={() => selection.toggle(r)}
            data-testid={`pick-${r.row}`}
          />
        )
      },
      {
        id: 'row',
        header: t('results.columns.row'),
        width: 76,
        align: 'end',
        sortKey: 'row',
        render: (r) => formatNumber(r.row, { useGrouping: false })
      },
      {
        id: 'name',
        header: t('results.columns.name'),
        width: 220,
        sortKey: 'name',
        render: (r) => rowName(r) || <span className="muted">—</span>,
        title: rowName
      },
      {
        id: 'document',
        header: t('results.columns.document'),
        width: 150,
        render: (r) => <span className="mono">{rowDocument(r)}</span>,
        title: rowDocument
      },
      {
        id: 'status',
        header: t('results.columns.status'),
        width: 140,
        sortKey: 'status',
        render: (r) => <StatusCell row={r} />,
        title: (r) => r.lastError ?? undefined
      },
      {
        id: 'risk',
        header: t('results.columns.risk'),
        width: 140,
        sortKey: 'risk',
        render: (r) => <RiskBadge risk={r.risk} />
      },
      {
        id: 'score',
        header: t('results.columns.score'),
        width: 76,
        align: 'end',
        sortKey: 'score',
        render: (r) => formatScore(r.score)
      },
      {
        id: 'change',
        header: t('reuse.results.changeColumn'),
        width: 220,
        render: (r) => {
          const text = rowChangeText(t, r.change)
          if (!text) return <span className="muted">—</span>
          const changed = r.change?.kind === 'compared' && r.change.changed
          return <span className={changed ? 'change change-yes' : 'change muted'}>{text}</span>
        },
        title: (r) => rowChangeText(t, r.change) || undefined
      },
      {
        id: 'origin',
        header: t('reuse.results.originColumn'),
        width: 200,
        render: (r) => rowOriginText(t, r.origin) || <span className="muted">—</span>,
        title: (r) => rowOriginText(t, r.origin) || undefined
      },
      {
        id: 'checkedAt',
        header: t('reuse.results.checkedColumn'),
        width: 150,
        render: (r) => (r.checkedAt ? formatDateTime(r.checkedAt) : <span className="muted">—</span>)
      },
      {
        id: 'idScore',
        header: t('results.columns.idScore'),
        width: 84,
        align: 'end',
        render: (r) => formatScore(r.idScore)
      },
      {
        id: 'nameScore',
        header: t('results.columns.nameScore'),
        width: 92,
        align: 'end',
        render: (r) => formatScore(r.nameScore)
      },
      {
        id: 'decision',
        header: t('decisions.title'),
        width: 120,
        sortKey: 'decision',
        render: (r) =>
          r.state === 'skipped' ? <span className="muted">—</span> : <DecisionBadge decision={r.decision} />,
        title: (r) => (r.decision ? t(`decisions.reasons.${r.decision.reason}`) : undefined)
      }
    ]
    for (const name of datasets)
      list.push({
        id: `ds:${name}`,
        header: t(`datasets.${name}.label`, { defaultValue: name }),
        width: 170,
        render: (r) => <DatasetCell result={r.datasets[name]} />
      })
    if (showCells)
      for (const header of cellHeaders)
        list.push({
          id: `cell:${header}`,
          header: <span className="cell-header">{header}</span>,
          width: 150,
          render: (r) => displayCell(r.cells[header]),
          title: (r) => displayCell(r.cells[header])
        })
    return list
  }, [t, datasets, cellHeaders, showCells, selection])
}
