// Every batch in the local store, newest first (drafts never started grouped apart): open one (its monitor while it runs, its results after),
// export it without a connection, or delete it.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../shared/batch'
import { call } from '../lib/api'
import { useSaveDownload } from '../lib/use-save-download'
import { reportChoices } from '../lib/report-choices'
import { useLoad } from '../lib/use-load'
import { useBatchEvents } from '../lib/batch-events'
import { useRouter } from '../state/router'
import { useAppState } from '../state/app-state'
import { useToast } from '../components/Toasts'
import { LoadState } from '../components/LoadState'
import { formatNumber } from '../i18n'
import { HistoryRow, LIVE, type HistoryExport } from './history/HistoryRow'
import { ExportPassword, exportPasswordChoice, exportPasswordReady } from '../components/ExportPassword'

export function HistoryScreen() {
  const { t, i18n } = useTranslation()
  const toast = useToast()
  const { navigate } = useRouter()
  const { profiles } = useAppState()
  const batches = useLoad(() => call('batches:list'), [])
  // A batch that starts or ends elsewhere (another window, a restart's resume) shows its new status here.
  useBatchEvents(null, (event) => {
    if (event.type === 'started' || event.type === 'finished') batches.reload()
  })
  const [newestFirst, setNewestFirst] = useState(true)
  const [busy, setBusy] = useState<string>()
  // The quick exports are protected like the export card's: one password for any batch exported from here.
  const [password, setPassword] = useState('')

  const sorted = useMemo(() => {
    const list = [...(batches.data ?? [])]
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) * (newestFirst ? -1 : 1))
    return list
  }, [batches.data, newestFirst])

  const open = (batch: BatchView) =>
    batch.status === 'draft'
      ? navigate({ screen: 'wizard', batchId: batch.id })
      : navigate({ screen: 'batch', batchId: batch.id, view: LIVE.has(batch.status) ? 'monitor' : 'results' })

  const save = useSaveDownload(setBusy)
  const exportBatch = (batch: BatchView, format: HistoryExport) =>
    save(`${batch.id}:${format}`, () =>
      call('results:export', {
        batchId: batch.id,
        format,
        ...reportChoices(i18n.language),
        ...exportPasswordChoice(password)
      })
    )

  const remove = async (batch: BatchView) => {
    if (!window.confirm(t('history.confirmDelete', { name: batch.name, n: formatNumber(batch.total) })))
      return
    setBusy(`${batch.id}:delete`)
    try {
      await call('batches:delete', { batchId: batch.id })
      batches.set((batches.data ?? []).filter((b) => b.id !== batch.id))
      toast('success', t('history.deleted', { name: batch.name }))
    } catch (e) {
      toast('error', e as Error)
    } finally {
      setBusy(undefined)
    }
  }

  const started = sorted.filter((batch) => batch.status !== 'draft')
  const drafts = sorted.filter((batch) => batch.status === 'draft')

  /** One table of batches; started batches and drafts get one each. */
  const historyTable = (rows: BatchView[], testId: string) => (
    <div className="card table-card">
      <table className="table history-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('history.columns.name')}</th>
            <th scope="col">{t('history.columns.country')}</th>
            <th scope="col">{t('history.columns.type')}</th>
            <th scope="col">{t('history.columns.engine')}</th>
            <th scope="col">{t('history.columns.status')}</th>
            <th scope="col" className="numeric">
              {t('history.columns.rows')}
            </th>
            <th scope="col" aria-sort={newestFirst ? 'descending' : 'ascending'}>
              <button
                className="vgrid-sort"
                onClick={() => setNewestFirst((v) => !v)}
                title={t('results.sortHint')}
              >
                {t('history.columns.created')}
                <span aria-hidden="true" className="vgrid-sort-mark">
                  {newestFirst ? '▼' : '▲'}
                </span>
              </button>
            </th>
            <th scope="col">{t('history.columns.connection')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('history.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((batch) => (
            <HistoryRow
              key={batch.id}
              batch={batch}
              connectionName={profileName(batch.profileId)}
              busy={busy}
              canExport={exportPasswordReady(password)}
              onOpen={() => open(batch)}
              onExport={(format) => void exportBatch(batch, format)}
              onDelete={() => void remove(batch)}
            />
          ))}
        </tbody>
      </table>
    </div>
  )

  const profileName = (id: string | null) =>
    id === null
      ? '—'
      : (profiles.find((p) => p.id === id)?.name ?? (id === 'sandbox' ? t('history.sandbox') : id))

  return (
    <section className="screen screen-wide">
      <header className="screen-header">
        <div>
          <h1>{t('history.title')}</h1>
          <p className="muted">{t('history.intro')}</p>
        </div>
        <button className="button" onClick={batches.reload} disabled={batches.loading}>
          {batches.loading && <span className="spinner" aria-hidden="true" />} {t('history.refresh')}
        </button>
      </header>
      {!batches.data && (
        <LoadState loading={batches.loading} error={batches.error} onRetry={batches.reload} />
      )}
      {batches.data && batches.data.length === 0 && (
        <div className="card empty-state">
          <p>{t('history.empty')}</p>
          <button className="button primary" onClick={() => navigate({ screen: 'wizard' })}>
            {t('history.newBatch')}
          </button>
        </div>
      )}
      {started.length > 0 && (
        <div className="card history-export" data-testid="history-export">
          <ExportPassword idPrefix="history-export" password={password} onChange={setPassword} />
        </div>
      )}
      {started.length > 0 && historyTable(started, 'history-table')}
      {drafts.length > 0 && (
        // Drafts never started are kept out of the way, together, until the analyst looks for one.
        <details
          className="card drafts-group"
          data-testid="history-drafts"
          // Open when there is nothing else to show, or a draft needs the analyst (its read did not finish).
          open={started.length === 0 || drafts.some((batch) => batch.draftRead === 'failed')}
        >
          <summary>{t('history.drafts', { count: drafts.length, n: formatNumber(drafts.length) })}</summary>
          {historyTable(drafts, 'history-drafts-table')}
        </details>
      )}
    </section>
  )
}
