// The results of a batch: filters, charts, the virtualised grid joined to the analyst's own columns, exports,
// decisions on a selection of rows, and the detail drawer of a check. Rows come from the local store a page at a time, so 100,000 rows scroll
// as smoothly as 100.
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../../shared/batch'
import type { ResultRow } from '../../../../shared/results'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { useToast } from '../../components/Toasts'
import { VirtualGrid, type GridSort } from '../../components/grid/VirtualGrid'
import { usePagedRows } from '../../components/grid/use-paged-rows'
import { formatNumber } from '../../i18n'
import { BatchNotices } from './BatchNotices'
import { CheckDrawer } from './CheckDrawer'
import { ExportCard } from './results/ExportCard'
import { RecheckCard } from './results/RecheckCard'
import { ResultsCharts } from './results/ResultsCharts'
import { ResultsFilters } from './results/ResultsFilters'
import { useResultColumns, type RowSelection } from './results/result-columns'
import { BulkDecisionBar } from './decisions/BulkDecisionBar'
import {
  NO_FILTERS,
  PAGE_SIZE,
  toQuery,
  useDebounced,
  useThrottledEffect,
  type Filters
} from './results/results-query'

export function ResultsView({ batch, changes }: { batch: BatchView; changes: number }) {
  const { t } = useTranslation()
  const toast = useToast()
  const batchId = batch.id
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [sort, setSort] = useState<GridSort>({ by: 'row', direction: 'asc' })
  const [showCells, setShowCells] = useState(true)
  const [openCheck, setOpenCheck] = useState<string>()
  const [statsTick, setStatsTick] = useState(0)
  // Rows picked for a bulk decision: key in the batch → sheet row.
  const [picked, setPicked] = useState<ReadonlyMap<number, number>>(new Map())
  const selection = useMemo<RowSelection>(
    () => ({
      has: (seq) => picked.has(seq),
      toggle: (row) =>
        setPicked((current) => {
          const next = new Map(current)
          if (next.has(row.seq)) next.delete(row.seq)
          else next.set(row.seq, row.row)
          return next
        })
    }),
    [picked]
  )
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

  const onSort = useCallback(
    (by: string) =>
      setSort((s) =>
        s.by === by ? { by, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { by, direction: 'asc' }
      ),
    []
  )
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)
  const datasets = useMemo(() => stats.data?.datasets ?? [], [stats.data])
  const columns = useResultColumns(datasets, cellHeaders, showCells, selection)
  const undecided = stats.data?.decisions.undecided

  return (
    <div className="results">
      <BatchNotices batch={batch} changes={changes} />
      <div className="results-top">
        <ResultsCharts stats={stats.data} />
        <div className="results-actions">
          <ExportCard batchId={batchId} pdfs={stats.data?.pdfs} />
          <RecheckCard batch={batch} query={query} filtered={filtered} shown={rows.total} />
        </div>
      </div>

      <ResultsFilters
        filters={filters}
        onChange={setFilters}
        datasets={datasets}
        showCells={showCells}
        onShowCells={setShowCells}
      />

      <BulkDecisionBar
        batchId={batchId}
        picked={[...picked.keys()]}
        query={query}
        matching={rows.total}
        onClear={() => setPicked(new Map())}
        onDecided={onBatchChange}
      />

      <div className="row-between grid-caption">
        <p className="muted" role="status" aria-live="polite" data-testid="results-count">
          {rows.total === null
            ? t('common.loading')
            : t(filtered ? 'results.countFiltered' : 'results.count', { n: formatNumber(rows.total) })}
        </p>
        {undecided !== undefined && (
          <button
            type="button"
            className="link-button"
            onClick={() => setFilters({ ...NO_FILTERS, decision: 'undecided' })}
            data-testid="undecided-count"
          >
            {t('decisions.undecidedCount', { n: formatNumber(undecided) })}
          </button>
        )}
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
          onDecided={onBatchChange}
        />
      )}
    </div>
  )
}
