// What changed between two checks of the same person, in the analyst's language: the score going up or down,
// the risk, datasets newly found or cleared, the identity status and the databases that answered differently.
// Shared by the results grid and drawer (react-i18next) and the exports (the main process's reader of the same
// texts), so an analyst reads the same phrases on screen and on paper; each side formats scores its own way.
// Texts: `reuse.change.*` in src/renderer/src/i18n/locales/<language>/batch.json.
import type { RiskLevel } from './batch'
import type { ChangeSummary } from './checks/changes'
import type { RowChange } from './results'
import { datasetName, type Translate } from './risk-text'

/** How the side showing a change writes a 0..1 score and names a risk level. */
export interface ChangeFormat {
  score(value: number): string
  risk(level: RiskLevel): string
}

/** Each thing that changed, one phrase each; empty when nothing did. */
export function changeParts(t: Translate, change: ChangeSummary, format: ChangeFormat): string[] {
  const score = (value: number | null) => (value === null ? '—' : format.score(value))
  const parts: string[] = []
  if (change.score.direction !== 'same')
    parts.push(
      t(change.score.direction === 'up' ? 'reuse.change.scoreUp' : 'reuse.change.scoreDown', {
        from: score(change.score.from),
        to: score(change.score.to)
      })
    )
  if (change.risk.from !== change.risk.to)
    parts.push(
      t('reuse.change.risk', { from: format.risk(change.risk.from), to: format.risk(change.risk.to) })
    )
  for (const name of change.found) parts.push(t('reuse.change.found', { dataset: datasetName(t, name) }))
  for (const name of change.cleared) parts.push(t('reuse.change.cleared', { dataset: datasetName(t, name) }))
  if (change.identity)
    parts.push(
      t('reuse.change.identity', {
        from: change.identity.from ?? t('reuse.change.unknown'),
        to: change.identity.to ?? t('reuse.change.unknown')
      })
    )
  for (const db of change.databases)
    parts.push(t('reuse.change.database', { name: db.name, from: db.from, to: db.to }))
  return parts
}

/** A row's change in one line, its phrases joined by `separator`; empty for a row with no comparison. */
export function changeLine(
  t: Translate,
  change: RowChange | null | undefined,
  format: ChangeFormat,
  separator: string
): string {
  if (change?.kind === 'first') return t('reuse.change.first')
  if (change?.kind !== 'compared') return ''
  const parts = changeParts(t, change, format)
  return parts.length > 0 ? parts.join(separator) : t('reuse.change.none')
}
