// Handlers for running batches: what will happen before it starts, start with the analyst's authorisation,
// pause, resume, cancel, re-run, delete.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function batchHandlers({
  batches
}: Application): Pick<
  HandlerMap,
  | 'batches:list'
  | 'batches:get'
  | 'batches:preflight'
  | 'batches:start'
  | 'batches:pause'
  | 'batches:resume'
  | 'batches:cancel'
  | 'batches:rerunFailed'
  | 'batches:delete'
  | 'batches:errors'
  | 'batches:unknownShapes'
  | 'batches:recheck'
> {
  return {
    'batches:list': () => batches.list(),
    'batches:get': ({ batchId }) => batches.get(batchId),
    'batches:preflight': ({ batchId, continuous }) => batches.preflight(batchId, { continuous }),
    'batches:start': (input) => batches.startDraft(input),
    'batches:pause': ({ batchId }) => batches.pause(batchId),
    'batches:resume': ({ batchId }) => batches.resume(batchId),
    'batches:cancel': ({ batchId, collect }) => batches.cancel(batchId, collect),
    'batches:rerunFailed': ({ batchId }) => batches.rerunFailed(batchId),
    'batches:delete': async ({ batchId }) => (await batches.delete(batchId), null),
    'batches:errors': ({ batchId }) => batches.errors(batchId),
    'batches:unknownShapes': ({ batchId }) => batches.unknownShapes(batchId),
    'batches:recheck': (input) => batches.recheck(input)
  }
}
