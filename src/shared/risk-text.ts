// The words of a risk reason, shared by the drawer (react-i18next) and the reports (the main process's reader
// of the same texts, src/main/export/i18n.ts), so an analyst reads the same sentence on screen and on paper.
// Texts: `riskReasons.*` in src/renderer/src/i18n/locales/<language>/batch.json.
import type { RiskReason } from './batch'
import { HIGH_RISK_BELOW, REVIEW_BELOW } from './checks/risk'
import { normaliseSeverity } from './checks/severity'

export type Translate = (key: string, options?: Record<string, unknown>) => string

const SCORE_NAMES = { score: 'score', id: 'idScore', name: 'nameScore' } as const

export function datasetName(t: Translate, dataSet: string): string {
  return t(`datasets.${dataSet}.label`, { defaultValue: dataSet.replace(/_/g, ' ') })
}

export function severityName(t: Translate, severity: string | null | undefined): string {
  const word = normaliseSeverity(severity) ?? 'unknown'
  return t(`results.severity.${word}`, { defaultValue: word })
}

export function checkStatusName(t: Translate, status: string): string {
  return t(`checkStatus.${status}`, { defaultValue: status })
}

/** One sentence per reason; `score` formats a 0..1 score the way the rest of the screen or report does. */
export function riskReasonText(t: Translate, reason: RiskReason, score: (value: number) => string): string {
  const items = (reason.items ?? [])
    .map((item) => (reason.code === 'datasets-not-scored' ? datasetName(t, item) : item))
    .join(', ')
  const key =
    reason.code === 'check-error' && items !== ''
      ? 'riskReasons.check-error-sources'
      : `riskReasons.${reason.code}`
  return t(key, {
    dataset: reason.dataSet ? datasetName(t, reason.dataSet) : '',
    severity: severityName(t, reason.severity),
    score: reason.score !== undefined ? score(reason.score) : '',
    scoreName: t(`results.columns.${SCORE_NAMES[reason.scoreKind ?? 'score']}`),
    limit: score(reason.code === 'score-high' ? HIGH_RISK_BELOW : REVIEW_BELOW),
    status: reason.status ? checkStatusName(t, reason.status) : '',
    items
  })
}
