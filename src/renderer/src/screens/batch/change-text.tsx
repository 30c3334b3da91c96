// A change between two checks of the same person in the analyst's language: the score going up or down, the
// risk, datasets newly found or cleared, the identity status and the databases that answered differently.
import type { TFunction } from 'i18next'
import type { ChangeSummary } from '../../../../shared/checks/changes'
import type { RowChange, RowOrigin } from '../../../../shared/results'
import { formatDateTime } from '../../i18n'
import { formatScore } from './labels'
import '../reuse.css'

function datasetName(t: TFunction, name: string): string {
  return t(`datasets.${name}.label`, { defaultValue: name.replace(/_/g, ' ') })
}

/** Each thing that changed, one phrase each; empty when nothing did. */
export function changeParts(t: TFunction, change: ChangeSummary): string[] {
  const parts: string[] = []
  const { score } = change
  if (score.direction !== 'same')
    parts.push(
      t(score.direction === 'up' ? 'reuse.change.scoreUp' : 'reuse.change.scoreDown', {
        from: formatScore(score.from),
        to: formatScore(score.to)
      })
    )
  if (change.risk.from !== change.risk.to)
    parts.push(
      t('reuse.change.risk', { from: t(`risk.${change.risk.from}`), to: t(`risk.${change.risk.to}`) })
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

/** A row's change in one line, for the grid. */
export function rowChangeText(t: TFunction, change: RowChange | null): string {
  if (!change) return ''
  if (change.kind === 'first') return t('reuse.change.first')
  const parts = changeParts(t, change)
  return parts.length > 0 ? parts.join(' · ') : t('reuse.change.none')
}

/** Where a row's result came from, for the grid. */
export function rowOriginText(t: TFunction, origin: RowOrigin | null): string {
  if (!origin) return ''
  if (origin.kind === 'grouped') return t('reuse.origin.grouped', { row: origin.row })
  return t('reuse.origin.reused', { date: formatDateTime(origin.checkedAt), batch: origin.batchName })
}

/** A comparison of two checks, as the drawer shows it. */
export function ChangeList({ t, change }: { t: TFunction; change: ChangeSummary }) {
  const parts = changeParts(t, change)
  return (
    <div className="change-summary" data-testid="change-summary">
      <p className="muted">
        {change.previous.batchName
          ? t('reuse.change.sinceBatch', {
              date: formatDateTime(change.previous.checkedAt),
              batch: change.previous.batchName
            })
          : t('reuse.change.since', { date: formatDateTime(change.previous.checkedAt) })}
      </p>
      {parts.length === 0 ? (
        <p>{t('reuse.change.none')}</p>
      ) : (
        <ul>
          {parts.map((part) => (
            <li key={part}>{part}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** The datasets where a check found something, by name, or "Nothing found". */
export function FoundList({ t, found }: { t: TFunction; found: string[] }) {
  if (found.length === 0) return <span className="muted">{t('reuse.nothingFound')}</span>
  return <>{found.map((name) => datasetName(t, name)).join(', ')}</>
}
