// The review of a draft that has been read: counts by status, the kinds of problems found with examples and
// how to fix them, column-wide fixes (date order, repeated rows, rows with errors), and the rows themselves to
// fix in place or exclude.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportSummary, IssueCode } from '../../../../shared/sheets/types'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { formatNumber } from '../../i18n'
import { ReviewGrid, type ReviewFilter } from './ReviewGrid'
import { ReusePanel } from './ReusePanel'
import { ColumnFixes } from './ColumnFixes'
import { selectedSheet, type WizardState } from './wizard-state'

interface Props {
  state: WizardState
  summary: ImportSummary
  onSummary(summary: ImportSummary): void
}

export function DraftReview({ state, summary, onSummary }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const [filter, setFilter] = useState<ReviewFilter>('all')
  const [version, setVersion] = useState(0)
  // Fixed or excluded rows change which rows have an earlier check: the reuse panel reads them again.
  const [rowsVersion, setRowsVersion] = useState(0)
  const batchId = state.batchId!
  const headers = selectedSheet(state)?.headers ?? state.draftHeaders ?? []
  const mappedColumns = headers.filter((_, i) => state.targets[i])
  const columns = [...mappedColumns, ...headers.filter((h) => !mappedColumns.includes(h))].slice(0, 12)

  const codes = Object.entries(summary.byCode) as [
    IssueCode,
    NonNullable<ImportSummary['byCode'][IssueCode]>
  ][]
  // Including every excluded row of a large draft takes seconds: shown as running.
  const [including, setIncluding] = useState(false)

  const includeAllExcluded = async () => {
    setIncluding(true)
    try {
      const result = await call('drafts:setExcludedWhere', { batchId, filter: 'excluded', excluded: false })
      onSummary(result.summary)
      setVersion((v) => v + 1)
    } catch (e) {
      toast('error', e as Error)
      setVersion((v) => v + 1)
    } finally {
      setIncluding(false)
    }
  }

  return (
    <div className="wizard-step">
      <div className="stat-row" data-testid="import-counts">
        <span className="stat stat-ok">
          {t('wizard.countOk', {
            count: summary.byStatus.ok,
            formattedCount: formatNumber(summary.byStatus.ok)
          })}
        </span>
        <span className="stat stat-warning">
          {t('wizard.countWarning', { count: summary.byStatus.warning })}
        </span>
        <span className="stat stat-error">{t('wizard.countError', { count: summary.byStatus.error })}</span>
        <span className="stat stat-excluded">
          {t('wizard.countExcluded', { count: summary.byStatus.excluded })}
        </span>
      </div>
      {codes.length > 0 && (
        <details className="issue-summary" open={codes.length <= 6}>
          <summary>{t('wizard.issuesTitle')}</summary>
          <ul>
            {codes
              .filter(([code]) => code !== 'row-excluded')
              .sort(
                (a, b) =>
                  (a[1].level === 'error' ? -1 : 1) - (b[1].level === 'error' ? -1 : 1) ||
                  b[1].count - a[1].count
              )
              .map(([code, entry]) => (
                <li key={code} className={`cell-${entry.level}`}>
                  <strong>
                    {t('wizard.issueExamples', { count: entry.count, title: t(`issueTitles.${code}`) })}
                  </strong>{' '}
                  <span className="muted">
                    — {t('wizard.row')} {entry.examples.map((e) => e.row).join(', ')}.{' '}
                    {t(`issueFixes.${code}`)}
                  </span>
                </li>
              ))}
          </ul>
        </details>
      )}
      <ColumnFixes
        batchId={batchId}
        version={version + rowsVersion}
        onChanged={(result) => {
          onSummary(result.summary)
          setVersion((v) => v + 1)
        }}
      />
      <div className="toolbar">
        <div className="segmented" role="radiogroup" aria-label={t('wizard.validTitle')}>
          {(['all', 'problems', 'errors', 'excluded'] as ReviewFilter[]).map((f) => (
            <button
              key={f}
              role="radio"
              aria-checked={filter === f}
              className={filter === f ? 'segment active' : 'segment'}
              onClick={() => setFilter(f)}
            >
              {t(`wizard.filter${f[0].toUpperCase()}${f.slice(1)}`)}
            </button>
          ))}
        </div>
        {summary.byStatus.excluded > 0 && (
          <button className="button" disabled={including} onClick={() => void includeAllExcluded()}>
            {including && <span className="spinner" aria-hidden="true" />}{' '}
            {t('wizard.includeExcluded', { n: formatNumber(summary.byStatus.excluded) })}
          </button>
        )}
        <span className="muted">{t('wizard.editHint')}</span>
      </div>
      <ReviewGrid
        batchId={batchId}
        filter={filter}
        columns={columns}
        version={version}
        onChanged={(result) => {
          onSummary(result.summary)
          setRowsVersion((v) => v + 1)
        }}
      />
      <ReusePanel batchId={batchId} version={version + rowsVersion} />
    </div>
  )
}
