// Always shows which account checks go to, so simulated and real data are never confused.
import { useTranslation } from 'react-i18next'
import { useAppState } from '../state/app-state'

export function ConnectionBadge({ onManage }: { onManage: () => void }) {
  const { t } = useTranslation()
  const { activeProfile } = useAppState()
  if (!activeProfile) return null
  const sandbox = activeProfile.kind === 'sandbox'
  return (
    <button
      className={`connection-badge ${sandbox ? 'is-sandbox' : 'is-live'}`}
      onClick={onManage}
      data-testid="active-connection"
    >
      <span className="connection-label">{t('connection.active')}</span>
      <span className="connection-name">{activeProfile.name}</span>
      <span className="connection-kind">
        {sandbox ? t('connection.sandboxBadge') : t('connection.liveBadge')}
      </span>
    </button>
  )
}
