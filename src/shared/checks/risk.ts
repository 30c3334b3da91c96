// How a check's scores read to an analyst. Truora scores run 0..1 with 1 = low risk (docs/truora-api.md 3.2);
// the level is stored with each check so the store can filter on it and every export shows the same word.
import type { RiskLevel } from '../batch'
import { classifyCheckStatus } from './statuses'

export interface DatasetResult {
  dataSet: string
  result: string | null
  severity: string | null
  score: number | null
  /** How the record was matched: by the document number (`id`) or only by the name (`name`). */
  foundBy: 'id' | 'name' | null
}

const HIGH_SEVERITIES = new Set(['high', 'very_high'])

/** Below this global score a check is high risk even when no dataset carries a severity. */
export const HIGH_RISK_BELOW = 0.5
/** Below this it needs a look. */
export const MEDIUM_RISK_BELOW = 0.8

export function riskLevel(status: string, score: number | null, datasets: DatasetResult[]): RiskLevel {
  const kind = classifyCheckStatus(status)
  if (kind === 'waiting') return 'pending'
  // `error` and any final status Lote does not know: the scores cannot be trusted as a verdict.
  if (kind !== 'completed') return 'unknown'
  const found = datasets.filter((d) => d.result === 'found')
  const foundById = found.filter((d) => d.foundBy !== 'name')
  if (foundById.some((d) => HIGH_SEVERITIES.has(d.severity ?? ''))) return 'high'
  if (score !== null && score >= 0 && score < HIGH_RISK_BELOW) return 'high'
  // A match by name only may be a namesake: worth a look, not a verdict.
  if (found.some((d) => d.dataSet !== 'personal_identity' && d.dataSet !== 'vehicle_information'))
    return 'medium'
  if (score !== null && score >= 0 && score < MEDIUM_RISK_BELOW) return 'medium'
  if (score === null || score < 0) return 'unknown'
  return 'low'
}

/** Rows an analyst must look at: risky, unscored or without a check. */
export function needsAttention(risk: RiskLevel | null, rowState: string): boolean {
  if (rowState === 'failed') return true
  return risk === 'high' || risk === 'medium' || risk === 'unknown'
}
