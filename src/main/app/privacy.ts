// Privacy: the audit log, erasing a person, and retention. The analyst's verbs here — find a person, erase
// them (and their checks at Truora), see what retention will purge and when, extend a batch's retention, set a
// connection's retention, read, verify and export the audit log — are what the screens and `lote erase`,
// `lote audit` and `lote retention` call.
import type { FileRegistry } from '../files'
import type { Logger } from '../log'
import type { AuditFilter, AuditLog } from '../store/audit-log'
import type { ResultsStore } from '../store/results/results-store'
import type { SettingsStore } from '../store/settings'
import type { Connections } from '../connections/connections'
import { TruoraError } from '../truora/errors'
import { AppError } from '../../shared/result'
import type { AuditEntry, AuditVerification } from '../../shared/audit'
import type {
  Erasure,
  PersonQueryInput,
  PersonSearch,
  PurgeRecord,
  Retention,
  RetentionState,
  TruoraDeletion,
  WrittenExport
} from '../../shared/privacy'
import type { FileRef } from '../files'
import { auditCsv, auditPdf } from '../export/audit-export'

const DAY_MS = 86_400_000

export interface PrivacyOptions {
  store: Pick<ResultsStore, 'privacy' | 'batches'>
  audit: AuditLog
  files: FileRegistry
  settings: SettingsStore
  connections: Pick<Connections, 'client' | 'forgetSandboxChecks'>
  log: Logger
  clock?: () => Date
}

export class Privacy {
  private timer: NodeJS.Timeout | undefined
  private readonly clock: () => Date

  constructor(private readonly options: PrivacyOptions) {
    this.clock = options.clock ?? (() => new Date())
  }

  // ---- Audit log ----

  auditEntries(filter: AuditFilter = {}): AuditEntry[] {
    return this.options.audit.list(filter)
  }

  verifyAudit(): AuditVerification {
    return this.options.audit.verify(this.options.store.privacy.auditAnchor())
  }

  /** The audit log (filtered as on screen) as a csv or PDF file for the analyst to save. */
  async exportAudit(format: 'csv' | 'pdf', filter: AuditFilter = {}, language = 'en'): Promise<FileRef> {
    const entries = this.auditEntries(filter)
    const verification = this.verifyAudit()
    const stamp = this.clock().toISOString().slice(0, 10)
    const bytes =
      format === 'csv' ? auditCsv(entries) : await auditPdf(entries, verification, language, this.clock())
    return this.options.files.offer(`lote-audit-${stamp}.${format}`, bytes)
  }

  // ---- A person ----

  /** Every trace of a person: rows in batches and drafts, their checks and files, and the exports made of them. */
  findPerson(query: PersonQueryInput): PersonSearch {
    const traces = this.options.store.privacy.findPerson(query)
    return { traces, exports: this.exportsOf(new Set(traces.map((t) => t.batchId))) }
  }

  private exportsOf(batchIds: Set<string>): WrittenExport[] {
    return this.options.audit
      .list({ actions: ['export.written'] })
      .filter((entry) => batchIds.has(String(entry.details.batchId)))
      .map((entry) => ({
        batchId: String(entry.details.batchId),
        fileName: String(entry.details.fileName ?? ''),
        format: String(entry.details.format ?? ''),
        rows: Number(entry.details.rows ?? 0),
        at: entry.at
      }))
  }

  /**
   * Erases every trace found for the query in one step. With `atTruora`, each check is first deleted at Truora
   * (DELETE /v1/checks/{id}) with the connection its batch ran on; the outcome is reported per check and a
   * failure there does not keep the local erasure from happening.
   */
  async erasePerson(query: PersonQueryInput, options: { atTruora: boolean }): Promise<Erasure> {
    const { traces, exports } = this.findPerson(query)
    if (traces.length === 0) throw new AppError('not_found', 'Nothing in Lote matches that person.')
    let truora: TruoraDeletion[] | null = null
    if (options.atTruora) {
      truora = []
      for (const trace of traces) {
        const profileId = this.options.store.batches.get(trace.batchId).profileId ?? undefined
        for (const checkId of trace.checkIds) truora.push(await this.deleteAtTruora(checkId, profileId))
      }
    }
    const removed = this.options.store.privacy.erase(traces)
    await this.options.connections.forgetSandboxChecks(removed.checkIds)
    const batches = new Set(traces.map((t) => t.batchId)).size
    this.options.audit.record('person.erased', {
      rows: removed.rows,
      checks: removed.checks,
      files: removed.files,
      batches,
      batchIds: [...new Set(traces.map((t) => t.batchId))],
      checkIds: removed.checkIds,
      atTruora: truora
        ? {
            deleted: truora.filter((t) => t.outcome === 'deleted').map((t) => t.checkId),
            alreadyGone: truora.filter((t) => t.outcome === 'already-gone').map((t) => t.checkId),
            failed: truora.filter((t) => t.outcome === 'failed').map((t) => t.checkId)
          }
        : null,
      // Exports Lote cannot reach: the analyst deletes them by hand.
      exportsToDeleteByHand: exports.map((e) => ({
        fileName: e.fileName,
        at: e.at,
        rows: e.rows,
        format: e.format
      }))
    })
    return { rows: removed.rows, checks: removed.checks, files: removed.files, batches, exports, truora }
  }

  private async deleteAtTruora(checkId: string, profileId: string | undefined): Promise<TruoraDeletion> {
    try {
      const { client } = await this.options.connections.client(profileId)
      await client.deleteCheck(checkId)
      return { checkId, outcome: 'deleted' }
    } catch (error) {
      if (error instanceof TruoraError && error.kind === 'not_found')
        return { checkId, outcome: 'already-gone' }
      const message = error instanceof Error ? error.message : String(error)
      return { checkId, outcome: 'failed', message }
    }
  }

  // ---- Retention ----

  retentionOf(profileId: string): Retention {
    return this.options.settings.get().retention[profileId] ?? 'off'
  }

  setRetention(profileId: string, retention: Retention): Retention {
    const before = this.retentionOf(profileId)
    this.options.settings.update((s) => {
      const next = { ...s.retention }
      if (retention === 'off') delete next[profileId]
      else next[profileId] = retention
      return { ...s, retention: next }
    })
    this.options.audit.record(
      'settings.changed',
      { setting: 'retention', before, after: retention },
      { connection: profileId }
    )
    return retention
  }

  /** Every finished batch, with when its personal data will be purged under its connection's retention. */
  retention(): RetentionState[] {
    const privacy = this.options.store.privacy
    const byProfile = new Map<string | null, RetentionState[]>()
    for (const profileId of new Set(privacy.retention(null).map((state) => state.profileId))) {
      const policy = profileId ? this.retentionOf(profileId) : 'off'
      byProfile.set(
        profileId,
        privacy.retention(policy === 'off' ? null : policy).filter((state) => state.profileId === profileId)
      )
    }
    return [...byProfile.values()]
      .flat()
      .sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? ''))
  }

  /** Keeps a batch's personal data longer than its connection's retention, with the analyst's reason. */
  extendRetention(batchId: string, days: number, reason: string): RetentionState {
    const state = this.retention().find((s) => s.batchId === batchId)
    if (!state) throw new AppError('not_found', 'That batch has not finished, or does not exist.')
    if (state.purgedAt) throw new AppError('conflict', "That batch's personal data was already purged.")
    const from = Math.max(this.clock().getTime(), state.purgeDueAt ? Date.parse(state.purgeDueAt) : 0)
    const until = new Date(from + days * DAY_MS).toISOString()
    this.options.store.privacy.extendRetention(batchId, until, reason)
    this.options.audit.record(
      'retention.extended',
      { batchId, until, days, reasonGiven: reason.trim().length > 0 },
      { connection: state.profileId }
    )
    return this.retention().find((s) => s.batchId === batchId) as RetentionState
  }

  /** Purges every batch whose retention ended by now; each purge leaves a record and an audit entry. */
  applyRetention(): Array<{ batchId: string; record: PurgeRecord }> {
    const now = this.clock()
    const purged: Array<{ batchId: string; record: PurgeRecord }> = []
    for (const state of this.retention()) {
      if (!state.purgeDueAt || state.purgedAt || Date.parse(state.purgeDueAt) > now.getTime()) continue
      const record = this.options.store.privacy.purge(state.batchId, now)
      this.options.files.forgetBatch(state.batchId)
      void this.options.connections.forgetSandboxChecks(record.checkIds)
      this.options.audit.record(
        'retention.purged',
        {
          batchId: state.batchId,
          rows: record.rows,
          files: record.files,
          checkIds: record.checkIds,
          finishedAt: record.finishedAt,
          dueAt: state.purgeDueAt
        },
        { connection: state.profileId }
      )
      purged.push({ batchId: state.batchId, record })
    }
    if (purged.length > 0)
      this.options.log.info(`Retention purged the personal data of ${purged.length} batch(es)`)
    return purged
  }

  /** Applies retention now and then once a day while Lote runs. */
  startRetention(intervalMs = DAY_MS): void {
    const run = () => {
      try {
        this.applyRetention()
      } catch (error) {
        this.options.log.error('Retention could not be applied', error)
      }
    }
    run()
    this.timer = setInterval(run, intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }
}
