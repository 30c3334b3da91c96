// The results of a batch: filters, charts, the virtualized grid joined to the analyst's own columns, exports,
// and the detail drawer of a check. Rows come from the local store a page at a time, so 100,000 rows scroll
// as smoothly as 100.
import { classifyCheckStatus } from '../../../../shared/checks/statuses'
import { BatchNotices } from './BatchNotices'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  RISK_LEVELS,
  ROW_STATES,
  type BatchView,
  type RiskLevel,
  type RowState
} from '../../../../shared/batch'
import type { ResultRow, RowQuery } from '../../../../shared/results'
import type { CellValue } from '../../../../shared/sheets/types'
import { call, saveDownload } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { useToast } from '../../components/Toasts'
import { VirtualGrid, type GridColumn, type GridSort } from '../../components/grid/VirtualGrid'
import { usePagedRows } from '../../components/grid/use-paged-rows'
import { Histogram } from '../../components/charts/Histogram'
import { BreakdownChart } from '../../components/charts/BreakdownChart'
import { formatDate, formatNumber } from '../../i18n'
import { RISK_MARKS, RiskBadge, formatScore, rowDocument, rowName } from './labels'
import { CheckDrawer } from './CheckDrawer'

const CHECK_STATUSES = ['completed', 'error', 'delayed', 'in_progress', 'not_started'] as const
const EXPORTS = ['xlsx', 'csv', 'pdf', 'pdfs'] as const
type ExportFormat = (typeof EXPORTS)[number]

interface Filters {
  /** "state:done", "check:completed" or "" for all. */
  status: string
  risks: RiskLevel[]
  scoreMin: string
  scoreMax: string
  dataset: string
  text: string
}

const NO_FILTERS: Filters = { status: '', risks: [], scoreMin: '', scoreMax: '', dataset: '', text: '' }
const PAGE_SIZE = 200

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

/** Runs `action` after `tick` changes, at most once per `ms` while it keeps changing. */
function useThrottledEffect(tick: number, ms: number, action: () => void): void {
  const last = useRef(0)
  useEffect(() => {
    if (tick === 0) return
    const wait = Math.max(0, last.current + ms - Date.now())
    const timer = setTimeout(() => {
      last.current = Date.now()
      action()
    }, wait)
    return () => clearTimeout(timer)
  }, [tick, ms, action])
}

function scoreBound(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const value = Number(text.replace(',', '.'))
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : undefined
}

function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return formatDate(value)
  if (typeof value === 'number') return formatNumber(value, { useGrouping: false, maximumFractionDigits: 10 })
  if (typeof value === 'boolean') return value ? '✓' : '✗'
  return value
}

function toQuery(filters: Filters, text: string, sort: GridSort): RowQuery {
  const query: RowQuery = {
    sort: { by: sort.by as NonNullable<RowQuery['sort']>['by'], direction: sort.direction }
  }
  if (filters.status.startsWith('state:')) query.states = [filters.status.slice(6) as RowState]
  if (filters.status.startsWith('check:')) query.checkStatuses = [filters.status.slice(6)]
  if (filters.risks.length) query.risks = filters.risks
  const min = scoreBound(filters.scoreMin)
  const max = scoreBound(filters.scoreMax)
  if (min !== undefined) query.scoreMin = min
  if (max !== undefined) query.scoreMax = max
  if (filters.dataset) query.datasetFound = filters.dataset
  if (text.trim()) query.text = text.trim()
  return query
}

export function ResultsView({ batch, changes }: { batch: BatchView; changes: number }) {
  const { t } = useTranslation()
  const toast = useToast()
  const batchId = batch.id
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [sort, setSort] = useState<GridSort>({ by: 'row', direction: 'asc' })
  const [showCells, setShowCells] = useState(true)
  const [openCheck, setOpenCheck] = useState<string>()
  const [exporting, setExporting] = useState<ExportFormat>()
  const [statsTick, setStatsTick] = useState(0)
  const text = useDebounced(filters.text, 300)

  const stats = useLoad(() => call('results:stats', { batchId }), [batchId, statsTick])
  // The analyst's own column names, from the first row (every row of a batch has the same ones).
  const sample = useLoad(() => call('results:query', { batchId, query: { limit: 1 } }), [batchId])
  const cellHeaders = useMemo(() => Object.keys(sample.data?.rows[0]?.cells ?? {}), [sample.data])

  const query = useMemo(() => toQuery(filters, text, sort), [filters, text, sort])
  const key = JSON.stringify(query)
  const fetchPage = useCallback(
    (offset: number, limit: number) => call('results:query', { batchId, query: { ...query, offset, limit } }),
    [batchId, query]
  )
  const rows = usePagedRows<ResultRow>(fetchPage, key, PAGE_SIZE)
  const { refresh } = rows

  const onBatchChange = useCallback(() => {
    refresh()
    setStatsTick((n) => n + 1)
  }, [refresh])
  useThrottledEffect(changes, 2000, onBatchChange)

  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }))
  const toggleRisk = (risk: RiskLevel) =>
    update({
      risks: filters.risks.includes(risk) ? filters.risks.filter((r) => r !== risk) : [...filters.risks, risk]
    })
  const onSort = useCallback(
    (by: string) =>
      setSort((s) =>
        s.by === by ? { by, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { by, direction: 'asc' }
      ),
    []
  )
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)

  const datasets = useMemo(() => stats.data?.datasets ?? [], [stats.data])
  const columns = useMemo<GridColumn<ResultRow>[]>(() => {
    const list: GridColumn<ResultRow>[] = [
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
        render: (r) =>
          r.state === 'given-up' ? (
            <span className="status status-given-up">
              {t('results.givenUpStatus', { status: r.checkStatus ?? '—' })}
            </span>
          ) : r.state === 'done' &&
            r.checkStatus &&
            classifyCheckStatus(r.checkStatus) === 'unknown-final' ? (
            // Shown exactly as Truora wrote it: Lote does not know what it means.
            <span className="status status-unknown-final">
              {t('results.unknownStatus', { status: r.checkStatus })}
            </span>
          ) : r.checkStatus && (r.state === 'done' || r.state === 'running') ? (
            <span className={`status status-${r.checkStatus}`}>
              {t(`checkStatus.${r.checkStatus}`, { defaultValue: r.checkStatus })}
            </span>
          ) : (
            <span className={`status status-${r.state}`}>{t(`rowStates.${r.state}`)}</span>
          ),
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
      }
    ]
    for (const name of datasets)
      list.push({
        id: `ds:${name}`,
        header: t(`datasets.${name}.label`, { defaultValue: name }),
        width: 170,
        render: (r) => {
          const d = r.datasets[name]
          if (!d) return <span className="muted">—</span>
          if (d.result !== 'found') return <span className="muted">{t('results.notFound')}</span>
          const severe = d.severity && d.severity !== 'none'
          return (
            <span className={severe ? 'found found-severe' : 'found'}>
              <span aria-hidden="true">{severe ? '▲ ' : '● '}</span>
              {d.foundBy === 'name' ? t('results.foundByName') : t('results.found')}
              {severe && ` · ${t(`results.severity.${d.severity}`, { defaultValue: d.severity })}`}
            </span>
          )
        }
      })
    if (showCells)
      for (const header of cellHeaders)
        list.push({
          id: `cell:${header}`,
          header: <span className="cell-header">{header}</span>,
          width: 150,
          render: (r) => cellText(r.cells[header]),
          title: (r) => cellText(r.cells[header])
        })
    return list
  }, [t, datasets, cellHeaders, showCells])

  const runExport = async (format: ExportFormat) => {
    setExporting(format)
    try {
      const download = await call('results:export', { batchId, format })
      await saveDownload(download)
      toast('success', t('results.exported', { name: download.name }))
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setExporting(undefined)
    }
  }

  const histogram = stats.data?.histogram.length ? stats.data.histogram : new Array<number>(10).fill(0)
  const binLabel = (i: number) => {
    const step = 1 / histogram.length
    const f = (v: number) => formatNumber(v, { maximumFractionDigits: 1 })
    return `${f(i * step)}–${f((i + 1) * step)}`
  }
  const riskItems = RISK_LEVELS.map((risk) => ({
    key: risk,
    label: t(`risk.${risk}`),
    value: stats.data?.risks[risk] ?? 0,
    tone: `tone-${risk}`,
    mark: RISK_MARKS[risk]
  }))
  const stateItems = ROW_STATES.filter((s) => (stats.data?.states[s] ?? 0) > 0).map((s) => ({
    key: s,
    label: t(`rowStates.${s}`),
    value: stats.data?.states[s] ?? 0,
    tone: `tone-state-${s}`
  }))

  return (
    <div className="results">
      <BatchNotices batch={batch} changes={changes} />
      <div className="results-top">
        <section className="card charts" aria-label={t('results.charts')}>
          <figure>
            <figcaption>{t('results.scoreChart')}</figcaption>
            <Histogram
              title={t('results.scoreChart')}
              bins={histogram}
              binLabel={binLabel}
              format={(n) => formatNumber(n, { notation: 'compact' })}
              width={280}
              height={118}
            />
          </figure>
          <figure>
            <figcaption>{t('results.riskChart')}</figcaption>
            <BreakdownChart
              title={t('results.riskChart')}
              items={riskItems}
              format={(n) => formatNumber(n)}
              width={280}
            />
          </figure>
          <figure>
            <figcaption>{t('results.statusChart')}</figcaption>
            <BreakdownChart
              title={t('results.statusChart')}
              items={stateItems}
              format={(n) => formatNumber(n)}
              width={280}
            />
          </figure>
        </section>
        <section className="card export-card" aria-labelledby="export-title">
          <h2 id="export-title" className="card-title">
            {t('results.export.title')}
          </h2>
          <div className="export-buttons">
            {EXPORTS.map((format) => (
              <button
                key={format}
                className="button"
                disabled={exporting !== undefined}
                aria-busy={exporting === format}
                onClick={() => void runExport(format)}
              >
                {exporting === format && <span className="spinner" aria-hidden="true" />}{' '}
                {t(`results.export.${format}`)}
              </button>
            ))}
          </div>
          {exporting && (
            <p className="hint" role="status">
              {t('results.export.working')}
            </p>
          )}
        </section>
      </div>

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
          <fieldset className="filter score-range">
            <legend>{t('results.filters.score')}</legend>
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              inputMode="decimal"
              value={filters.scoreMin}
              placeholder="0"
              aria-label={t('results.filters.scoreMin')}
              onChange={(e) => update({ scoreMin: e.target.value })}
            />
            <span aria-hidden="true">–</span>
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              inputMode="decimal"
              value={filters.scoreMax}
              placeholder="1"
              aria-label={t('results.filters.scoreMax')}
              onChange={(e) => update({ scoreMax: e.target.value })}
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
              <input type="checkbox" checked={showCells} onChange={(e) => setShowCells(e.target.checked)} />
              {t('results.showOriginal')}
            </label>
            <button className="button subtle" disabled={!filtered} onClick={() => setFilters(NO_FILTERS)}>
              {t('results.filters.clear')}
            </button>
          </div>
        </div>
      </section>

      <div className="row-between grid-caption">
        <p className="muted" role="status" aria-live="polite" data-testid="results-count">
          {rows.total === null
            ? t('common.loading')
            : t(filtered ? 'results.countFiltered' : 'results.count', { n: formatNumber(rows.total) })}
        </p>
        <p className="hint">{t('results.keyboardHint')}</p>
      </div>
      {rows.error && (
        <div className="banner banner-error" role="alert">
          <p>{rows.error}</p>
          <button className="button" onClick={refresh}>
            {t('common.retry')}
          </button>
        </div>
      )}
      <VirtualGrid<ResultRow>
        label={t('results.gridLabel', { name: batch.name })}
        columns={columns}
        rowCount={rows.total ?? 0}
        row={rows.row}
        onRangeChange={rows.showRange}
        onActivate={(r) =>
          r.checkId ? setOpenCheck(r.checkId) : toast('info', t('results.noCheck', { row: r.row }))
        }
        isActive={(r) => r.checkId !== null && r.checkId === openCheck}
        sort={sort}
        onSort={onSort}
        sortHint={t('results.sortHint')}
        resetKey={key}
        loadingText={t('common.loading')}
        testId="results-grid"
      />
      {rows.total === 0 && (
        <p className="muted empty-grid">{filtered ? t('results.noMatches') : t('results.empty')}</p>
      )}

      {openCheck && (
        <CheckDrawer
          checkId={openCheck}
          onClose={() => setOpenCheck(undefined)}
          onDeleted={() => {
            setOpenCheck(undefined)
            onBatchChange()
          }}
        />
      )}
    </div>
  )
}
