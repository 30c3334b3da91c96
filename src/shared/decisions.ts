// The analyst's decision on a person (or company, or vehicle) after reading the check: approved, rejected or
// follow-up, with a reason from a short list and free notes, who decided and when. A row keeps every decision
// ever taken on it; the newest one is current only while the row still has the check it was taken on (a
// re-run check has not been looked at yet, so its row reads undecided again). Pure vocabulary and rules:
// the store, the application layer, the exports and the renderer share it.
import type { RiskLevel } from './batch'
import type { RowQuery } from './results'

export const DECISIONS = ['approved', 'rejected', 'follow-up'] as const
export type Decision = (typeof DECISIONS)[number]

/** What the grid filters on: a decision, or none yet. */
export const DECISION_FILTERS = [...DECISIONS, 'undecided'] as const
export type DecisionFilter = (typeof DECISION_FILTERS)[number]

/** The reasons an analyst picks from, per decision; `other` asks for a note. */
export const DECISION_REASONS = {
  approved: ['no-findings', 'findings-not-relevant', 'namesake-not-person', 'documents-verified', 'other'],
  rejected: [
    'criminal-record',
    'sanctions-or-pep',
    'identity-not-confirmed',
    'document-invalid',
    'false-information',
    'other'
  ],
  'follow-up': ['ask-documents', 'confirm-identity', 'check-again', 'escalated', 'other']
} as const satisfies Record<Decision, readonly string[]>

export type DecisionReason = (typeof DECISION_REASONS)[Decision][number]

export const ALL_DECISION_REASONS: readonly DecisionReason[] = [
  ...new Set(Object.values(DECISION_REASONS).flat())
] as DecisionReason[]

export const MAX_DECISION_NOTE = 2000

/** One decision as recorded. */
export interface DecisionView {
  id: number
  decision: Decision
  reason: DecisionReason
  note: string
  decidedBy: string
  /** ISO time. */
  decidedAt: string
  /** The check the analyst looked at (null for a row whose check could not be created). */
  checkId: string | null
}

/** What the analyst says: the decision, why, and notes. */
export interface DecisionInput {
  decision: Decision
  reason: DecisionReason
  note?: string
}

/** Which rows a decision applies to: rows by sheet order (seq), or every row the grid's filters match. */
export type DecisionTarget = { seqs: number[] } | { matching: RowQuery }

export interface DecisionOutcome {
  /** Rows that got the decision. */
  decided: number
  /** Rows left as they were, and why. */
  refused: { seq: number; row: number; why: DecisionRefusal }[]
}

/**
 * Why a row cannot take a decision:
 * - not-sent: never sent to Truora (errors in the file, excluded): there is nothing to decide on.
 * - no-check: no check was made (it could not be created, or the batch was cancelled): nobody is approved unchecked.
 * - not-finished: its check has not finished; nothing can be approved before the verdict is in.
 * - needs-own-look: approving in bulk is only for low-risk rows; a row with any signal is approved one by one.
 */
export const DECISION_REFUSALS = ['not-sent', 'no-check', 'not-finished', 'needs-own-look'] as const
export type DecisionRefusal = (typeof DECISION_REFUSALS)[number]

/** The reason has to belong to the decision, and `other` needs a note saying what. */
export function decisionInputProblem(input: DecisionInput): 'reason' | 'note' | null {
  if (!(DECISION_REASONS[input.decision] as readonly string[]).includes(input.reason)) return 'reason'
  if (input.reason === 'other' && !(input.note ?? '').trim()) return 'note'
  return null
}

/**
 * Whether a row may take this decision. A wrong verdict is the worst bug: approving is refused while the
 * check has not finished, and in bulk for any row that is not low risk (each such person is approved from the
 * drawer, after reading why). Rejecting or asking for follow-up is always possible for a row that was sent.
 */
export function decisionRefusal(
  row: { state: string; risk: RiskLevel | null; checkId: string | null },
  decision: Decision,
  bulk: boolean
): DecisionRefusal | null {
  if (row.state === 'skipped') return 'not-sent'
  if (decision !== 'approved') return null
  const waiting = ['pending', 'creating', 'running'].includes(row.state) || row.risk === 'pending'
  if (waiting) return 'not-finished'
  if (row.checkId === null) return 'no-check'
  if (bulk && row.risk !== 'low') return 'needs-own-look'
  return null
}
