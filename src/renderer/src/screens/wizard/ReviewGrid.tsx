// The rows of a draft batch, with their problems cell by cell. Only the visible rows are in the page; pages
// are fetched as the analyst scrolls. A click on a cell edits it in place; the row is re-checked at once.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportedRow, RowIssue } from '../../../../shared/sheets/types'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { cellText } from '../../../../shared/sheets/cells'

export type ReviewFilter = 'all' | 'problems' | 'errors' | 'excluded'

interface PageCache {
  key: string
  total: number | null
  pages: Map<number, ImportedRow[]>
}

const ROW_HEIGHT = 36
const PAGE = 100
const VIEW_HEIGHT = 460

interface Props {
  batchId: string
  filter: ReviewFilter
  /** Column headers shown, mapped ones first. */
  columns: string[]
  /** Bumped by the parent when rows changed elsewhere (bulk exclude). */
  version: number
  onChanged: (summaryChanged: Awaited<ReturnType<typeof call<'drafts:editCell'>>>) => void
}

function issueTitle(t: (key: string, o?: Record<string, unknown>) => string, issue: RowIssue): string {
  const title = t(`issueTitles.${issue.code}`, { defaultValue: issue.code })
  const fix = t(`issueFixes.${issue.code}`, { defaultValue: issue.fix })
  return `${title}${issue.value ? `: “${issue.value}”` : ''}. ${fix}`
}

export function ReviewGrid({ batchId, filter, columns, version, onChanged }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const [scrollTop, setScrollTop] = useState(0)
  const [editing, setEditing] = useState<{ row: number; column: string; value: string }>()
  const key = `${batchId}|${filter}|${version}`
  const [cache, setCache] = useState<PageCache>({ key: '', total: null, pages: new Map() })
  const requested = useRef<{ key: string; pages: Set<number> }>({ key: '', pages: new Set() })

  const first = Math.floor(scrollTop / ROW_HEIGHT)
  const visible = Math.ceil(VIEW_HEIGHT / ROW_HEIGHT) + 1
  const fromPage = Math.floor(Math.max(0, first - 10) / PAGE)
  const toPage = Math.floor((first + visible + 10) / PAGE)

  useEffect(() => {
    if (requested.current.key !== key) requested.current = { key, pages: new Set() }
    for (let page = fromPage; page <= toPage; page++) {
      if (requested.current.pages.has(page)) continue
      requested.current.pages.add(page)
      call('drafts:rows', { batchId, filter, offset: page * PAGE, limit: PAGE }).then(
        (result) =>
          setCache((previous) => {
            const pages = new Map(previous.key === key ? previous.pages : [])
            pages.set(page, result.rows)
            return { key, total: result.total, pages }
          }),
        (e: Error) => {
          requested.current.pages.delete(page)
          toast('error', e.message)
        }
      )
    }
  }, [key, fromPage, toPage, batchId, filter, toast])

  const current = cache.key === key ? cache : null
  const total = current?.total ?? 0
  const rowAt = (index: number): ImportedRow | undefined =>
    current?.pages.get(Math.floor(index / PAGE))?.[index % PAGE]

  const replaceRows = (changed: ImportedRow[]) =>
    setCache((previous) => {
      const byRow = new Map(changed.map((row) => [row.row, row]))
      const pages = new Map<number, ImportedRow[]>()
      for (const [page, rows] of previous.pages)
        pages.set(
          page,
          rows.map((r) => byRow.get(r.row) ?? r)
        )
      return { ...previous, pages }
    })

  const save = async () => {
    if (!editing) return
    const edit = editing
    setEditing(undefined)
    try {
      const result = await call('drafts:editCell', {
        batchId,
        row: edit.row,
        column: edit.column,
        value: edit.value
      })
      replaceRows(result.rows)
      onChanged(result)
    } catch (e) {
      toast('error', (e as Error).message)
    }
  }

  const toggleExcluded = async (row: ImportedRow) => {
    try {
      const result = await call('drafts:setExcluded', {
        batchId,
        rows: [row.row],
        excluded: row.status !== 'excluded'
      })
      replaceRows(result.rows)
      onChanged(result)
    } catch (e) {
      toast('error', (e as Error).message)
    }
  }

  const onEditorKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void save()
    if (event.key === 'Escape') setEditing(undefined)
  }

  const rows: { index: number; row: ImportedRow | undefined }[] = []
  for (let index = first; index < Math.min(total, first + visible); index++)
    rows.push({ index, row: rowAt(index) })
  const template = `72px 110px repeat(${columns.length}, minmax(140px, 1fr)) 96px`

  return (
    <div
      className="review-grid"
      role="grid"
      aria-rowcount={total + 1}
      aria-label={t('wizard.validTitle')}
      data-testid="review-grid"
    >
      <div className="review-head" role="row" style={{ gridTemplateColumns: template }}>
        <div role="columnheader">{t('wizard.row')}</div>
        <div role="columnheader">{t('wizard.status')}</div>
        {columns.map((c) => (
          <div role="columnheader" key={c}>
            {c}
          </div>
        ))}
        <div role="columnheader" />
      </div>
      <div
        className="review-body"
        style={{ height: VIEW_HEIGHT }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        {current?.total === 0 && <p className="muted empty">{t('wizard.noRows')}</p>}
        <div style={{ height: total * ROW_HEIGHT, position: 'relative' }}>
          {rows.map(({ index, row }) => (
            <div
              key={index}
              role="row"
              aria-rowindex={index + 2}
              className={`review-row status-${row?.status ?? 'loading'}`}
              style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: template }}
              data-row={row?.row}
            >
              {!row ? (
                <div role="gridcell" className="muted">
                  …
                </div>
              ) : (
                <>
                  <div role="gridcell" className="numeric">
                    {row.row}
                  </div>
                  <div role="gridcell">
                    <span className={`tag status-tag status-${row.status}`}>
                      {t(`wizard.rowStatus.${row.status}`)}
                    </span>
                  </div>
                  {columns.map((column) => {
                    const issues = row.issues.filter((i) => i.column === column)
                    const level = issues.some((i) => i.level === 'error')
                      ? 'error'
                      : issues.some((i) => i.level === 'warning')
                        ? 'warning'
                        : issues.length
                          ? 'info'
                          : ''
                    const isEditing = editing?.row === row.row && editing.column === column
                    const text = cellText(row.cells[column] ?? null)
                    return (
                      <div
                        role="gridcell"
                        key={column}
                        className={`review-cell ${level ? `cell-${level}` : ''}`}
                        title={issues.map((i) => issueTitle(t, i)).join('\n') || undefined}
                        aria-invalid={level === 'error' || undefined}
                      >
                        {isEditing ? (
                          <input
                            autoFocus
                            aria-label={`${column}, ${t('wizard.row')} ${row.row}`}
                            value={editing.value}
                            onChange={(e) => setEditing({ ...editing, value: e.target.value })}
                            onKeyDown={onEditorKey}
                            onBlur={() => void save()}
                          />
                        ) : (
                          <button
                            className="cell-button"
                            disabled={row.status === 'excluded'}
                            onClick={() => setEditing({ row: row.row, column, value: text })}
                            aria-label={`${column}, ${t('wizard.row')} ${row.row}: ${text || '—'}${issues.length ? `. ${issues.map((i) => issueTitle(t, i)).join(' ')}` : ''}`}
                          >
                            {level && (
                              <span className="cell-marker" aria-hidden="true">
                                {level === 'error' ? '×' : level === 'warning' ? '!' : 'i'}
                              </span>
                            )}
                            {text || <span className="muted">—</span>}
                          </button>
                        )}
                      </div>
                    )
                  })}
                  <div role="gridcell">
                    <button className="button subtle small" onClick={() => void toggleExcluded(row)}>
                      {row.status === 'excluded' ? t('wizard.include') : t('wizard.exclude')}
                    </button>
                  </div>
                </>
              )}
            </div>
          ))}
        </div>
      </div>
      {rows.some(({ row }) => row && row.issues.some((i) => !i.column && i.code !== 'row-excluded')) && (
        <ul className="row-issues">
          {rows
            .flatMap(({ row }) =>
              row ? row.issues.filter((i) => !i.column && i.code !== 'row-excluded') : []
            )
            .slice(0, 5)
            .map((issue, i) => (
              <li key={i} className={`cell-${issue.level}`}>
                {t('wizard.row')} {issue.row}: {issueTitle(t, issue)}
              </li>
            ))}
        </ul>
      )}
    </div>
  )
}
