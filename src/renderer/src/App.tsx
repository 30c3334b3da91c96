import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppStateProvider, useAppState } from './state/app-state'
import { ToastProvider } from './components/Toasts'
import { ConnectionBadge } from './components/ConnectionBadge'
import { NoticeBanner } from './components/NoticeBanner'
import { StartScreen } from './screens/StartScreen'
import { ConnectionsScreen } from './screens/ConnectionsScreen'
import { SettingsScreen } from './screens/SettingsScreen'
import { CustomTypesScreen } from './screens/CustomTypesScreen'
import { AccountScreen } from './screens/AccountScreen'

export type ScreenName = 'start' | 'customTypes' | 'account' | 'connections' | 'settings'

const NAV: ScreenName[] = ['start', 'customTypes', 'account', 'connections', 'settings']

function Shell() {
  const { t } = useTranslation()
  const [screen, setScreen] = useState<ScreenName>('start')
  const { notices } = useAppState()
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
            {NAV.map((name) => (
              <li key={name}>
                <button
                  className={screen === name ? 'nav-item active' : 'nav-item'}
                  aria-current={screen === name ? 'page' : undefined}
                  onClick={() => setScreen(name)}
                >
                  {t(`nav.${name}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionBadge onManage={() => setScreen('connections')} />
      </aside>
      <main className="content">
        {notices.map((notice) => (
          <NoticeBanner key={notice.id} notice={notice} />
        ))}
        {screen === 'start' && <StartScreen />}
        {screen === 'connections' && <ConnectionsScreen />}
        {screen === 'settings' && <SettingsScreen />}
        {screen === 'customTypes' && <CustomTypesScreen />}
        {screen === 'account' && <AccountScreen />}
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
        <Shell />
      </AppStateProvider>
    </ToastProvider>
  )
}
