// People: everything Lote has checked about one person (or company, or vehicle) across batches, and what changed
// between two of their checks — the previous one and the newest, for every row of a re-run, or any two the
// analyst picks.
import { compareChecks, type ChangeSummary, type CheckSnapshot } from '../../shared/checks/changes'
import { comparableDocument } from '../../shared/checks/subject'
import { AppError } from '../../shared/result'
import type { ResultsStore } from '../store/results/results-store'
import type { SubjectCheck } from '../store/results/subjects'
import { parseCheck } from '../truora/parse'

/** A subject's checks, newest first, and which document they are of. */
export interface SubjectHistory {
  country: string | null
  document: string
  checks: SubjectCheck[]
}

/** An ISO time in one format, so two checks' times compare as text. */
function isoTime(value: string | null): string {
  const ms = value ? Date.parse(value) : NaN
  return Number.isFinite(ms) ? new Date(ms).toISOString() : ''
}

/** Checks compared per query and per transaction. */
const CHUNK = 500
/** Up to this many checks are compared before the first page of results is answered. */
const COMPARE_NOW = 2_000
/** A large batch's comparisons wait for the first page to go out, then leave room for other work. */
const FIRST_PAUSE_MS = 3_000
const PAUSE_MS = 50
const FINISHED = new Set(['completed', 'cancelled', 'failed'])

export class People {
  /** Batches being compared a chunk at a time. */
  private readonly comparing = new Set<string>()
  /** Finished batches compared to the end, with what they looked like then (settledKey). */
  private readonly settled = new Map<string, string>()

  constructor(private readonly store: Pick<ResultsStore, 'results' | 'subjects' | 'changes' | 'batches'>) {}

  /** Every check of the subject of this check, in any batch, newest first. */
  historyOfCheck(checkId: string): SubjectHistory {
    const subject = this.store.subjects.subjectOfCheck(checkId)
    if (!subject) {
      if (!this.store.results.check(checkId))
        throw new AppError('not_found', `There is no check ${checkId} in the results store.`)
      // A check without an identifying document (a name-only search) has no one to gather checks for.
      return { country: null, document: '', checks: [] }
    }
    return {
      country: subject.country,
      document: subject.document,
      checks: this.store.subjects.checksOf({
        document: subject.document,
        country: subject.country,
        input: subject.input
      })
    }
  }

  /** Every check of a document number (dots, dashes and leading zeros aside), of one country or all. */
  historyOfDocument(document: string, country?: string): SubjectHistory {
    const comparable = comparableDocument('national_id', document)
    if (!comparable) throw new AppError('invalid_input', 'Give a document number to look for.')
    return {
      country: country ?? null,
      document: comparable,
      checks: this.store.subjects.checksOf({ document: comparable, country })
    }
  }

  /** What of a stored check takes part in a comparison. */
  private snapshot(checkId: string): CheckSnapshot {
    const check = this.store.results.check(checkId)
    if (!check) throw new AppError('not_found', `There is no check ${checkId} in the results store.`)
    let databases: CheckSnapshot['databases'] = []
    let identityStatus: string | null = null
    try {
      const parsed = parseCheck(check.raw)
      databases = parsed.statuses.map((s) => ({ name: s.databaseName, status: s.status }))
      identityStatus = parsed.summary?.identityStatus ?? null
    } catch {
      // A reading Lote cannot parse still compares by its scores and datasets.
    }
    const datasets: CheckSnapshot['datasets'] = {}
    for (const [name, d] of Object.entries(check.datasets))
      datasets[name] = { result: d.result, severity: d.severity }
    return {
      checkId,
      checkedAt: isoTime(check.createdAt ?? check.finalAt),
      status: check.status,
      score: check.score,
      risk: check.risk,
      datasets,
      databases,
      identityStatus
    }
  }

  private batchOf(checkId: string): { batchId: string | null; batchName: string | null } {
    const check = this.store.results.check(checkId)
    if (!check || !this.store.batches.has(check.batchId)) return { batchId: null, batchName: null }
    return { batchId: check.batchId, batchName: this.store.batches.get(check.batchId).name }
  }

  /** What changed from one check to another (the earlier of the two is the "before"). */
  compare(firstId: string, secondId: string): ChangeSummary {
    if (firstId === secondId) throw new AppError('invalid_input', 'Pick two different checks to compare.')
    let before = this.snapshot(firstId)
    let after = this.snapshot(secondId)
    if (before.checkedAt > after.checkedAt) [before, after] = [after, before]
    return compareChecks(before, after, this.batchOf(before.checkId))
  }

  /**
   * Compares each completed check of a batch not compared yet with the previous check of its subject, and keeps
   * the result for the grid, its "changed only" filter and the exports. Returns how many were compared.
   */
  refreshChanges(batchId: string): number {
    if (this.isSettled(batchId)) return 0
    const pending = this.store.changes.uncompared(batchId)
    for (let i = 0; i < pending.length; i += CHUNK) this.compareChunk(pending.slice(i, i + CHUNK))
    this.settle(batchId)
    return pending.length
  }

  /**
   * As the results open: a batch with few checks to compare is compared now; a large one (a store filled
   * before this version, or by a script) a chunk at a time between other work, after the first page has
   * gone out. A "changed only" filter or an export compares whatever is left before it answers.
   */
  refreshChangesSoon(batchId: string): void {
    if (this.comparing.has(batchId) || this.isSettled(batchId)) return
    if (this.store.changes.completedRows(batchId) <= COMPARE_NOW) {
      this.refreshChanges(batchId)
      return
    }
    this.comparing.add(batchId)
    let pending: string[] | null = null
    let next = 0
    const step = () => {
      try {
        pending ??= this.store.changes.uncompared(batchId)
        if (next >= pending.length || !this.store.batches.has(batchId)) {
          this.comparing.delete(batchId)
          if (this.store.batches.has(batchId)) this.settle(batchId)
          return
        }
        this.compareChunk(pending.slice(next, next + CHUNK))
        next += CHUNK
        setTimeout(step, PAUSE_MS)
      } catch {
        // The store closed, or the batch went: whatever is left is compared when the results are next opened.
        this.comparing.delete(batchId)
      }
    }
    setTimeout(step, FIRST_PAUSE_MS)
  }

  /**
   * A finished batch whose checks were all compared has nothing new to compare until it runs again (a re-run
   * of failed rows ends with another finish time) or a check goes (deleted, erased: its change records go with
   * it), so opening its results asks the store only for those two facts.
   */
  private isSettled(batchId: string): boolean {
    const at = this.settled.get(batchId)
    return at !== undefined && this.store.batches.has(batchId) && this.settledKey(batchId) === at
  }

  private settle(batchId: string): void {
    const key = this.settledKey(batchId)
    if (key) this.settled.set(batchId, key)
  }

  /** The batch's finish time and how many change records the store holds; null while the batch works. */
  private settledKey(batchId: string): string | null {
    const batch = this.store.batches.record(batchId)
    if (!FINISHED.has(batch.status) || !batch.finished_at) return null
    return `${batch.finished_at}|${this.store.changes.count()}`
  }

  private compareChunk(checkIds: string[]): void {
    const previousOf = this.store.subjects.previousChecks(checkIds)
    this.store.changes.record(
      checkIds.map((checkId) => {
        const previous = previousOf.get(checkId)
        if (!previous) return { checkId, previous: null, summary: null }
        const summary = compareChecks(this.snapshot(previous.checkId), this.snapshot(checkId), {
          batchId: previous.batchId,
          batchName: previous.batchName
        })
        return { checkId, previous: previous.checkId, summary }
      })
    )
  }
}
