// Handlers for reviewing results: the grid, its charts, one check in detail, and exports.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function resultHandlers({
  checks
}: Application): Pick<
  HandlerMap,
  | 'results:query'
  | 'results:stats'
  | 'results:check'
  | 'results:details'
  | 'results:summary'
  | 'results:attachments'
  | 'results:attachment'
  | 'results:pdf'
  | 'results:deleteCheck'
  | 'results:export'
> {
  return {
    'results:query': ({ batchId, query }) => checks.query(batchId, query),
    'results:stats': ({ batchId }) => checks.stats(batchId),
    'results:check': ({ checkId }) => checks.get(checkId),
    'results:details': ({ checkId, lang }) => checks.details(checkId, lang),
    'results:summary': ({ checkId }) => checks.summary(checkId),
    'results:attachments': ({ checkId }) => checks.attachments(checkId),
    'results:attachment': ({ checkId, index }) => checks.attachment(checkId, index),
    'results:pdf': ({ checkId, lang }) => checks.pdf(checkId, lang),
    'results:deleteCheck': async ({ checkId }) => (await checks.delete(checkId), null),
    'results:export': ({ batchId, format, ...choices }) => checks.export(batchId, format, choices)
  }
}
