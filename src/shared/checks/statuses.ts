// How Lote reads a check's status (docs/truora-api.md decision 13). Pure, so the engines, the store, the
// exports and the UI read statuses the same way.

/** The statuses Truora documents as "still working on it". */
export const WAITING_CHECK_STATUSES: readonly string[] = ['not_started', 'in_progress', 'delayed']
const WAITING: ReadonlySet<string> = new Set(WAITING_CHECK_STATUSES)

/**
 * The documented waiting statuses are waiting, `completed` is done, `error` is a known failure, and anything
 * else is final too — Truora warns that other final statuses exist — and needs an analyst's attention, shown
 * with the raw status.
 */
export type CheckStatusClass = 'waiting' | 'completed' | 'error' | 'unknown-final'

export function classifyCheckStatus(status: string): CheckStatusClass {
  if (WAITING.has(status)) return 'waiting'
  if (status === 'completed') return 'completed'
  if (status === 'error') return 'error'
  return 'unknown-final'
}

/** Every status that is not documented as waiting is final: polling stops there. */
export function isFinalCheckStatus(status: string): boolean {
  return !WAITING.has(status)
}
