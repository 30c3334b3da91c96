// What every screen needs to know: app info, settings and connections, kept fresh from backend events.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { ChannelOutput, Notice, ProfileView, PublicSettings } from '../../../shared/contract'
import { resolveLanguage } from '../../../shared/settings'
import { call, onEvent } from '../lib/api'
import { applyLanguage } from '../i18n'

type AppInfo = ChannelOutput<'app:info'>

interface AppState {
  info: AppInfo
  settings: PublicSettings
  profiles: ProfileView[]
  activeProfile: ProfileView | undefined
  notices: Notice[]
  refreshProfiles(): Promise<void>
  setProfiles(profiles: ProfileView[]): void
  updateSettings(patch: Parameters<typeof call<'settings:update'>>[1]): Promise<void>
  dismissNotice(id: string): Promise<void>
}

const Context = createContext<AppState | null>(null)

export function useAppState(): AppState {
  const state = useContext(Context)
  if (!state) throw new Error('useAppState outside AppStateProvider')
  return state
}

export function AppStateProvider({
  children,
  fallback
}: {
  children: ReactNode
  fallback: (error?: string) => ReactNode
}) {
  const [info, setInfo] = useState<AppInfo>()
  const [settings, setSettings] = useState<PublicSettings>()
  const [profiles, setProfiles] = useState<ProfileView[]>([])
  const [notices, setNotices] = useState<Notice[]>([])
  const [error, setError] = useState<string>()

  useEffect(() => {
    Promise.all([call('app:info'), call('settings:get'), call('profiles:list')])
      .then(([i, s, p]) => {
        setInfo(i)
        setSettings(s)
        setProfiles(p)
        setNotices(i.notices)
      })
      .catch((e: Error) => setError(e.message))
    const offSettings = onEvent('settings:changed', setSettings)
    const offNotice = onEvent('app:notice', (n) => setNotices((list) => [...list, n]))
    return () => {
      offSettings()
      offNotice()
    }
  }, [])

  useEffect(() => {
    if (info && settings)
      // In a browser the analyst's language is the browser's, not that of the computer serving the page.
      applyLanguage(
        resolveLanguage(
          settings.language,
          info.shell === 'browser' ? navigator.language : info.systemLocale || navigator.language
        )
      )
  }, [info, settings])

  const refreshProfiles = useCallback(async () => setProfiles(await call('profiles:list')), [])
  const updateSettings = useCallback(async (patch: Parameters<typeof call<'settings:update'>>[1]) => {
    setSettings(await call('settings:update', patch))
  }, [])
  const dismissNotice = useCallback(async (id: string) => {
    await call('app:dismissNotice', { id })
    setNotices((list) => list.filter((n) => n.id !== id))
  }, [])

  const value = useMemo<AppState | null>(
    () =>
      info && settings
        ? {
            info,
            settings,
            profiles,
            activeProfile: profiles.find((p) => p.active),
            notices,
            refreshProfiles,
            setProfiles,
            updateSettings,
            dismissNotice
          }
        : null,
    [info, settings, profiles, notices, refreshProfiles, updateSettings, dismissNotice]
  )

  if (!value) return <>{fallback(error)}</>
  return <Context.Provider value={value}>{children}</Context.Provider>
}
