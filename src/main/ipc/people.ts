// Handlers for not paying twice and knowing a person's history: a draft's reuse choices, each connection's prices
// and reuse window, a person's checks across batches and what changed between two of them.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function peopleHandlers({
  reuse,
  costs,
  people
}: Application): Pick<
  HandlerMap,
  | 'reuse:preview'
  | 'reuse:choose'
  | 'reuse:setWindow'
  | 'costs:get'
  | 'costs:update'
  | 'people:history'
  | 'people:compare'
> {
  return {
    'reuse:preview': ({ batchId, offset, limit }) => reuse.preview(batchId, { offset, limit }),
    'reuse:choose': ({ batchId, seqs, choice }) => reuse.choose(batchId, seqs, choice),
    'reuse:setWindow': ({ batchId, days }) => reuse.setWindow(batchId, days),
    'costs:get': ({ profileId }) => costs.of(profileId),
    'costs:update': ({ profileId, ...patch }) => costs.update(profileId, patch),
    'people:history': ({ checkId }) => people.historyOfCheck(checkId),
    'people:compare': ({ first, second }) => people.compare(first, second)
  }
}
