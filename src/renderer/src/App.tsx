import { useTranslation } from 'react-i18next'
import { AppStateProvider, useAppState } from './state/app-state'
import { RouterProvider, useRouter, type ScreenName } from './state/router'
import { PassingMessages, ProblemsPanel, ToastProvider } from './components/Toasts'
import { ConnectionBadge } from './components/ConnectionBadge'
import { NoticeBanner } from './components/NoticeBanner'
import { StartScreen } from './screens/StartScreen'
import { ConnectionsScreen } from './screens/ConnectionsScreen'
import { SettingsScreen } from './screens/SettingsScreen'
import { CustomTypesScreen } from './screens/CustomTypesScreen'
import { AccountScreen } from './screens/AccountScreen'
import { NewBatchWizard } from './screens/wizard/NewBatchWizard'
import { BatchScreen } from './screens/batch/BatchScreen'
import { HistoryScreen } from './screens/HistoryScreen'
import { PrivacyScreen } from './screens/PrivacyScreen'

const NAV: { screen: ScreenName; label: string }[] = [
  { screen: 'start', label: 'nav.start' },
  { screen: 'wizard', label: 'nav.newBatch' },
  { screen: 'history', label: 'nav.history' },
  { screen: 'customTypes', label: 'nav.customTypes' },
  { screen: 'account', label: 'nav.account' },
  { screen: 'connections', label: 'nav.connections' },
  { screen: 'privacy', label: 'nav.privacy' },
  { screen: 'settings', label: 'nav.settings' }
]

function CurrentScreen() {
  const { route } = useRouter()
  switch (route.screen) {
    case 'start':
      return <StartScreen />
    case 'wizard':
      return <NewBatchWizard key={route.fresh} file={route.file} batchId={route.batchId} />
    case 'batch':
      return <BatchScreen key={route.batchId} batchId={route.batchId} view={route.view} />
    case 'history':
      return <HistoryScreen />
    case 'customTypes':
      return <CustomTypesScreen />
    case 'account':
      return <AccountScreen />
    case 'connections':
      return <ConnectionsScreen />
    case 'settings':
      return <SettingsScreen />
    case 'privacy':
      return <PrivacyScreen />
  }
}

function Shell() {
  const { t } = useTranslation()
  const { route, navigate } = useRouter()
  const { notices } = useAppState()
  const current = route.screen === 'batch' ? 'history' : route.screen
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <img src="./logo.svg" alt="" width={28} height={28} />
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul>
            {NAV.map(({ screen, label }) => (
              <li key={screen}>
                <button
                  className={current === screen ? 'nav-item active' : 'nav-item'}
                  aria-current={current === screen ? 'page' : undefined}
                  onClick={() => navigate({ screen } as never)}
                >
                  {t(label)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <PassingMessages />
        <ConnectionBadge onManage={() => navigate({ screen: 'connections' })} />
      </aside>
      <main className="content">
        <ProblemsPanel />
        {notices.map((notice) => (
          <NoticeBanner key={notice.id} notice={notice} />
        ))}
        <CurrentScreen />
      </main>
    </div>
  )
}

export function App() {
  return (
    <ToastProvider>
      <AppStateProvider
        fallback={(error) => (
          <div className="splash" role={error ? 'alert' : 'status'}>
            {error ?? '…'}
          </div>
        )}
      >
        <RouterProvider>
          <Shell />
        </RouterProvider>
      </AppStateProvider>
    </ToastProvider>
  )
}
