// Everything stored about one check: scores by dataset, how each database answered, the details tables in a
// chosen language, Truora's summary text, attachments, the PDF, and deleting the check.
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DetailView } from '../../../../shared/results'
import type { Download } from '../../../../shared/contract'
import { call, saveDownload } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { useToast } from '../../components/Toasts'
import { LoadState } from '../../components/LoadState'
import i18n, { formatDateTime } from '../../i18n'
import { RiskBadge, formatScore } from './labels'

type DetailLanguage = 'es' | 'en' | 'pt'
const DETAIL_LANGUAGES: DetailLanguage[] = ['es', 'en', 'pt']

function DetailTables({ detail }: { detail: DetailView }) {
  const { t } = useTranslation()
  return (
    <details className="detail" open={detail.result === 'found'}>
      <summary>
        <strong>{detail.databaseName ?? t('results.drawer.database')}</strong>
        <span className="muted">
          {' · '}
          {detail.dataSet ? t(`datasets.${detail.dataSet}.label`, { defaultValue: detail.dataSet }) : '—'}
          {' · '}
          {detail.result ? t(`results.result.${detail.result}`, { defaultValue: detail.result }) : '—'}
          {detail.severity &&
            detail.severity !== 'none' &&
            ` · ${t(`results.severity.${detail.severity}`, { defaultValue: detail.severity })}`}
        </span>
      </summary>
      {detail.tables.length === 0 && <p className="muted">{t('results.drawer.noTables')}</p>}
      {detail.tables.map((table, i) => {
        const labels = table.rows[0]?.map((cell) => cell.label) ?? []
        return (
          <div key={i} className="detail-table-wrap">
            <table className="table detail-table">
              <caption>{table.title}</caption>
              <thead>
                <tr>
                  {labels.map((label, j) => (
                    <th key={j} scope="col">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((cells, r) => (
                  <tr key={r}>
                    {cells.map((cell, c) => (
                      <td key={c}>{cell.value}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      })}
    </details>
  )
}

/** Parts fetched live from Truora: when they cannot be had (offline, check gone) the rest still stands. */
function SoftLoad({ loading, error, onRetry }: { loading: boolean; error?: string; onRetry(): void }) {
  const { t } = useTranslation()
  if (loading) return <LoadState loading />
  if (!error) return null
  return (
    <div className="soft-error" role="status">
      <p className="hint">{error}</p>
      <button className="button subtle" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  )
}

export function CheckDrawer({
  checkId,
  onClose,
  onDeleted
}: {
  checkId: string
  onClose(): void
  onDeleted(): void
}) {
  const { t } = useTranslation()
  const toast = useToast()
  const id = useId()
  const closeButton = useRef<HTMLButtonElement>(null)
  // Details start as stored when the batch ran (offline); another language is asked of Truora on request.
  const [lang, setLang] = useState<DetailLanguage>()
  const pdfLanguage: DetailLanguage =
    lang ?? (i18n.language.startsWith('pt') ? 'pt' : i18n.language.startsWith('en') ? 'en' : 'es')
  const [busy, setBusy] = useState<string>()
  const check = useLoad(() => call('results:check', { checkId }), [checkId])
  const details = useLoad(
    () => call('results:details', lang ? { checkId, lang } : { checkId }),
    [checkId, lang]
  )
  const summary = useLoad(() => call('results:summary', { checkId }), [checkId])
  const attachments = useLoad(() => call('results:attachments', { checkId }), [checkId])

  // Focus moves into the drawer and back to where it came from (the grid) when it closes.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    closeButton.current?.focus()
    return () => previous?.focus()
  }, [])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  const download = async (name: string, make: () => Promise<Download>) => {
    setBusy(name)
    try {
      const file = await make()
      await saveDownload(file)
      toast('success', t('results.exported', { name: file.name }))
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setBusy(undefined)
    }
  }
  const remove = async () => {
    if (!window.confirm(t('results.drawer.confirmDelete', { row: check.data?.row ?? '' }))) return
    setBusy('delete')
    try {
      await call('results:deleteCheck', { checkId })
      toast('success', t('results.drawer.deleted'))
      onDeleted()
    } catch (e) {
      toast('error', (e as Error).message)
      setBusy(undefined)
    }
  }

  const view = check.data
  const datasets = view ? Object.entries(view.datasets) : []
  const statuses = view?.databases ?? []
  return (
    <aside
      className="drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      data-testid="check-drawer"
    >
      <header className="drawer-header">
        <div>
          <h2 id={`${id}-title`} className="card-title">
            {view ? t('results.drawer.title', { row: view.row }) : t('results.drawer.loading')}
          </h2>
          <div className="mono muted">{checkId}</div>
        </div>
        <button ref={closeButton} className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="drawer-body">
        {!view && <LoadState loading={check.loading} error={check.error} onRetry={check.reload} />}
        {view && (
          <>
            <dl className="stats drawer-stats">
              <div>
                <dt>{t('results.columns.risk')}</dt>
                <dd>
                  <RiskBadge risk={view.risk} />
                </dd>
              </div>
              <div>
                <dt>{t('results.columns.score')}</dt>
                <dd>{formatScore(view.score)}</dd>
              </div>
              <div>
                <dt>{t('results.columns.idScore')}</dt>
                <dd>{formatScore(view.idScore)}</dd>
              </div>
              <div>
                <dt>{t('results.columns.nameScore')}</dt>
                <dd>{formatScore(view.nameScore)}</dd>
              </div>
              <div>
                <dt>{t('results.columns.status')}</dt>
                <dd>{t(`checkStatus.${view.status}`, { defaultValue: view.status })}</dd>
              </div>
              <div>
                <dt>{t('results.drawer.updated')}</dt>
                <dd>{view.updatedAt ? formatDateTime(view.updatedAt) : '—'}</dd>
              </div>
            </dl>
            {view.lastError && (
              <div className="banner banner-warning" role="status">
                <p>{view.lastError}</p>
              </div>
            )}
            <div className="actions">
              <button
                className="button"
                disabled={busy !== undefined}
                onClick={() =>
                  void download('pdf', () => call('results:pdf', { checkId, lang: pdfLanguage }))
                }
              >
                {busy === 'pdf' && <span className="spinner" aria-hidden="true" />} {t('results.drawer.pdf')}
              </button>
              <button className="button danger" disabled={busy !== undefined} onClick={() => void remove()}>
                {busy === 'delete' && <span className="spinner" aria-hidden="true" />}{' '}
                {t('results.drawer.delete')}
              </button>
            </div>

            <h3 className="drawer-section">{t('results.drawer.scores')}</h3>
            {datasets.length === 0 ? (
              <p className="muted">{t('results.drawer.noScores')}</p>
            ) : (
              <table className="table" data-testid="drawer-datasets">
                <thead>
                  <tr>
                    <th scope="col">{t('results.drawer.dataset')}</th>
                    <th scope="col">{t('results.drawer.result')}</th>
                    <th scope="col">{t('results.drawer.severity')}</th>
                    <th scope="col" className="numeric">
                      {t('results.columns.score')}
                    </th>
                    <th scope="col">{t('results.drawer.foundBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {datasets.map(([name, d]) => (
                    <tr key={name}>
                      <th scope="row">{t(`datasets.${name}.label`, { defaultValue: name })}</th>
                      <td>{d.result ? t(`results.result.${d.result}`, { defaultValue: d.result }) : '—'}</td>
                      <td>
                        {d.severity ? t(`results.severity.${d.severity}`, { defaultValue: d.severity }) : '—'}
                      </td>
                      <td className="numeric">{formatScore(d.score)}</td>
                      <td>{d.foundBy ? t(`results.foundByValue.${d.foundBy}`) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

            <h3 className="drawer-section">{t('results.drawer.databases')}</h3>
            {statuses.length === 0 ? (
              <p className="muted">{t('results.drawer.noDatabases')}</p>
            ) : (
              <ul className="db-statuses">
                {statuses.map((s, i) => (
                  <li key={i}>
                    <span>
                      {s.name || '—'}
                      {s.dataSet && (
                        <span className="muted">
                          {' '}
                          · {t(`datasets.${s.dataSet}.label`, { defaultValue: s.dataSet })}
                        </span>
                      )}
                      {s.invalidInputs.length > 0 && (
                        <span className="hint">
                          {' '}
                          {t('results.drawer.invalidInputs', { inputs: s.invalidInputs.join(', ') })}
                        </span>
                      )}
                    </span>
                    <span
                      className={`tag ${s.status === 'completed' ? 'tag-ok' : s.status === 'error' ? 'tag-error' : ''}`}
                    >
                      {t(`checkStatus.${s.status || 'unknown'}`, { defaultValue: s.status || '—' })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}

        <div className="row-between drawer-section">
          <h3>{t('results.drawer.details')}</h3>
          <label className="inline-form tight">
            <span className="hint">{t('results.drawer.language')}</span>
            <select
              value={lang ?? ''}
              onChange={(e) => setLang((e.target.value || undefined) as DetailLanguage | undefined)}
              data-testid="details-language"
            >
              <option value="">{t('results.drawer.languages.stored')}</option>
              {DETAIL_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`results.drawer.languages.${l}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <LoadState loading={details.loading} error={details.error} onRetry={details.reload} />
        {details.data && details.data.length === 0 && (
          <p className="muted">{t('results.drawer.noDetails')}</p>
        )}
        <div className="details-list" data-testid="drawer-details" aria-busy={details.loading}>
          {details.data?.map((d, i) => (
            <DetailTables key={d.id ?? i} detail={d} />
          ))}
        </div>

        <h3 className="drawer-section">{t('results.drawer.summary')}</h3>
        <SoftLoad loading={summary.loading} error={summary.error} onRetry={summary.reload} />
        {summary.data &&
          (summary.data.text ? (
            <p className="summary-text">{summary.data.text}</p>
          ) : (
            <p className="muted">{t('results.drawer.noSummary')}</p>
          ))}

        <h3 className="drawer-section">{t('results.drawer.attachments')}</h3>
        <SoftLoad loading={attachments.loading} error={attachments.error} onRetry={attachments.reload} />
        {attachments.data && attachments.data.length === 0 && (
          <p className="muted">{t('results.drawer.noAttachments')}</p>
        )}
        {attachments.data && attachments.data.length > 0 && (
          <ul className="attachments">
            {attachments.data.map((a) => (
              <li key={a.index}>
                <span>
                  {a.name}
                  {a.databaseName && <span className="muted"> · {a.databaseName}</span>}
                </span>
                <button
                  className="button"
                  disabled={busy !== undefined}
                  onClick={() =>
                    void download(`a${a.index}`, () =>
                      call('results:attachment', { checkId, index: a.index })
                    )
                  }
                >
                  {busy === `a${a.index}` && <span className="spinner" aria-hidden="true" />}{' '}
                  {t('results.drawer.download')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </aside>
  )
}
