import { useTranslation } from 'react-i18next'
import { useAppState } from '../state/app-state'

export function StartScreen() {
  const { t } = useTranslation()
  const { activeProfile } = useAppState()
  return (
    <section className="screen">
      <header className="screen-header">
        <h1>{t('start.title')}</h1>
      </header>
      {activeProfile?.kind === 'sandbox' && <p className="callout">{t('connection.sandboxExplain')}</p>}
      <div className="drop-zone" aria-label={t('start.dropTitle')}>
        <strong>{t('start.dropTitle')}</strong>
        <span>{t('start.dropHint')}</span>
      </div>
      <h2>{t('start.recent')}</h2>
      <p className="muted">{t('start.noRecent')}</p>
    </section>
  )
}
