// Every handler of the contract, one module per domain. TypeScript fails here if a channel has no handler.
import type { Core } from '../core'
import type { HandlerMap } from './dispatch'
import { appHandlers } from './app'
import { profileHandlers } from './profiles'
import { accountHandlers } from './account'
import { fileHandlers } from './files'
import { importHandlers } from './imports'
import { batchHandlers } from './batches'
import { resultHandlers } from './results'

export function createHandlers(core: Core): HandlerMap {
  return {
    ...appHandlers(core),
    ...profileHandlers(core),
    ...accountHandlers(core),
    ...fileHandlers(core),
    ...importHandlers(core),
    ...batchHandlers(core),
    ...resultHandlers(core)
  }
}
