// One batch in the History table: what it checked, how far it got, with which connection, and what can be
// done with it (open, export offline, delete).
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../../shared/batch'
import { formatDateTime, formatNumber } from '../../i18n'
import { BatchStatusTag } from '../batch/labels'
import { BatchCost } from './BatchCost'

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const
export type HistoryExport = (typeof EXPORT_FORMATS)[number]
/** A batch in these states is being worked on: it cannot be deleted. */
export const LIVE = new Set(['running', 'paused', 'cancelling'])

interface Props {
  batch: BatchView
  connectionName: string
  /** `<batch id>:<action>` of what is running, if anything. */
  busy: string | undefined
  /** False while the export password typed is too short: the quick exports wait for a valid one. */
  canExport: boolean
  onOpen(): void
  onExport(format: HistoryExport): void
  onDelete(): void
}

export function HistoryRow({ batch, connectionName, busy, canExport, onOpen, onExport, onDelete }: Props) {
  const { t } = useTranslation()
  const c = batch.counts
  const finished = c.done + c.failed + c.cancelled
  return (
    <tr data-testid="history-row">
      <td>
        <button className="link-button" onClick={onOpen}>
          {batch.name}
        </button>
        {batch.fileName && (
          <div className="hint">
            {batch.fileName.split(/[\\/]/).pop()}
            {batch.sheet ? ` · ${batch.sheet}` : ''}
          </div>
        )}
      </td>
      <td>
        {batch.country
          ? t(`countries.${batch.country}`, { defaultValue: batch.country })
          : t('history.mixed')}
      </td>
      <td>{batch.type ? t(`checkTypes.${batch.type}`, { defaultValue: batch.type }) : t('history.mixed')}</td>
      <td>{t(`history.engines.${batch.engine}`)}</td>
      <td>
        <BatchStatusTag status={batch.status} />
        {batch.draftRead === 'failed' && (
          <div className="hint result-error" data-testid="draft-not-read-hint">
            {t('history.notReadToEnd')}
          </div>
        )}
        {batch.draftRead === 'reading' && <div className="hint">{t('history.beingRead')}</div>}
      </td>
      <td className="numeric nowrap">
        <div>
          {t('history.finishedOf', {
            done: formatNumber(finished),
            total: formatNumber(batch.total)
          })}
        </div>
        {(c.failed > 0 || c.error > 0) && (
          <div className="hint result-error">
            {t('history.problems', {
              failed: formatNumber(c.failed),
              error: formatNumber(c.error)
            })}
          </div>
        )}
        <BatchCost batch={batch} />
      </td>
      <td className="nowrap">{formatDateTime(batch.createdAt)}</td>
      <td>{connectionName}</td>
      <td>
        <div className="actions tight nowrap">
          <button className="button primary" onClick={onOpen}>
            {t('history.open')}
          </button>
          {batch.status !== 'draft' && (
            <div
              className="button-group"
              role="group"
              aria-label={t('history.exportLabel', { name: batch.name })}
            >
              {EXPORT_FORMATS.map((format) => (
                <button
                  key={format}
                  className="button"
                  disabled={busy !== undefined || !canExport}
                  aria-label={t('history.exportAs', {
                    name: batch.name,
                    format: format.toUpperCase()
                  })}
                  onClick={() => onExport(format)}
                >
                  {busy === `${batch.id}:${format}` && <span className="spinner" aria-hidden="true" />}{' '}
                  {format.toUpperCase()}
                </button>
              ))}
            </div>
          )}
          <button
            className="button danger"
            disabled={busy !== undefined || LIVE.has(batch.status)}
            title={LIVE.has(batch.status) ? t('history.cannotDeleteRunning') : undefined}
            aria-label={t('history.deleteLabel', { name: batch.name })}
            onClick={onDelete}
          >
            {busy === `${batch.id}:delete` && <span className="spinner" aria-hidden="true" />}{' '}
            {t('history.delete')}
          </button>
        </div>
      </td>
    </tr>
  )
}
