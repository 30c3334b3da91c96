// How each risk level reads and looks in the exports: the app's own words for it (in the report's language),
// and the colours of the app's legend in the xlsx cells and the PDF chart.
import type { RiskLevel } from '../../shared/batch'
import type { Translate } from '../../shared/risk-text'

export function riskLabel(t: Translate, level: RiskLevel): string {
  return t(`risk.${level}`)
}

/**
 * Colours of the risk levels, the same as the app's legend (`--risk-*` in styles.css; a unit test keeps
 * them equal): `strong` for marks and chart bars, `soft` (ARGB) as a cell fill that keeps text readable.
 */
export const RISK_COLOURS: Record<RiskLevel, { strong: string; soft: string }> = {
  high: { strong: '#b42318', soft: 'FFF4B6B6' },
  medium: { strong: '#9a5800', soft: 'FFFFE3A3' },
  low: { strong: '#18732f', soft: 'FFC8E6C9' },
  unknown: { strong: '#9aa7b2', soft: 'FFE0E0E0' },
  pending: { strong: '#9aa7b2', soft: 'FFF5F5F5' }
}
