// Connections: the Sandbox and Truora accounts. Keys go in (masked) and never come back out.
import { useTranslation } from 'react-i18next'
import { useAppState } from '../state/app-state'
import { AddProfileForm } from './connections/AddProfileForm'
import { KeychainWarning } from './connections/KeychainWarning'
import { ProfileCard } from './connections/ProfileCard'

export function ConnectionsScreen() {
  const { t } = useTranslation()
  const { profiles } = useAppState()
  return (
    <section className="screen">
      <header className="screen-header">
        <h1>{t('connections.title')}</h1>
      </header>
      <p className="muted">{t('connections.intro')}</p>
      <KeychainWarning />
      <div className="card-list">
        {profiles.map((profile) => (
          <ProfileCard key={profile.id} profile={profile} />
        ))}
      </div>
      <AddProfileForm />
    </section>
  )
}
