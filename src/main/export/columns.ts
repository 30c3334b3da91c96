// The one layout of exported results, shared by the xlsx and the csv so both say the same thing, in the
// analyst's language: the sheet row (the number the notes and the app cite), the analyst's original columns,
// then the check, its scores, one column per dataset, the risk and why, the analyst's decision, and when the
// result was checked, where it came from (a reused earlier check, a row sharing another's check) and what
// changed since the person's previous check.
//
// Each column is a definition (header, kind, value): a new column is one more entry in `exportColumns`, and the
// writers format it by its kind (scores with the language's decimals, moments in the analyst's time zone).
import { DATASET_NAMES } from '../../shared/checks/datasets'
import { classifyCheckStatus } from '../../shared/checks/statuses'
import { changeLine } from '../../shared/change-text'
import { riskLabel } from './risk-style'
import { checkStatusName, datasetName, riskReasonText, severityName } from '../../shared/risk-text'
import { consentFact } from './report-facts'
import { reportLocale, type ReportLocale } from './i18n'
import type { CellValue } from '../../shared/sheets/types'
import type { ResultRow } from '../../shared/results'
import type { ResultsReader } from '../store/results/results-store'
import type { RiskLevel } from '../../shared/batch'
import type { Language } from '../../shared/settings'

/** What the analyst chose for an export: its language and time zone, and the csv's delimiter. */
export interface ExportOptions {
  language: Language
  /** IANA zone the dates are shown in (the analyst's). */
  timeZone: string
  /** csv only; by default `;` for es and pt-BR (what their Excel expects), `,` for en. */
  delimiter?: CsvDelimiter
  /** The analyst's name, printed in the summary PDF's reviewer block. */
  reviewer?: string
}

export const CSV_DELIMITERS = [',', ';', '\t'] as const
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number]

export function defaultDelimiter(language: Language): CsvDelimiter {
  return language === 'en' ? ',' : ';'
}

/** Exports without a stated language (tests, older callers): English, times in UTC. */
export const ENGLISH_UTC: ExportOptions = { language: 'en', timeZone: 'UTC' }

export type ExportValue = string | number | Date | null

/**
 * How a writer formats a column: `original` the analyst's cell as read, `row` a whole number, `score` 0..1
 * with two decimals, `moment` an ISO time shown in the analyst's zone, `risk` a risk label (the xlsx colours
 * it), `text` as is.
 */
export type ColumnKind = 'original' | 'row' | 'score' | 'moment' | 'risk' | 'text'

export interface ExportColumn {
  /** Stable name of the column, whatever the language (tests and other writers find columns by it). */
  id: string
  header: string
  kind: ColumnKind
  value(row: ResultRow): ExportValue
}

export interface ExportLayout {
  locale: ReportLocale
  columns: ExportColumn[]
  headers: string[]
  /** Index of the risk column, which the xlsx colours. */
  riskColumn: number
}

const DATASET_ORDER: readonly string[] = DATASET_NAMES

function original(value: CellValue | undefined): ExportValue {
  if (value === undefined || value === null) return null
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return value
}

/** Where a row stands, in the analyst's words: the check's status when there is a check, else the row's state. */
export function rowStatus(locale: ReportLocale, row: ResultRow): string {
  const { t } = locale
  if (row.state === 'given-up')
    return t('results.givenUpStatus', { status: checkStatusName(t, row.checkStatus ?? 'delayed') })
  // A lost check's last reading ("in progress") is not where the row stands: there is nothing to wait for.
  if (row.state === 'lost') return t('rowStates.lost')
  if (row.checkStatus && row.state !== 'failed') {
    if (row.state === 'done' && classifyCheckStatus(row.checkStatus) === 'unknown-final')
      return t('results.unknownStatus', { status: row.checkStatus })
    return checkStatusName(t, row.checkStatus)
  }
  return t(`rowStates.${row.state}`, { defaultValue: row.state })
}

function datasetValue(locale: ReportLocale, row: ResultRow, name: string): string {
  const { t } = locale
  const d = row.datasets[name]
  if (!d?.result) return ''
  if (d.result !== 'found') return t(`results.result.${d.result}`, { defaultValue: d.result })
  const found = d.foundBy === 'name' ? t('results.foundByName') : t('results.found')
  const severe = d.severity !== null && d.severity !== 'none' && d.severity !== 'unknown'
  return severe ? `${found} · ${severityName(t, d.severity)}` : found
}

/** Why the row has its risk, one sentence per signal, in the report's language. */
export function riskWhy(locale: ReportLocale, row: ResultRow): string {
  return row.riskReasons.map((reason) => riskReasonText(locale.t, reason, locale.score)).join(' ')
}

/** The notes column: why the risk, or why there is no check. */
export function rowNotes(locale: ReportLocale, row: ResultRow): string {
  const { t } = locale
  if (row.checkId) return riskWhy(locale, row)
  if (row.lastError) return row.lastError
  if (row.state === 'skipped') {
    const errors = row.issues.filter((issue) => issue.level === 'error')
    if (errors.length > 0)
      return errors
        .map(
          (issue) =>
            `${issue.column ?? t('results.columns.row')}: ${t(`issueTitles.${issue.code}`, { defaultValue: issue.message })}`
        )
        .join(' · ')
    return row.importStatus === 'excluded' ? t('results.export.excluded') : t('results.export.notSent')
  }
  return ''
}

export function riskOf(row: ResultRow): RiskLevel | null {
  return row.checkId ? row.risk : null
}

/** Where a row's result came from when it is not a check of its own. */
export function originText(locale: ReportLocale, row: ResultRow): string {
  const { origin } = row
  if (origin?.kind === 'reused')
    return locale.t('reuse.export.reused', {
      checkId: origin.checkId,
      date: locale.dateTime(origin.checkedAt),
      batch: origin.batchName,
      batchId: origin.batchId
    })
  if (origin?.kind === 'grouped') return locale.t('reuse.origin.grouped', { row: origin.row })
  return ''
}

/** What changed since the person's previous check, one phrase per change, joined by semicolons. */
function changeText(locale: ReportLocale, row: ResultRow): string {
  const { t } = locale
  return changeLine(t, row.change, { score: locale.score, risk: (level) => riskLabel(t, level) }, '; ')
}

/** The columns of an export of this batch, in order. */
export function exportColumns(store: ResultsReader, batchId: string, locale: ReportLocale): ExportColumn[] {
  const { t } = locale
  const originalHeaders = store.batches.mapping(batchId).headers
  const rank = (name: string) => {
    const index = DATASET_ORDER.indexOf(name)
    return index < 0 ? DATASET_ORDER.length : index
  }
  const datasets = store.results.datasetNames(batchId).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const nonNegative = (score: number | null) => (score !== null && score >= 0 ? score : null)
  const col = (id: string, header: string, kind: ColumnKind, value: ExportColumn['value']): ExportColumn => ({
    id,
    header,
    kind,
    value
  })
  return [
    col('row', t('results.columns.row'), 'row', (row) => row.row),
    ...originalHeaders.map((header) =>
      col(`cell:${header}`, header, 'original', (row) => original(row.cells[header]))
    ),
    col('checkId', t('results.export.columns.checkId'), 'text', (row) => row.checkId),
    col('status', t('results.columns.status'), 'text', (row) => rowStatus(locale, row)),
    col('score', t('results.columns.score'), 'score', (row) => row.score),
    col('idScore', t('results.columns.idScore'), 'score', (row) => nonNegative(row.idScore)),
    col('nameScore', t('results.columns.nameScore'), 'score', (row) => nonNegative(row.nameScore)),
    ...datasets.map((name) =>
      col(`dataset:${name}`, datasetName(t, name), 'text', (row) => datasetValue(locale, row, name))
    ),
    col('risk', t('results.columns.risk'), 'risk', (row) => {
      const risk = riskOf(row)
      return risk ? riskLabel(t, risk) : ''
    }),
    col('notes', t('results.export.columns.notes'), 'text', (row) => rowNotes(locale, row)),
    col('decision', t('decisions.title'), 'text', (row) =>
      row.decision
        ? t(`decisions.values.${row.decision.decision}`)
        : row.state === 'skipped'
          ? ''
          : t('decisions.values.undecided')
    ),
    col('decisionReason', t('decisions.reason'), 'text', (row) =>
      row.decision ? t(`decisions.reasons.${row.decision.reason}`) : ''
    ),
    col('decisionNote', t('decisions.note'), 'text', (row) => row.decision?.note || null),
    col('decidedBy', t('results.export.columns.decidedBy'), 'text', (row) => row.decision?.decidedBy || null),
    col(
      'decidedAt',
      t('results.export.columns.decidedAt'),
      'moment',
      (row) => row.decision?.decidedAt ?? null
    ),
    col('checkedAt', t('reuse.export.checkedAt'), 'text', (row) =>
      row.checkedAt ? locale.dateTime(row.checkedAt) : null
    ),
    col('origin', t('reuse.export.origin'), 'text', (row) => originText(locale, row)),
    col('change', t('reuse.export.change'), 'text', (row) => changeText(locale, row))
  ]
}

export function exportLayout(
  store: ResultsReader,
  batchId: string,
  options: ExportOptions = ENGLISH_UTC
): ExportLayout {
  const locale = reportLocale(options.language, options.timeZone)
  const columns = exportColumns(store, batchId, locale)
  return {
    locale,
    columns,
    headers: columns.map((c) => c.header),
    riskColumn: columns.findIndex((c) => c.kind === 'risk')
  }
}

/**
 * The csv's layout: a csv has no summary sheet, so the evidence of the people's authorisation that covers the
 * batch is its last column, on every row (it survives sorting, filtering and a copy of some rows elsewhere).
 */
export function csvLayout(
  store: ResultsReader,
  batchId: string,
  options: ExportOptions = ENGLISH_UTC
): ExportLayout {
  const layout = exportLayout(store, batchId, options)
  const consent = consentFact(layout.locale, store.batches.get(batchId))
  if (!consent) return layout
  const [header, text] = consent
  const columns = [...layout.columns, { id: 'consent', header, kind: 'text' as const, value: () => text }]
  return { ...layout, columns, headers: columns.map((c) => c.header) }
}

/** A row's values in the layout's columns, before a writer formats them. */
export function exportValues(layout: ExportLayout, row: ResultRow): ExportValue[] {
  return layout.columns.map((column) => column.value(row))
}
