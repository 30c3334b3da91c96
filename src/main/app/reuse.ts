// Reuse: never paying twice for the same answer. Before a draft starts, every row to be sent is matched with
// completed checks of the same subject (country, check type, document) made on the same connection within the
// reuse window; the analyst keeps the earlier result or checks again, row by row or for all. Rows of the file
// that repeat a document are grouped: one check for the group. What is left are the new checks the batch pays.
import type { BatchSummary } from '../../shared/batch'
import type { ReuseChoice, ReusePreview, ReuseSummary } from '../../shared/reuse'
import { AppError } from '../../shared/result'
import { MAX_REUSE_DAYS } from '../../shared/costs'
import type { ReusedOrigin } from '../../shared/results'
import type { BatchService } from '../batch/service'
import type { ResultsStore } from '../store/results/results-store'
import {
  subjectKeyText,
  type PendingSubjectRow,
  type SubjectCheck,
  type SubjectPlan
} from '../store/results/subjects'
import type { Costs } from './costs'

const DAY_MS = 24 * 3600 * 1000

interface DraftPlan extends ReuseSummary, SubjectPlan {
  matches: Map<number, SubjectCheck>
  rows: PendingSubjectRow[]
}

function nameOf(inputs: Record<string, string>): string {
  const person = [inputs.first_name, inputs.last_name].filter(Boolean).join(' ')
  return person || inputs.company_name || ''
}

function originOf(check: SubjectCheck): ReusedOrigin {
  return {
    checkId: check.checkId,
    batchId: check.batchId,
    batchName: check.batchName,
    checkedAt: check.checkedAt
  }
}

export class Reuse {
  constructor(
    private readonly store: Pick<ResultsStore, 'db' | 'subjects'>,
    private readonly runner: BatchService,
    private readonly costs: Costs,
    private readonly activeProfileId: () => string,
    private readonly now: () => number = Date.now
  ) {}

  private draft(batchId: string): BatchSummary {
    const batch = this.runner.get(batchId)
    if (batch.status !== 'draft') throw new AppError('conflict', 'This batch has already started.')
    return batch
  }

  private profileOf(batch: BatchSummary): string {
    return batch.profileId ?? this.activeProfileId()
  }

  /** The draft's reuse window: the one chosen for it, else its connection's. */
  windowOf(batch: BatchSummary): number {
    return batch.options.reuseDays ?? this.costs.of(this.profileOf(batch)).reuseDays
  }

  /** Reads the draft's rows and decides, row by row, what starting it will do. */
  private plan(batch: BatchSummary): DraftPlan {
    const windowDays = this.windowOf(batch)
    const rows = this.store.subjects.pendingRows(batch.id)
    const since = new Date(this.now() - windowDays * DAY_MS).toISOString()
    const matches =
      windowDays > 0
        ? this.store.subjects.recentChecksFor(batch.id, this.profileOf(batch), since)
        : new Map<number, SubjectCheck>()
    const firstOf = new Map<string, { seq: number; reused: SubjectCheck | null }>()
    const reuse: SubjectPlan['reuse'] = []
    const follow: SubjectPlan['follow'] = []
    const newChecks = new Map<string, { country: string; type: string; checks: number }>()
    const countNew = (row: PendingSubjectRow) => {
      const key = `${row.country}|${row.type}`
      const line = newChecks.get(key) ?? { country: row.country, type: row.type, checks: 0 }
      line.checks++
      newChecks.set(key, line)
    }
    for (const row of rows) {
      const key = row.key ? subjectKeyText(row.key) : null
      const first = key ? firstOf.get(key) : undefined
      if (first) {
        // The group follows its first row: the same earlier result, or a share of its new check.
        if (first.reused) reuse.push({ seq: row.seq, origin: originOf(first.reused) })
        else follow.push({ seq: row.seq, leaderSeq: first.seq })
        continue
      }
      const match = matches.get(row.seq)
      const reused = match && row.choice !== 'check' ? match : null
      if (key) firstOf.set(key, { seq: row.seq, reused })
      if (reused) reuse.push({ seq: row.seq, origin: originOf(reused) })
      else countNew(row)
    }
    return {
      windowDays,
      matched: matches.size,
      reused: reuse.length,
      grouped: follow.length,
      newChecks: [...newChecks.values()],
      reuse,
      follow,
      matches,
      rows
    }
  }

  /** What starting the draft will do: rows reused, rows grouped, new checks by type and country. */
  summary(batchId: string): ReuseSummary {
    const { windowDays, matched, reused, grouped, newChecks } = this.plan(this.draft(batchId))
    return { windowDays, matched, reused, grouped, newChecks }
  }

  /** The summary and the rows with a recent check, in sheet order (a page of them). */
  preview(batchId: string, page: { offset?: number; limit?: number } = {}): ReusePreview {
    const plan = this.plan(this.draft(batchId))
    const offset = Math.max(0, page.offset ?? 0)
    const limit = Math.min(1000, Math.max(1, page.limit ?? 200))
    const matched = plan.rows.filter((row) => plan.matches.has(row.seq))
    const reusedSeqs = new Set(plan.reuse.map((entry) => entry.seq))
    return {
      windowDays: plan.windowDays,
      matched: plan.matched,
      reused: plan.reused,
      grouped: plan.grouped,
      newChecks: plan.newChecks,
      rows: matched.slice(offset, offset + limit).map((row) => {
        const previous = plan.matches.get(row.seq) as SubjectCheck
        return {
          seq: row.seq,
          row: row.row,
          name: nameOf(row.inputs),
          document: row.key ? (row.inputs[row.key.input] ?? row.key.document) : '',
          choice: reusedSeqs.has(row.seq) ? ('reuse' as const) : ('check' as const),
          previous: {
            checkId: previous.checkId,
            batchId: previous.batchId,
            batchName: previous.batchName,
            checkedAt: previous.checkedAt,
            score: previous.score,
            risk: previous.risk,
            found: previous.found
          }
        }
      })
    }
  }

  /** The analyst's choice for some rows (and the rows sharing their documents), or for every row. */
  choose(batchId: string, rows: number[] | 'all', choice: ReuseChoice): ReuseSummary {
    this.draft(batchId)
    this.store.subjects.setChoice(batchId, rows, choice)
    return this.summary(batchId)
  }

  /** A reuse window for this draft only (0 turns reuse off for it). */
  setWindow(batchId: string, days: number): ReuseSummary {
    const batch = this.draft(batchId)
    if (!Number.isInteger(days) || days < 0 || days > MAX_REUSE_DAYS)
      throw new AppError(
        'invalid_input',
        `The reuse window is a whole number of days from 0 to ${MAX_REUSE_DAYS}.`
      )
    this.runner.configure(batchId, { ...batch.options, reuseDays: days })
    return this.summary(batchId)
  }

  /**
   * As the draft starts: reused rows take their earlier result, repeated documents follow their first row.
   * Planned and applied in one transaction, so what was decided is what is stored.
   */
  apply(batchId: string): ReuseSummary {
    return this.store.db.transaction(() => {
      const plan = this.plan(this.draft(batchId))
      this.store.subjects.applyPlan(batchId, plan)
      const { windowDays, matched, reused, grouped, newChecks } = plan
      return { windowDays, matched, reused, grouped, newChecks }
    })
  }
}
