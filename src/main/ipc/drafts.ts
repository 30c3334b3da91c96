// Handlers for draft batches: open one from a sheet, follow its read, fix and exclude rows, discard it.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function draftHandlers({
  drafts
}: Application): Pick<
  HandlerMap,
  | 'drafts:open'
  | 'drafts:status'
  | 'drafts:cancel'
  | 'drafts:discard'
  | 'drafts:reread'
  | 'drafts:rows'
  | 'drafts:summary'
  | 'drafts:editCell'
  | 'drafts:setExcluded'
  | 'drafts:setExcludedWhere'
  | 'drafts:fixes'
  | 'drafts:excludeAll'
  | 'drafts:undoExclusion'
  | 'drafts:setDateOrder'
> {
  return {
    'drafts:open': (input) => drafts.open(input),
    'drafts:status': ({ batchId }) => drafts.status(batchId),
    'drafts:cancel': ({ batchId }) => (drafts.cancel(batchId), null),
    'drafts:discard': async ({ batchId, keepFile }) => (await drafts.discard(batchId, { keepFile }), null),
    'drafts:reread': ({ batchId }) => (drafts.reread(batchId), null),
    'drafts:rows': ({ batchId, filter, offset, limit }) => drafts.rows(batchId, filter, offset, limit),
    'drafts:summary': ({ batchId }) => drafts.summary(batchId),
    'drafts:editCell': ({ batchId, row, column, value }) => drafts.editCell(batchId, row, column, value),
    'drafts:setExcluded': ({ batchId, rows, excluded }) => drafts.setExcluded(batchId, rows, excluded),
    'drafts:setExcludedWhere': ({ batchId, filter, excluded }) =>
      drafts.setExcludedWhere(batchId, filter, excluded),
    'drafts:fixes': ({ batchId }) => drafts.fixes(batchId),
    'drafts:excludeAll': ({ batchId, which }) => drafts.excludeAll(batchId, which),
    'drafts:undoExclusion': ({ batchId }) => drafts.undoExclusion(batchId),
    'drafts:setDateOrder': ({ batchId, column, order }) => drafts.setDateOrder(batchId, column, order)
  }
}
