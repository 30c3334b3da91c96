// A batch paused because Truora refused its connection's key: what happened in the analyst's words, that
// nothing was lost, and the key fixed in place — once Truora accepts the new key, the batch resumes by itself
// from where it stopped.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../../../shared/batch'
import { call } from '../../../lib/api'
import { useAppState } from '../../../state/app-state'
import { KeyFix } from '../../connections/KeyFix'

export function KeyRefusedPanel({
  batch,
  onChanged
}: {
  batch: BatchView
  onChanged(batch: BatchView): void
}) {
  const { t } = useTranslation()
  const { profiles } = useAppState()
  const [error, setError] = useState<string>()
  const profileId = batch.profileId ?? batch.authorization?.profileId
  const profile = profiles.find((p) => p.id === profileId)
  const resume = async () => {
    setError(undefined)
    try {
      onChanged(await call('batches:resume', { batchId: batch.id }))
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <section className="banner banner-error" role="alert" data-testid="key-refused">
      <div>
        <strong>{t(`monitor.statusCodes.${batch.statusCode ?? 'key_refused'}`)}</strong>
        <p>{t('monitor.keyRefused.body', { name: profile?.name ?? '' })}</p>
        {profile && <KeyFix profileId={profile.id} state={profile.keyState} onWorks={() => void resume()} />}
        {error && <p className="result-error">{error}</p>}
      </div>
    </section>
  )
}
