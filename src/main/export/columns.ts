// The one layout of exported results, shared by the xlsx and the csv so both say the same thing: the
// analyst's original columns, then the check, its scores, one column per dataset, and a readable risk level.
import { DATASET_NAMES } from '../../shared/checks/datasets'
import { riskLabel } from './risk-style'
import { riskReasonText } from '../../shared/risk-text'
import { reportLocale } from './i18n'
import type { CellValue } from '../../shared/sheets/types'
import type { ResultRow } from '../../shared/results'
import type { ResultsReader } from '../store/results/results-store'
import type { RiskLevel } from '../../shared/batch'

export interface ExportLayout {
  originalHeaders: string[]
  datasets: string[]
  headers: string[]
  /** Index of the risk column, which the xlsx colours. */
  riskColumn: number
}

export type ExportValue = string | number | Date | null

const DATASET_ORDER: readonly string[] = DATASET_NAMES

export function datasetLabel(dataSet: string): string {
  const words = dataSet.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function exportLayout(store: ResultsReader, batchId: string): ExportLayout {
  const originalHeaders = store.batches.mapping(batchId).headers
  const rank = (name: string) => {
    const index = DATASET_ORDER.indexOf(name)
    return index < 0 ? DATASET_ORDER.length : index
  }
  const datasets = store.results.datasetNames(batchId).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const headers = [
    ...originalHeaders,
    'Check ID',
    'Status',
    'Score',
    'ID score',
    'Name score',
    ...datasets.map(datasetLabel),
    'Risk',
    'Notes'
  ]
  return { originalHeaders, datasets, headers, riskColumn: headers.length - 2 }
}

function readableResult(result: string | null, foundBy: 'id' | 'name' | null): string {
  if (!result) return ''
  if (result === 'found') return foundBy === 'name' ? 'Found by name' : 'Found'
  const words = result.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Where a row stands, in a word: the check's status when there is a check, else the row's state. */
export function rowStatus(row: ResultRow): string {
  if (row.state === 'given-up') return `given up (${row.checkStatus ?? 'waiting'})`
  if (row.checkStatus && row.state !== 'failed') return row.checkStatus
  return row.state
}

const english = reportLocale('en', 'UTC')

/** Why the row has its risk, one sentence per signal. */
export function riskWhy(row: ResultRow): string {
  return row.riskReasons.map((reason) => riskReasonText(english.t, reason, english.score)).join(' ')
}

function notes(row: ResultRow): string {
  if (row.checkId) return riskWhy(row)
  if (row.lastError) return row.lastError
  if (row.state === 'skipped') {
    const errors = row.issues.filter((issue) => issue.level === 'error')
    if (errors.length > 0)
      return errors.map((issue) => `${issue.column ?? 'Row'}: ${issue.message}`).join(' ')
    return row.importStatus === 'excluded' ? 'Excluded from the batch.' : 'Not sent.'
  }
  return ''
}

function original(value: CellValue | undefined): ExportValue {
  if (value === undefined || value === null) return null
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return value
}

export function riskOf(row: ResultRow): RiskLevel | null {
  return row.checkId ? row.risk : null
}

export function exportValues(layout: ExportLayout, row: ResultRow): ExportValue[] {
  const risk = riskOf(row)
  return [
    ...layout.originalHeaders.map((header) => original(row.cells[header])),
    row.checkId,
    rowStatus(row),
    row.score,
    row.idScore !== null && row.idScore >= 0 ? row.idScore : null,
    row.nameScore !== null && row.nameScore >= 0 ? row.nameScore : null,
    ...layout.datasets.map((name) =>
      readableResult(row.datasets[name]?.result ?? null, row.datasets[name]?.foundBy ?? null)
    ),
    risk ? riskLabel(english.t, risk) : '',
    notes(row)
  ]
}
