// Retention: how long each connection keeps personal data after a batch finishes, what will be purged and
// when, and keeping one batch longer with a reason.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Retention, RetentionState } from '../../../../shared/privacy'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { formatDate } from '../../i18n'
import { LoadState } from '../../components/LoadState'
import { useToast } from '../../components/Toasts'
import { Field } from '../../components/Field'
import { useAppState } from '../../state/app-state'

export function RetentionPanel() {
  const { t } = useTranslation()
  const toast = useToast()
  const { profiles, settings } = useAppState()
  const batches = useLoad(() => call('privacy:retention'), [])
  const [extending, setExtending] = useState<RetentionState>()

  const setRetention = async (profileId: string, retention: Retention) => {
    try {
      await call('privacy:setRetention', { profileId, retention })
      batches.reload()
      toast('success', t('privacy.retention.saved'))
    } catch (error) {
      toast('error', (error as Error).message)
    }
  }

  return (
    <div className="card-list" data-testid="retention-panel">
      <section className="card">
        <h2 className="card-title">{t('privacy.retention.title')}</h2>
        <p className="muted">{t('privacy.retention.intro')}</p>
        <div className="form-grid">
          {profiles.map((profile) => (
            <RetentionField
              key={profile.id}
              label={profile.name}
              id={`retention-${profile.id}`}
              value={settings.retention[profile.id] ?? 'off'}
              onSave={(retention) => void setRetention(profile.id, retention)}
            />
          ))}
        </div>
      </section>
      <section className="card">
        <h2 className="card-title">{t('privacy.retention.batches')}</h2>
        <LoadState
          loading={batches.loading}
          error={batches.error}
          onRetry={batches.reload}
          label={t('privacy.retention.loading')}
        />
        {batches.data && batches.data.length === 0 && <p className="muted">{t('privacy.retention.none')}</p>}
        {batches.data && batches.data.length > 0 && (
          <table className="table" data-testid="retention-batches">
            <thead>
              <tr>
                <th>{t('privacy.retention.batch')}</th>
                <th>{t('privacy.retention.finished')}</th>
                <th>{t('privacy.retention.purge')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {batches.data.map((batch) => (
                <tr key={batch.batchId}>
                  <td>{batch.name}</td>
                  <td>{batch.finishedAt ? formatDate(batch.finishedAt) : '—'}</td>
                  <td>
                    {batch.purgedAt
                      ? t('privacy.retention.purgedOn', { date: formatDate(batch.purgedAt) })
                      : batch.purgeDueAt
                        ? t('privacy.retention.purgeOn', { date: formatDate(batch.purgeDueAt) })
                        : t('privacy.retention.kept')}
                    {batch.extendedUntil && batch.extensionReason && (
                      <div className="muted">
                        {t('privacy.retention.extendedBecause', { reason: batch.extensionReason })}
                      </div>
                    )}
                  </td>
                  <td>
                    {!batch.purgedAt && batch.purgeDueAt && (
                      <button className="button subtle" onClick={() => setExtending(batch)}>
                        {t('privacy.retention.extend')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {extending && (
        <ExtendForm
          batch={extending}
          onDone={() => {
            setExtending(undefined)
            batches.reload()
          }}
        />
      )}
    </div>
  )
}

function RetentionField({
  id,
  label,
  value,
  onSave
}: {
  id: string
  label: string
  value: Retention
  onSave(retention: Retention): void
}) {
  const { t } = useTranslation()
  const [days, setDays] = useState(value === 'off' ? '' : String(value))
  const parsed = Number(days)
  const valid = days === '' || (Number.isInteger(parsed) && parsed >= 1 && parsed <= 3650)
  return (
    <Field
      id={id}
      label={t('privacy.retention.connection', { name: label })}
      hint={t('privacy.retention.daysHint')}
      inline
      type="number"
      min={1}
      max={3650}
      placeholder={t('privacy.retention.off')}
      value={days}
      onChange={(e) => setDays(e.target.value)}
    >
      <button className="button" disabled={!valid} onClick={() => onSave(days === '' ? 'off' : parsed)}>
        {t('privacy.retention.save')}
      </button>
    </Field>
  )
}

function ExtendForm({ batch, onDone }: { batch: RetentionState; onDone(): void }) {
  const { t } = useTranslation()
  const toast = useToast()
  const [days, setDays] = useState('30')
  const [reason, setReason] = useState('')
  const save = async () => {
    try {
      await call('privacy:extendRetention', { batchId: batch.batchId, days: Number(days), reason })
      toast('success', t('privacy.retention.extended', { name: batch.name }))
      onDone()
    } catch (error) {
      toast('error', (error as Error).message)
    }
  }
  return (
    <section className="card" data-testid="retention-extend">
      <h2 className="card-title">{t('privacy.retention.extendTitle', { name: batch.name })}</h2>
      <div className="form-grid">
        <Field
          id="extend-days"
          label={t('privacy.retention.extendDays')}
          type="number"
          min={1}
          max={3650}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
        <label htmlFor="extend-reason">{t('privacy.retention.reason')}</label>
        <input id="extend-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="span-2 inline-form">
          <button
            className="button primary"
            disabled={reason.trim().length < 3 || !(Number(days) >= 1)}
            onClick={() => void save()}
          >
            {t('privacy.retention.extend')}
          </button>
          <button className="button" onClick={onDone}>
            {t('privacy.retention.cancel')}
          </button>
        </div>
      </div>
    </section>
  )
}
