// The Sandbox's checks: the create rule (force_creation, the dedupe window that lets a lost create be retried
// safely), storage across restarts and between processes, and erasure. What a request must hold is read in
// check-request.ts; the JSON of a check at the current simulated time in check-views.ts and check-details.ts.
import { planCheck, checkStatus, type CheckPlan, type DatabasePlan, type UnusualEnds } from './check-plan'
import type { CreateCheckRequest } from './check-request'
import { checkDetails, checkSummary } from './check-details'
import { checkAttachment, checkAttachments, checkOutput, checkView, elapsedOf } from './check-views'
import { ApiError } from './http'
import { decidingValue } from './magic-inputs'
import { seededHex } from './seeded'
import type { SimulatedClock } from './sim-clock'

export interface StoredCheck {
  id: string
  country: string
  type: string
  inputs: Record<string, string>
  reportId?: string
  previousCheck?: string
  createdReal: number
  createdSim: number
  plan: CheckPlan
  dedupeKey: string
  pdfRequestedSim?: number
  deleted: boolean
}

/** What the Sandbox keeps of its checks across restarts (src/main/sandbox/state.ts). */
export interface CheckStoreState {
  sequence: number
  created: number
  returnedExisting: number
  checks: StoredCheck[]
  /** Checks made per row token (Lote's custom_input), so duplicates are still counted after a restart. */
  createdPerToken: [string, number][]
}

export class CheckStore {
  private readonly checks = new Map<string, StoredCheck>()
  private readonly byKey = new Map<string, StoredCheck>()
  private readonly createdPerToken = new Map<string, number>()
  /** Checks made per document (country, type and deciding input), for outcomes that change between checks. */
  private readonly perDocument = new Map<string, number>()
  private sequence = 0
  created = 0
  returnedExisting = 0

  constructor(
    private readonly clock: SimulatedClock,
    private readonly settings: () => {
      seed: number
      dedupeWindowMs: number
      legacy: boolean
      unusual: UnusualEnds
    },
    /** Where to look for a check this store does not hold (another process's Sandbox kept it). */
    private readonly elsewhere: (id: string) => StoredCheck | null = () => null
  ) {}

  /**
   * Without force_creation, the same inputs within the dedupe window return the earlier check. That is
   * what lets a client retry a lost create safely (docs/truora-api.md decision 7).
   */
  create(request: CreateCheckRequest): { check: StoredCheck; created: boolean } {
    const { seed, dedupeWindowMs, unusual } = this.settings()
    const now = this.clock.now()
    const dedupeKey = JSON.stringify([
      request.country,
      request.type,
      request.reportId ?? '',
      Object.entries(request.inputs).sort()
    ])
    const earlier = this.byKey.get(dedupeKey)
    const recent = earlier && !earlier.deleted && now - earlier.createdReal <= dedupeWindowMs
    if (recent && !request.force) {
      this.returnedExisting++
      return { check: earlier, created: false }
    }
    this.sequence++
    const documentKey = JSON.stringify([request.country, request.type, decidingValue(request.inputs)])
    const earlierChecks = this.perDocument.get(documentKey) ?? 0
    this.perDocument.set(documentKey, earlierChecks + 1)
    const check: StoredCheck = {
      id: `CHK${seededHex(32, 'check', seed, this.sequence, now)}`,
      country: request.country,
      type: request.type,
      inputs: request.inputs,
      reportId: request.reportId,
      previousCheck: earlier && !earlier.deleted ? earlier.id : undefined,
      createdReal: now,
      createdSim: this.clock.simNow(),
      plan: planCheck(
        request.country,
        request.type,
        request.inputs,
        request.weights,
        seed,
        unusual,
        earlierChecks
      ),
      dedupeKey,
      deleted: false
    }
    this.checks.set(check.id, check)
    this.byKey.set(dedupeKey, check)
    this.created++
    const token = request.inputs.custom_input
    if (token) this.createdPerToken.set(token, (this.createdPerToken.get(token) ?? 0) + 1)
    return { check, created: true }
  }

  /** Checks created more than once for the same row token (custom_input). */
  duplicates(): number {
    let duplicates = 0
    for (const count of this.createdPerToken.values()) duplicates += Math.max(0, count - 1)
    return duplicates
  }

  get(id: string): StoredCheck {
    const check = this.checks.get(id) ?? this.adopt(id)
    if (!check || check.deleted) throw new ApiError(404, 'The Check was not found')
    return check
  }

  /** A check made by another process's Sandbox on the same data folder, taken in. */
  private adopt(id: string): StoredCheck | null {
    const check = this.elsewhere(id)
    if (!check || check.id !== id) return null
    this.checks.set(check.id, check)
    if (!this.byKey.has(check.dedupeKey)) this.byKey.set(check.dedupeKey, check)
    return check
  }

  delete(id: string): void {
    this.get(id).deleted = true
  }

  /**
   * Removes checks for good, as if never made here: what a person's erasure in Lote asks of the Sandbox that
   * ran on this computer. Unlike `delete`, nothing of the check (its inputs) stays, even in memory.
   */
  forget(ids: readonly string[]): number {
    let forgotten = 0
    for (const id of ids) {
      const check = this.checks.get(id)
      if (!check) continue
      this.checks.delete(id)
      if (this.byKey.get(check.dedupeKey) === check) this.byKey.delete(check.dedupeKey)
      forgotten++
    }
    return forgotten
  }

  /** What is kept across a restart: every check but the deleted ones, which keep nothing of their person. */
  snapshot(): CheckStoreState {
    return {
      sequence: this.sequence,
      created: this.created,
      returnedExisting: this.returnedExisting,
      checks: [...this.checks.values()].filter((check) => !check.deleted),
      createdPerToken: [...this.createdPerToken]
    }
  }

  /** Takes back what `snapshot` kept (on a Sandbox that has made nothing yet). */
  restore(state: CheckStoreState): void {
    this.sequence = Math.max(this.sequence, state.sequence)
    this.created += state.created
    this.returnedExisting += state.returnedExisting
    for (const [token, count] of state.createdPerToken) this.createdPerToken.set(token, count)
    for (const check of [...state.checks].sort((a, b) => a.createdReal - b.createdReal)) {
      this.checks.set(check.id, check)
      this.byKey.set(check.dedupeKey, check)
      const documentKey = JSON.stringify([check.country, check.type, decidingValue(check.inputs)])
      this.perDocument.set(documentKey, (this.perDocument.get(documentKey) ?? 0) + 1)
    }
  }

  list(reportId: string | null): StoredCheck[] {
    return [...this.checks.values()].filter(
      (check) => !check.deleted && (!reportId || check.reportId === reportId)
    )
  }

  elapsed(check: StoredCheck): number {
    return elapsedOf(check, this.clock)
  }

  status(check: StoredCheck): string {
    return checkStatus(check.plan, this.elapsed(check))
  }

  /** The check as GET /v1/checks/{id} shows it now (check-views.ts). */
  view(check: StoredCheck): Record<string, unknown> {
    return checkView(check, this.clock, this.settings().legacy)
  }

  output(check: StoredCheck): Record<string, unknown> {
    return checkOutput(check, this.clock, this.settings().legacy)
  }

  /** GET /v1/checks/{id}/details: one detail per database (check-details.ts). */
  details(check: StoredCheck, lang: string | null, startKey: string | null, pageSize: number) {
    return checkDetails(check, this.clock, lang, startKey, pageSize)
  }

  /** GET /v1/checks/{id}/summarize: a short text for manual review, plus its parts. */
  summarize(check: StoredCheck): Record<string, unknown> {
    return checkSummary(check, this.clock, this.view(check).score)
  }

  /** Certificates of the identity and criminal-record databases that answered. */
  attachments(check: StoredCheck, origin: string): Record<string, unknown> {
    return checkAttachments(check, this.clock, origin)
  }

  attachment(check: StoredCheck, id: string): DatabasePlan {
    return checkAttachment(check, this.clock, id)
  }
}
