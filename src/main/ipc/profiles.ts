// Handlers for connection profiles and their API keys. No response ever carries a key.
import type { Core } from '../core'
import type { HandlerMap } from './dispatch'
import { testConnection } from '../connection-test'

export function profileHandlers(
  core: Core
): Pick<
  HandlerMap,
  | 'profiles:list'
  | 'profiles:create'
  | 'profiles:update'
  | 'profiles:delete'
  | 'profiles:activate'
  | 'profiles:setKey'
  | 'profiles:deleteKey'
  | 'profiles:testKey'
> {
  const { profiles } = core
  return {
    'profiles:list': () => profiles.list(),
    'profiles:create': (input) => profiles.create(input),
    'profiles:update': (input) => profiles.update(input),
    'profiles:delete': ({ id }) => profiles.delete(id),
    'profiles:activate': ({ id }) => profiles.activate(id),
    'profiles:setKey': ({ id, apiKey }) => profiles.setKey(id, apiKey),
    'profiles:deleteKey': ({ id }) => profiles.deleteKey(id),
    'profiles:testKey': async ({ id }) => testConnection(await profiles.connection(id), core.log)
  }
}
