// The Truora account: its settings, continuous checks and the health of the databases per country.
import { useTranslation } from 'react-i18next'
import { AccountSettingsForm } from './account/AccountSettingsForm'
import { ContinuousChecks } from './account/ContinuousChecks'
import { HealthGrid } from './account/HealthGrid'

export function AccountScreen() {
  const { t } = useTranslation()
  return (
    <section className="screen stack">
      <header className="screen-header">
        <h1>{t('account.title')}</h1>
      </header>
      <AccountSettingsForm />
      <ContinuousChecks />
      <HealthGrid />
    </section>
  )
}
