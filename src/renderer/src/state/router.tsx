// Which screen is showing. Screens navigate by naming a route; there are no URLs to keep in sync (the
// browser host's address carries only the session token).
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react'
import type { FileRefView } from '../../../shared/contract'

export type Route =
  | { screen: 'start' }
  | { screen: 'wizard'; file?: FileRefView; batchId?: string }
  | { screen: 'batch'; batchId: string; view: 'monitor' | 'results' }
  | { screen: 'history' }
  | { screen: 'customTypes' }
  | { screen: 'account' }
  | { screen: 'connections' }
  | { screen: 'settings' }
  | { screen: 'privacy' }

export type ScreenName = Route['screen']

interface Router {
  route: Route
  navigate(route: Route): void
}

const Context = createContext<Router | null>(null)

export function RouterProvider({
  children,
  initial = { screen: 'start' }
}: {
  children: ReactNode
  initial?: Route
}) {
  const [route, setRoute] = useState<Route>(initial)
  const navigate = useCallback((next: Route) => {
    setRoute(next)
    document.querySelector('main')?.scrollTo({ top: 0 })
  }, [])
  return <Context.Provider value={{ route, navigate }}>{children}</Context.Provider>
}

export function useRouter(): Router {
  const router = useContext(Context)
  if (!router) throw new Error('useRouter outside RouterProvider')
  return router
}
