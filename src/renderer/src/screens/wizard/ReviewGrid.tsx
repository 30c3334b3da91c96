// The rows of a draft batch, with their problems cell by cell, in the same virtualised grid as the results:
// only the rows on screen are in the page, fetched a page at a time as the analyst scrolls. A click on a cell
// edits it in place; the row is re-checked at once. A row can be excluded (or included again) from its end.
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportedRow, RowIssue } from '../../../../shared/sheets/types'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { VirtualGrid, type GridColumn } from '../../components/grid/VirtualGrid'
import { usePagedRows } from '../../components/grid/use-paged-rows'
import { EditableCell, issueTitle, type CellEdit } from './EditableCell'

export type ReviewFilter = 'all' | 'problems' | 'errors' | 'excluded'

export type RowEditResult = Awaited<ReturnType<typeof call<'drafts:editCell'>>>

const PAGE = 100

interface Props {
  batchId: string
  filter: ReviewFilter
  /** Column headers shown, mapped ones first. */
  columns: string[]
  /** Bumped by the parent when rows changed elsewhere (bulk exclude). */
  version: number
  onChanged: (result: RowEditResult) => void
}

/** Problems of a row that belong to no one cell (a duplicate, a missing input…). */
function rowIssues(row: ImportedRow): RowIssue[] {
  return row.issues.filter((i) => !i.column && i.code !== 'row-excluded')
}

export function ReviewGrid({ batchId, filter, columns, version, onChanged }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const [editing, setEditing] = useState<CellEdit>()
  const [range, setRange] = useState({ start: 0, end: 0 })
  const key = `${batchId}|${filter}|${version}`
  const fetchPage = useCallback(
    (offset: number, limit: number) => call('drafts:rows', { batchId, filter, offset, limit }),
    [batchId, filter]
  )
  const rows = usePagedRows<ImportedRow>(fetchPage, key, PAGE)
  const { showRange, replace } = rows

  const applied = useCallback(
    (result: RowEditResult) => {
      const byRow = new Map(result.rows.map((row) => [row.row, row]))
      replace((row) => byRow.get(row.row) ?? row)
      onChanged(result)
    },
    [replace, onChanged]
  )

  const save = useCallback(async () => {
    if (!editing) return
    const edit = editing
    setEditing(undefined)
    try {
      applied(await call('drafts:editCell', { batchId, ...edit }))
    } catch (e) {
      toast('error', e as Error)
    }
  }, [editing, applied, batchId, toast])

  const toggleExcluded = useCallback(
    async (row: ImportedRow) => {
      try {
        applied(
          await call('drafts:setExcluded', { batchId, rows: [row.row], excluded: row.status !== 'excluded' })
        )
      } catch (e) {
        toast('error', e as Error)
      }
    },
    [applied, batchId, toast]
  )

  const gridColumns = useMemo<GridColumn<ImportedRow>[]>(
    () => [
      { id: 'row', header: t('wizard.row'), width: 72, align: 'end', render: (row) => row.row },
      {
        id: 'status',
        header: t('wizard.status'),
        width: 110,
        render: (row) => (
          <span className={`tag status-tag status-${row.status}`}>{t(`wizard.rowStatus.${row.status}`)}</span>
        )
      },
      ...columns.map((column): GridColumn<ImportedRow> => ({
        id: `cell:${column}`,
        header: column,
        width: 160,
        render: (row) => (
          <EditableCell
            row={row}
            column={column}
            editing={editing?.row === row.row && editing.column === column ? editing : undefined}
            onEdit={setEditing}
            onSave={() => void save()}
          />
        )
      })),
      {
        id: 'exclude',
        header: <span className="visually-hidden">{t('wizard.exclude')}</span>,
        width: 110,
        render: (row) => (
          <button className="button subtle small" onClick={() => void toggleExcluded(row)}>
            {row.status === 'excluded' ? t('wizard.include') : t('wizard.exclude')}
          </button>
        )
      }
    ],
    [t, columns, editing, save, toggleExcluded]
  )

  const onRangeChange = useCallback(
    (start: number, end: number) => {
      showRange(start, end)
      setRange((previous) => (previous.start === start && previous.end === end ? previous : { start, end }))
    },
    [showRange]
  )

  const onScreen: ImportedRow[] = []
  for (let index = range.start; index < range.end; index++) {
    const row = rows.row(index)
    if (row) onScreen.push(row)
  }
  const issues = onScreen.flatMap(rowIssues).slice(0, 5)

  return (
    <div className="review" data-testid="review-grid">
      <VirtualGrid<ImportedRow>
        label={t('wizard.validTitle')}
        columns={gridColumns}
        rowCount={rows.total ?? 0}
        row={rows.row}
        onRangeChange={onRangeChange}
        rowClass={(row) => `status-${row.status}`}
        resetKey={key}
        loadingText={t('common.loading')}
        className="review-vgrid"
      />
      {rows.total === 0 && <p className="muted empty-grid">{t('wizard.noRows')}</p>}
      {rows.error && (
        <p className="banner banner-error" role="alert">
          {rows.error}
        </p>
      )}
      {issues.length > 0 && (
        <ul className="row-issues">
          {issues.map((issue, i) => (
            <li key={i} className={`cell-${issue.level}`}>
              {t('wizard.row')} {issue.row}: {issueTitle(t, issue)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
