// Handlers for the app itself: identity, notices, settings and the keychain.
import type { Core } from '../core'
import type { HandlerMap } from './dispatch'
import type { PublicSettings } from '../../shared/contract'

export function publicSettings(core: Core): PublicSettings {
  const { profiles: _profiles, ...rest } = core.settings.get()
  return rest
}

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
    'settings:get': () => publicSettings(core),
    'settings:update': (patch) => {
      core.settings.update((s) => ({ ...s, ...patch }))
      const next = publicSettings(core)
      core.events.emit('settings:changed', next)
      return next
    },
    'keychain:status': () => core.keychainStatus(),
    'keychain:useFallback': () => core.useSafeStorage()
  }
}
