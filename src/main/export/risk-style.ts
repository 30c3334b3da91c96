// How each risk level reads and looks in the exports: the same words in the xlsx, the csv and the PDF, and the
// same fills in the xlsx cells and the PDF chart.
import type { RiskLevel } from '../../shared/batch'

export const RISK_LABELS: Record<RiskLevel, string> = {
  high: 'High risk',
  medium: 'Needs review',
  low: 'Low risk',
  unknown: 'Not scored',
  pending: 'Pending'
}

/** ARGB fills for spreadsheet cells and the PDF chart. */
export const RISK_COLOURS: Record<RiskLevel, string> = {
  high: 'FFF4B6B6',
  medium: 'FFFFE3A3',
  low: 'FFC8E6C9',
  unknown: 'FFE0E0E0',
  pending: 'FFF5F5F5'
}
