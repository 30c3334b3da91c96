// Handlers for connection profiles and their API keys. No response ever carries a key.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function profileHandlers({
  connections
}: Application): Pick<
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
  return {
    'profiles:list': () => connections.list(),
    'profiles:create': (input) => connections.create(input),
    'profiles:update': (input) => connections.update(input),
    'profiles:delete': ({ id }) => connections.delete(id),
    'profiles:activate': ({ id }) => connections.activate(id),
    'profiles:setKey': ({ id, apiKey }) => connections.setKey(id, apiKey),
    'profiles:deleteKey': ({ id }) => connections.deleteKey(id),
    'profiles:testKey': ({ id }) => connections.test(id)
  }
}
