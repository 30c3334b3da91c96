// A change between two checks of the same person on screen: a row's change in one line for the grid, the full
// list in the drawer. The phrases are the exports' own (src/shared/change-text.ts).
import type { TFunction } from 'i18next'
import type { ChangeSummary } from '../../../../shared/checks/changes'
import { changeLine, changeParts, type ChangeFormat } from '../../../../shared/change-text'
import { datasetName } from '../../../../shared/risk-text'
import type { RowChange, RowOrigin } from '../../../../shared/results'
import { formatDateTime } from '../../i18n'
import { formatScore } from './labels'
import '../reuse.css'

/** How the screen writes a change's scores and risk levels. */
function screenFormat(t: TFunction): ChangeFormat {
  return { score: formatScore, risk: (level) => t(`risk.${level}`) }
}

/** A row's change in one line, for the grid. */
export function rowChangeText(t: TFunction, change: RowChange | null): string {
  return changeLine(t, change, screenFormat(t), ' · ')
}

/** Where a row's result came from, for the grid. */
export function rowOriginText(t: TFunction, origin: RowOrigin | null): string {
  if (!origin) return ''
  if (origin.kind === 'grouped') return t('reuse.origin.grouped', { row: origin.row })
  return t('reuse.origin.reused', { date: formatDateTime(origin.checkedAt), batch: origin.batchName })
}

/** A comparison of two checks, as the drawer shows it. */
export function ChangeList({ t, change }: { t: TFunction; change: ChangeSummary }) {
  const parts = changeParts(t, change, screenFormat(t))
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
