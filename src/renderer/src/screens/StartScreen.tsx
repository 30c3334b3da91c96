// Start: which connection is active, a large drop target, the samples, and the latest batches.
import { useTranslation } from 'react-i18next'
import type { FileRefView } from '../../../shared/contract'
import { call } from '../lib/api'
import { useLoad } from '../lib/use-load'
import { useAppState } from '../state/app-state'
import { useRouter } from '../state/router'
import { DropZone, SampleList } from '../components/DropZone'
import { useToast } from '../components/Toasts'
import { formatDateTime, formatNumber } from '../i18n'
import './wizard/wizard.css'

const RECENT = 5

export function StartScreen() {
  const { t } = useTranslation()
  const { activeProfile, settings } = useAppState()
  const toast = useToast()
  const { navigate } = useRouter()
  const batches = useLoad(() => call('batches:list'), [])
  const openFile = (file: FileRefView) => navigate({ screen: 'wizard', file })
  const recent = (batches.data ?? []).filter((b) => b.status !== 'draft').slice(0, RECENT)
  return (
    <section className="screen">
      <header className="screen-header">
        <h1>{t('start.title')}</h1>
      </header>
      {activeProfile?.kind === 'sandbox' && <p className="callout">{t('connection.sandboxExplain')}</p>}
      <DropZone onOpened={openFile} />
      {settings.recentFiles.length > 0 && (
        <>
          <h2>{t('start.recentFiles')}</h2>
          <ul className="recent-list" data-testid="recent-files">
            {settings.recentFiles.map((file) => (
              <li key={file.id}>
                <button
                  className="recent"
                  title={file.folder}
                  onClick={() =>
                    call('files:openRecent', { id: file.id }).then(openFile, (e: Error) => toast('error', e))
                  }
                >
                  <strong>{file.name}</strong>
                  <span className="muted">
                    {t('start.openedAt', { when: formatDateTime(file.openedAt) })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <SampleList onOpened={openFile} />
      <h2>{t('start.recent')}</h2>
      {batches.data && recent.length === 0 && <p className="muted">{t('start.noRecent')}</p>}
      {recent.length > 0 && (
        <ul className="recent-list">
          {recent.map((batch) => (
            <li key={batch.id}>
              <button
                className="recent"
                onClick={() =>
                  navigate({
                    screen: 'batch',
                    batchId: batch.id,
                    view: batch.status === 'running' ? 'monitor' : 'results'
                  })
                }
              >
                <strong>{batch.name}</strong>
                <span className="muted">
                  {formatDateTime(batch.createdAt)} · {formatNumber(batch.total)} ·{' '}
                  {t(`start.status.${batch.status}`)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
