// Which screen is showing, kept in the address (the part after #) so Back, Forward and Reload work and a batch
// has a link: `#/batch/<id>/monitor`, `#/new/draft/<id>/review`. The browser host's address carries no secret
// (the session is a cookie), so the hash is free for this; the desktop app's file:// page keeps it the same way.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import type { FileRefView } from '../../../shared/contract'

/** The wizard's steps as the address names them. */
export const WIZARD_STEPS = ['file', 'sheet', 'scope', 'mapping', 'validate', 'options', 'confirm'] as const
export type WizardStepName = (typeof WIZARD_STEPS)[number]

export type Route =
  | {
      screen: 'wizard'
      /** A file to open (from the Start screen); never in the address. */
      file?: FileRefView
      /** The draft the wizard read the file into. */
      batchId?: string
      step?: WizardStepName
      /** Tells one new wizard from another, so "New batch" always starts afresh. */
      fresh?: number
    }
  | { screen: 'start' }
  | { screen: 'batch'; batchId: string; view: 'monitor' | 'results' }
  | { screen: 'history' }
  | { screen: 'customTypes' }
  | { screen: 'account' }
  | { screen: 'connections' }
  | { screen: 'settings' }
  | { screen: 'privacy' }

export type ScreenName = Route['screen']

const SIMPLE: readonly ScreenName[] = ['history', 'customTypes', 'account', 'connections', 'settings']
const ID = /^[A-Za-z0-9_-]{1,64}$/

/** The address of a route. */
export function routeToHash(route: Route): string {
  switch (route.screen) {
    case 'start':
      return '#/'
    case 'batch':
      return `#/batch/${route.batchId}/${route.view}`
    case 'wizard':
      return route.batchId
        ? `#/new/draft/${route.batchId}${route.step ? `/${route.step}` : ''}`
        : `#/new${route.step && route.step !== 'file' ? `/${route.step}` : ''}`
    default:
      return `#/${route.screen}`
  }
}

/** The route of an address; anything unknown is the Start screen. */
export function hashToRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean)
  const [first, second, third, fourth] = parts
  if (first === 'batch' && second && ID.test(second))
    return { screen: 'batch', batchId: second, view: third === 'results' ? 'results' : 'monitor' }
  if (first === 'new') {
    const step = (value: string | undefined) =>
      (WIZARD_STEPS as readonly string[]).includes(value ?? '') ? (value as WizardStepName) : undefined
    if (second === 'draft' && third && ID.test(third))
      return { screen: 'wizard', batchId: third, step: step(fourth) }
    return { screen: 'wizard', step: step(second) }
  }
  if (first && (SIMPLE as readonly string[]).includes(first)) return { screen: first } as Route
  return { screen: 'start' }
}

interface Router {
  route: Route
  /** Grows with every Back or Forward, so a screen can follow the address without echoing its own moves. */
  moves: number
  /** Goes to a route, as a new entry in the browser's history (or in place of the current one). */
  navigate(route: Route, options?: { replace?: boolean }): void
}

const Context = createContext<Router | null>(null)

let freshWizards = 0

/** A wizard route that does not come from an open wizard starts a wizard of its own. */
function withFresh(route: Route): Route {
  return route.screen === 'wizard' && route.fresh === undefined ? { ...route, fresh: ++freshWizards } : route
}

export function RouterProvider({ children, initial }: { children: ReactNode; initial?: Route }) {
  const [route, setRoute] = useState<Route>(() => withFresh(initial ?? hashToRoute(window.location.hash)))
  const [moves, setMoves] = useState(0)
  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    // "New batch" (or a file from the Start screen) always opens a wizard of its own; the wizard passes its own.
    const target = withFresh(next)
    setRoute(target)
    const hash = routeToHash(target)
    if (hash !== window.location.hash) {
      if (options.replace) window.history.replaceState(null, '', hash)
      else window.history.pushState(null, '', hash)
    }
    if (!options.replace) document.querySelector('main')?.scrollTo({ top: 0 })
  }, [])
  useEffect(() => {
    // Back and Forward: the route follows the address, and a wizard already open keeps what it knows.
    const follow = () => {
      setMoves((n) => n + 1)
      setRoute((current) => {
        const next = hashToRoute(window.location.hash)
        return current.screen === 'wizard' && next.screen === 'wizard'
          ? { ...current, step: next.step, batchId: next.batchId ?? current.batchId }
          : withFresh(next)
      })
    }
    window.addEventListener('popstate', follow)
    return () => window.removeEventListener('popstate', follow)
  }, [])
  return <Context.Provider value={{ route, moves, navigate }}>{children}</Context.Provider>
}

export function useRouter(): Router {
  const router = useContext(Context)
  if (!router) throw new Error('useRouter outside RouterProvider')
  return router
}
