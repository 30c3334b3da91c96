// The audit log: who did what and when, filtered by action and dates, checked for tampering, and saved as csv
// or PDF for an auditor.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AUDIT_ACTIONS, type AuditAction, type AuditQuery } from '../../../../shared/audit'
import type { Language } from '../../../../shared/settings'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { useSaveDownload } from '../../lib/use-save-download'
import { formatDateTime } from '../../i18n'
import { LoadState } from '../../components/LoadState'

export function AuditPanel() {
  const { t, i18n } = useTranslation()
  const [action, setAction] = useState<AuditAction | ''>('')
  const [since, setSince] = useState('')
  const [until, setUntil] = useState('')
  const [busy, setBusy] = useState<string>()
  const query: AuditQuery = {
    ...(action ? { actions: [action] } : {}),
    ...(since ? { since } : {}),
    // The whole "until" day is included.
    ...(until ? { until: `${until}T23:59:59.999Z` } : {})
  }
  const entries = useLoad(() => call('audit:list', query), [action, since, until])
  const verification = useLoad(() => call('audit:verify'), [])
  const save = useSaveDownload(setBusy)
  const language = i18n.language as Language

  return (
    <div className="card-list" data-testid="audit-panel">
      <section className="card">
        <h2 className="card-title">{t('privacy.audit.title')}</h2>
        <p className="muted">{t('privacy.audit.intro')}</p>
        {verification.data && (
          <p role="status" data-testid="audit-verify" className={verification.data.ok ? '' : 'callout'}>
            {verification.data.ok
              ? t('privacy.audit.verified', { count: verification.data.entries })
              : t('privacy.audit.broken', {
                  seq: verification.data.brokenAt.seq,
                  line: verification.data.brokenAt.line
                })}
          </p>
        )}
        <div className="inline-form">
          <label htmlFor="audit-action">{t('privacy.audit.action')}</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value as AuditAction)}>
            <option value="">{t('privacy.audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(actionKey(a))}
              </option>
            ))}
          </select>
          <label htmlFor="audit-since">{t('privacy.audit.since')}</label>
          <input id="audit-since" type="date" value={since} onChange={(e) => setSince(e.target.value)} />
          <label htmlFor="audit-until">{t('privacy.audit.until')}</label>
          <input id="audit-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          {(['csv', 'pdf'] as const).map((format) => (
            <button
              key={format}
              className="button"
              disabled={busy !== undefined}
              aria-busy={busy === format}
              onClick={() => void save(format, () => call('audit:export', { format, query, lang: language }))}
            >
              {t(`privacy.audit.export.${format}`)}
            </button>
          ))}
        </div>
      </section>
      <section className="card">
        <LoadState
          loading={entries.loading}
          error={entries.error}
          onRetry={entries.reload}
          label={t('privacy.audit.loading')}
        />
        {entries.data && entries.data.length === 0 && <p className="muted">{t('privacy.audit.none')}</p>}
        {entries.data && entries.data.length > 0 && (
          <table className="table" data-testid="audit-entries">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('privacy.audit.when')}</th>
                <th>{t('privacy.audit.who')}</th>
                <th>{t('privacy.audit.action')}</th>
                <th>{t('privacy.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {[...entries.data].reverse().map((entry) => (
                <tr key={entry.seq}>
                  <td>{entry.seq}</td>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>
                    {entry.user}
                    {entry.connection && <span className="muted"> · {entry.connection}</span>}
                  </td>
                  <td>{t(actionKey(entry.action))}</td>
                  <td className="audit-details">{describe(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}

/** The text key of an action ("batch.started" reads as privacy.audit.actions.batch_started). */
function actionKey(action: AuditAction): string {
  return `privacy.audit.actions.${action.replace('.', '_')}`
}

/** The entry's details as short "key: value" pairs (ids, counts, formats: no personal data). */
function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ')
}
