// Every handler of the contract, one module per domain. TypeScript fails here if a channel has no handler.
import type { Core } from '../core'
import type { HandlerMap } from './dispatch'
import { appHandlers } from './app'
import { profileHandlers } from './profiles'
import { accountHandlers } from './account'

export function createHandlers(core: Core): HandlerMap {
  return {
    ...appHandlers(core),
    ...profileHandlers(core),
    ...accountHandlers(core)
  }
}
