// Handlers for the app itself: identity, notices, settings and the keychain.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function appHandlers({
  preferences,
  connections
}: Application): Pick<
  HandlerMap,
  | 'app:info'
  | 'app:dismissNotice'
  | 'app:notify'
  | 'settings:get'
  | 'settings:update'
  | 'keychain:status'
  | 'keychain:useFallback'
> {
  return {
    'app:info': () => preferences.info(),
    'app:dismissNotice': ({ id }) => (preferences.dismissNotice(id), null),
    'app:notify': (notification) => preferences.notify(notification),
    'settings:get': () => preferences.get(),
    'settings:update': (patch) => preferences.update(patch),
    'keychain:status': () => connections.keychainStatus(),
    'keychain:useFallback': () => connections.useSafeStorage()
  }
}
