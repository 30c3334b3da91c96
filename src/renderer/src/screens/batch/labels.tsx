// How rows, risks and statuses read on the batch screens: words first, with a shape for risk so that colour
// is never the only signal.
import { useTranslation } from 'react-i18next'
import type { BatchStatus, RiskLevel } from '../../../../shared/batch'
import type { ResultRow } from '../../../../shared/results'
import { formatNumber } from '../../i18n'
import { personDocument, personName } from '../../../../shared/person'

export const RISK_MARKS: Record<RiskLevel, string> = {
  high: '▲',
  medium: '◆',
  low: '●',
  unknown: '?',
  pending: '…'
}

export function RiskBadge({ risk }: { risk: RiskLevel | null }) {
  const { t } = useTranslation()
  if (!risk) return <span className="muted">—</span>
  return (
    <span className={`risk risk-${risk}`}>
      <span className="risk-mark" aria-hidden="true">
        {RISK_MARKS[risk]}
      </span>
      {t(`risk.${risk}`)}
    </span>
  )
}

const STATUS_TONES: Partial<Record<BatchStatus, string>> = {
  running: 'tag-active',
  cancelling: 'tag-warn',
  paused: 'tag-warn',
  completed: 'tag-ok',
  failed: 'tag-error'
}

export function BatchStatusTag({ status }: { status: BatchStatus }) {
  const { t } = useTranslation()
  return (
    <span className={`tag ${STATUS_TONES[status] ?? ''}`} data-testid="batch-status">
      {t(`history.status.${status}`)}
    </span>
  )
}

/** The person's or company's name: as sent, else from the sheet's name columns (display only). */
export function rowName(row: Pick<ResultRow, 'inputs' | 'cells'>): string {
  return personName(row)
}

/** The first document-like input of a row (ID, tax ID, plate…). */
export function rowDocument(row: Pick<ResultRow, 'inputs'>): string {
  return personDocument(row)
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined
    ? '—'
    : formatNumber(score, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** "about 3 min", "1 h 20 min", "45 s": time left at the current pace. */
export function useFormatDuration(): (seconds: number) => string {
  const { t } = useTranslation()
  return (seconds: number) => {
    const s = Math.max(0, Math.round(seconds))
    if (s < 60) return t('monitor.duration.seconds', { n: formatNumber(s) })
    const minutes = Math.round(s / 60)
    if (minutes < 60) return t('monitor.duration.minutes', { n: formatNumber(minutes) })
    const hours = Math.floor(minutes / 60)
    return t('monitor.duration.hours', {
      h: formatNumber(hours),
      m: formatNumber(minutes % 60)
    })
  }
}
