// Every handler of the contract, one module per domain. TypeScript fails here if a channel has no handler.
// Handlers only carry a call to the application layer (src/main/app): a line or two each.
import type { Core } from '../core'
import type { HandlerMap } from './dispatch'
import { appHandlers } from './app'
import { profileHandlers } from './profiles'
import { accountHandlers } from './account'
import { fileHandlers } from './files'
import { importHandlers } from './imports'
import { draftHandlers } from './drafts'
import { batchHandlers } from './batches'
import { resultHandlers } from './results'
import { decisionHandlers } from './decisions'
import { privacyHandlers } from './privacy'
import { peopleHandlers } from './people'

export function createHandlers(core: Core): HandlerMap {
  const { app } = core
  return {
    ...appHandlers(app),
    ...profileHandlers(app),
    ...accountHandlers(app),
    ...fileHandlers(app),
    ...importHandlers(app),
    ...draftHandlers(app),
    ...batchHandlers(app),
    ...resultHandlers(app),
    ...decisionHandlers(app),
    ...privacyHandlers(app),
    ...peopleHandlers(app)
  }
}
