// Handlers for the analyst's decisions on rows.
import type { Application } from '../app/index'
import type { DecisionReason } from '../../shared/decisions'
import type { HandlerMap } from './dispatch'

export function decisionHandlers({
  decisions
}: Application): Pick<HandlerMap, 'decisions:decide' | 'decisions:history'> {
  return {
    'decisions:decide': ({ batchId, target, decision, reason, note }) =>
      decisions.decide(batchId, target, { decision, reason: reason as DecisionReason, note }),
    'decisions:history': ({ batchId, seq }) => decisions.history(batchId, seq)
  }
}
