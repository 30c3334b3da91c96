// Handlers for the app itself: identity, notices, settings and the keychain.
import type { Core } from '../core'
import type { HandlerMap } from './dispatch'

export function appHandlers(
  core: Core
): Pick<
  HandlerMap,
  | 'app:info'
  | 'app:dismissNotice'
  | 'settings:get'
  | 'settings:update'
  | 'keychain:status'
  | 'keychain:useFallback'
> {
  return {
    'app:info': () => ({
      name: 'Lote',
      version: core.options.version,
      shell: core.options.shell === 'electron' ? 'electron' : 'browser',
      systemLocale: core.options.systemLocale,
      dataDir: core.dataDir,
      notices: core.currentNotices()
    }),
    'app:dismissNotice': ({ id }) => {
      core.dismissNotice(id)
      return null
    },
    'settings:get': () => core.publicSettings(),
    'settings:update': (patch) => {
      core.settings.update((s) => ({ ...s, ...patch }))
      const next = core.publicSettings()
      core.events.emit('settings:changed', next)
      return next
    },
    'keychain:status': () => core.keychainStatus(),
    'keychain:useFallback': () => core.useSafeStorage()
  }
}
