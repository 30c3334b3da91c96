// The results grid's filters and how they become a query to the store, and the two timing hooks the grid
// uses: the search waits for the analyst to stop typing; live updates refetch at most every few seconds.
import { useEffect, useRef, useState } from 'react'
import type { RiskLevel, RowState } from '../../../../../shared/batch'
import type { RowQuery } from '../../../../../shared/results'
import type { DecisionFilter } from '../../../../../shared/decisions'
import type { GridSort } from '../../../components/grid/VirtualGrid'

export const CHECK_STATUSES = ['completed', 'error', 'delayed', 'in_progress', 'not_started'] as const

export interface Filters {
  /** "state:done", "check:completed" or "" for all. */
  status: string
  risks: RiskLevel[]
  scoreMin: string
  scoreMax: string
  dataset: string
  text: string
  /** A decision, `undecided`, or "" for any. */
  decision: string
  /** Only rows whose check differs from the person's previous check. */
  changedOnly: boolean
}

export const NO_FILTERS: Filters = {
  status: '',
  risks: [],
  scoreMin: '',
  scoreMax: '',
  dataset: '',
  text: '',
  decision: '',
  changedOnly: false
}
export const PAGE_SIZE = 200

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

/** Runs `action` after `tick` changes, at most once per `ms` while it keeps changing. */
export function useThrottledEffect(tick: number, ms: number, action: () => void): void {
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

export function toQuery(filters: Filters, text: string, sort: GridSort): RowQuery {
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
  if (filters.decision) query.decisions = [filters.decision as DecisionFilter]
  if (filters.changedOnly) query.changedOnly = true
  return query
}
