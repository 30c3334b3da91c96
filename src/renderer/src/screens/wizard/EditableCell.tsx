// One cell of a draft row in the review grid: its value with a marker for its worst problem (shape and
// letter, not only colour), and a text box in its place while the analyst fixes it. Enter saves, Escape
// cancels, leaving the box saves.
import type { KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportedRow, RowIssue } from '../../../../shared/sheets/types'
import { cellText } from '../../../../shared/sheets/cells'

/** A cell being edited: which one, and what the analyst has typed so far. */
export interface CellEdit {
  row: number
  column: string
  value: string
}

export function issueTitle(t: (key: string, o?: Record<string, unknown>) => string, issue: RowIssue): string {
  const title = t(`issueTitles.${issue.code}`, { defaultValue: issue.code })
  const fix = t(`issueFixes.${issue.code}`, { defaultValue: issue.fix })
  return `${title}${issue.value ? `: “${issue.value}”` : ''}. ${fix}`
}

function levelOf(issues: RowIssue[]): 'error' | 'warning' | 'info' | '' {
  if (issues.some((i) => i.level === 'error')) return 'error'
  if (issues.some((i) => i.level === 'warning')) return 'warning'
  return issues.length ? 'info' : ''
}

const MARKERS = { error: '×', warning: '!', info: 'i' } as const

interface Props {
  row: ImportedRow
  column: string
  editing: CellEdit | undefined
  onEdit(edit: CellEdit | undefined): void
  onSave(): void
}

export function EditableCell({ row, column, editing, onEdit, onSave }: Props) {
  const { t } = useTranslation()
  const issues = row.issues.filter((i) => i.column === column)
  const level = levelOf(issues)
  const text = cellText(row.cells[column] ?? null)
  const name = `${column}, ${t('wizard.row')} ${row.row}`
  const problems = issues.map((i) => issueTitle(t, i))

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') onSave()
    if (event.key === 'Escape') onEdit(undefined)
  }

  return (
    <span
      className={`review-cell ${level ? `cell-${level}` : ''}`}
      title={problems.join('\n') || undefined}
      aria-invalid={level === 'error' || undefined}
    >
      {editing ? (
        <input
          autoFocus
          aria-label={name}
          value={editing.value}
          onChange={(e) => onEdit({ ...editing, value: e.target.value })}
          onKeyDown={onKey}
          onBlur={onSave}
        />
      ) : (
        <button
          className="cell-button"
          disabled={row.status === 'excluded'}
          onClick={() => onEdit({ row: row.row, column, value: text })}
          aria-label={`${name}: ${text || '—'}${problems.length ? `. ${problems.join(' ')}` : ''}`}
        >
          {level && (
            <span className="cell-marker" aria-hidden="true">
              {MARKERS[level]}
            </span>
          )}
          {text || <span className="muted">—</span>}
        </button>
      )}
    </span>
  )
}
