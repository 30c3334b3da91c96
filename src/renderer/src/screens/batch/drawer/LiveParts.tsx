// What only Truora has about a check — its summary text and attachments — fetched when the drawer opens.
// When they cannot be had (offline, the check gone) the rest of the drawer still stands.
import { useTranslation } from 'react-i18next'
import type { Download } from '../../../../../shared/contract'
import { call } from '../../../lib/api'
import { useLoad } from '../../../lib/use-load'
import { LoadState } from '../../../components/LoadState'

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

interface Props {
  checkId: string
  busy: string | undefined
  download(name: string, make: () => Promise<Download>): void
}

export function LiveParts({ checkId, busy, download }: Props) {
  const { t } = useTranslation()
  const summary = useLoad(() => call('results:summary', { checkId }), [checkId])
  const attachments = useLoad(() => call('results:attachments', { checkId }), [checkId])
  return (
    <>
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
                  download(`a${a.index}`, () => call('results:attachment', { checkId, index: a.index }))
                }
              >
                {busy === `a${a.index}` && <span className="spinner" aria-hidden="true" />}{' '}
                {t('results.drawer.download')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
