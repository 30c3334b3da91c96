// Decisions: the analyst's verdict on each person after reading the check — approved, rejected or follow-up,
// with a reason and notes, who and when — one row at a time from the drawer or on a selection from the grid,
// and the history of a row's decisions. The rules of what may be decided live in src/shared/decisions.ts.
import { userInfo } from 'node:os'
import { AppError } from '../../shared/result'
import {
  decisionInputProblem,
  decisionRefusal,
  type DecisionInput,
  type DecisionOutcome,
  type DecisionTarget,
  type DecisionView
} from '../../shared/decisions'
import type { ResultsStore } from '../store/results/results-store'
import type { SettingsStore } from '../store/settings'
import type { Auditor } from '../store/audit-log'

/** Who decides when nobody said: the name the analyst gave in the settings, else the computer's user. */
export function defaultReviewer(settings: Pick<SettingsStore, 'get'>): string {
  const named = settings.get().reviewerName.trim()
  if (named) return named
  try {
    return userInfo().username
  } catch {
    return ''
  }
}

export class Decisions {
  constructor(
    private readonly store: Pick<ResultsStore, 'batches' | 'results' | 'decisions'>,
    private readonly settings: Pick<SettingsStore, 'get'>,
    /** Each decision leaves an entry: the batch, how many rows, the decision and reason; never notes or names. */
    private readonly audit: Auditor | null = null,
    private readonly clock: () => Date = () => new Date()
  ) {}

  private requireBatch(batchId: string): void {
    if (!this.store.batches.has(batchId)) throw new AppError('not_found', `There is no batch ${batchId}.`)
  }

  /**
   * Records the decision on every row of the target that may take it, and says which rows were left as they
   * were and why. A single row that may not take it is refused with the reason.
   */
  decide(
    batchId: string,
    target: DecisionTarget,
    input: DecisionInput,
    decidedBy: string = defaultReviewer(this.settings)
  ): DecisionOutcome {
    this.requireBatch(batchId)
    const problem = decisionInputProblem(input)
    if (problem === 'reason')
      throw new AppError('invalid_input', `"${input.reason}" is not a reason for "${input.decision}".`)
    if (problem === 'note') throw new AppError('invalid_input', 'Say in the note what the other reason is.')
    const rows = this.store.results.decidable(batchId, target)
    const one = 'seqs' in target && target.seqs.length === 1
    if ('seqs' in target && rows.length === 0)
      throw new AppError('not_found', 'Those rows are not in this batch.')
    const allowed: number[] = []
    const refused: DecisionOutcome['refused'] = []
    for (const row of rows) {
      const why = decisionRefusal(row, input.decision, !one)
      if (why) refused.push({ seq: row.seq, row: row.row, why })
      else allowed.push(row.seq)
    }
    const decided = this.store.decisions.record(batchId, allowed, input, decidedBy.trim(), this.clock())
    if (decided > 0)
      this.audit?.record(
        'decision.recorded',
        { batchId, rows: decided, decision: input.decision, reason: input.reason },
        { connection: this.store.batches.get(batchId).profileId }
      )
    return { decided, refused }
  }

  /** A row's current decision and every decision taken on it, newest first. */
  history(batchId: string, seq: number): { current: DecisionView | null; history: DecisionView[] } {
    this.requireBatch(batchId)
    const history = this.store.decisions.history(batchId, seq)
    const row = this.store.results.decidable(batchId, { seqs: [seq] })[0]
    if (!row) throw new AppError('not_found', `There is no row ${seq} in this batch.`)
    const newest = history[0] ?? null
    return { current: newest && newest.checkId === row.checkId ? newest : null, history }
  }

  counts(batchId: string) {
    this.requireBatch(batchId)
    return this.store.decisions.counts(batchId)
  }
}
