// Batches: what the analyst does with a batch once it exists — see what starting it will do, start it from its
// draft, pause, resume, cancel, re-run the rows that failed, delete it — and the list of them all. The jobs
// themselves run in the BatchService; this is where the rules about when each verb is allowed live.
import {
  AUTHORIZATION_STATEMENT,
  type BatchOptions,
  type BatchSummary,
  type BatchView,
  type EngineKind,
  type RowFailureCode
} from '../../shared/batch'
import { finalCost, type CostEstimate } from '../../shared/costs'
import { AppError } from '../../shared/result'
import type { ImportedRow } from '../../shared/sheets/types'
import { describeError } from '../batch/engine'
import type { HealthWarning } from '../batch/health'
import type { BatchService } from '../batch/service'
import type { ResultsStore } from '../store/results/results-store'
import type { ConnectionChoice, ConnectionKeyState, Connections } from '../connections/connections'
import type { SettingsStore } from '../store/settings'
import type { Costs } from './costs'
import type { Drafts } from './drafts'
import type { FileRegistry } from '../files'
import type { Auditor } from '../store/audit-log'
import type { Reuse } from './reuse'
import type { ReuseSummary } from '../../shared/reuse'

/** What the analyst chose on the options step (the app) or on the command line (lote run). */
export interface StartChoices extends Partial<
  Pick<
    BatchOptions,
    | 'forceCreation'
    | 'concurrency'
    | 'pdfs'
    | 'requestsPerSecond'
    | 'maxRequestsPerSecond'
    | 'details'
    | 'endpoint'
    | 'reuseDays'
  >
> {
  engine: EngineKind
  continuous?: BatchOptions['continuous']
}

export interface StartDraft {
  batchId: string
  options: StartChoices
  /**
   * The analyst's confirmation that every person checked authorised it, in the words they confirmed, with the
   * evidence they gave: the law the statement names, signed consent files (registered files), references.
   */
  authorization: {
    statement: string
    law?: string
    consentFiles?: string[]
    requestId?: string
    formVersion?: string
  }
}

export interface Preflight {
  /** New checks the batch will create (rows reused or sharing another row's check need none). */
  checks: number
  /** Rows that will have a result: new checks, reused results and shared checks. */
  rows: number
  skipped: number
  reuse: ReuseSummary
  estimate: CostEstimate
  statement: string
  profile: { id: string; name: string; kind: 'sandbox' | 'truora'; keyState: ConnectionKeyState }
  warnings: HealthWarning[]
  healthError: string | null
}

/** A batch as the renderer sees it: no upload links, addresses or raw statuses from Truora. */
export function batchView(batch: BatchSummary): BatchView {
  const { remote, options, fileName, ...rest } = batch
  const { endpoint: _endpoint, ...visibleOptions } = options
  return {
    ...rest,
    fileName: fileName ? (fileName.split(/[\\/]/).pop() ?? fileName) : null,
    options: visibleOptions,
    remoteStep: remote?.step ?? null,
    found: remote?.found ?? null,
    cost: finalCost(batch.estimate, batch.made)
  }
}

/** What a re-check starts from: the rows to check again, as the import left them. */
export interface Recheck {
  batchId: string
  /** Sheet rows to check again; all rows that were sent when absent. */
  rows?: number[]
}

export class Batches {
  constructor(
    private readonly runner: BatchService,
    private readonly store: Pick<ResultsStore, 'results' | 'batches' | 'journal'>,
    private readonly drafts: Drafts,
    private readonly connections: Connections,
    private readonly settings: SettingsStore,
    private readonly files: FileRegistry,
    private readonly audit: Auditor,
    private readonly reuse: Reuse,
    private readonly costs: Costs
  ) {}

  exists(batchId: string): boolean {
    try {
      this.runner.get(batchId)
      return true
    } catch {
      return false
    }
  }

  /** The connection a batch ran with: the Sandbox address given on the command line, or its profile. */
  connectionOf(batchId: string): ConnectionChoice {
    const batch = this.runner.get(batchId)
    if (batch.options.endpoint) return { sandboxUrl: batch.options.endpoint }
    return batch.profileId ? { profile: batch.profileId } : {}
  }

  /** Every batch, newest first; a draft says whether its file was read to the end. */
  list(): BatchView[] {
    return this.runner
      .list()
      .map((batch) =>
        batch.status === 'draft'
          ? { ...batchView(batch), draftRead: this.drafts.readState(batch.id).state }
          : batchView(batch)
      )
  }

  get(batchId: string): BatchView {
    return batchView(this.runner.get(batchId))
  }

  private profileOf(batch: BatchSummary): string {
    return batch.profileId ?? this.settings.get().activeProfileId
  }

  /**
   * What starting the batch will do and cost: new checks by type and country after reuse and grouping, on which
   * account, and whether Truora's databases are up. `continuous` prices the re-runs of continuous checks.
   */
  async preflight(
    batchId: string,
    choices: { continuous?: BatchOptions['continuous'] | null } = {}
  ): Promise<Preflight> {
    const batch = this.runner.get(batchId)
    const profile = await this.connections.get(this.profileOf(batch))
    // An untested key is tried now, so the confirm step can say whether the batch may start.
    const keyState = await this.connections.checkKey(profile.id)
    const reuse = this.reuse.summary(batchId)
    const estimate = this.estimate(profile.id, reuse, choices.continuous ?? null)
    let warnings: HealthWarning[] = []
    let healthError: string | null = null
    if (keyState === 'works')
      try {
        warnings = await this.runner.health(batchId, profile.id)
      } catch (error) {
        healthError = describeError(error)
      }
    return {
      checks: estimate.newChecks,
      rows: batch.total,
      skipped: batch.counts.skipped,
      reuse,
      estimate,
      statement: AUTHORIZATION_STATEMENT,
      profile: {
        id: profile.id,
        name: profile.name,
        kind: profile.kind,
        keyState
      },
      warnings,
      healthError
    }
  }

  /**
   * Starts a draft with the analyst's options and authorisation. Refused while its file is still being read or
   * when the read did not reach the end, and when no row can be sent; the draft is left as it was.
   * `checkHealth` asks Truora about outages first (the app asked already, at the preflight).
   */
  async startDraft(
    input: StartDraft,
    { checkHealth = false } = {}
  ): Promise<{ batch: BatchView; warnings: HealthWarning[] }> {
    const { batchId, options, authorization } = input
    // An edit still being written (a bulk exclusion) ends first: what starts is what the analyst saw.
    await this.drafts.whenEdited(batchId)
    const batch = this.runner.get(batchId)
    if (batch.status !== 'draft') throw new AppError('conflict', 'This batch has already started.')
    const read = this.drafts.readState(batchId)
    if (read.state === 'reading')
      throw new AppError(
        'conflict',
        'The file is still being read. Wait until every row is in the review before starting the batch.'
      )
    if (read.state === 'failed')
      throw new AppError(
        'conflict',
        `This draft was not read to the end, so it cannot be started: ${read.error.message}`
      )
    if (batch.total === 0)
      throw new AppError('invalid_input', 'No row of this batch can be sent: fix or include rows first.')
    const profileId = this.profileOf(batch)
    // Nothing is paid for on a key that is missing, refused, untested or could not be tested.
    await this.connections.requireWorkingKey(profileId)
    const { engine, ...chosen } = options
    const defined = Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== undefined))
    this.runner.configure(batchId, {
      concurrency: this.settings.get().concurrency,
      pdfs: false,
      ...defined,
      // Checking people again means new checks, whatever the options step said.
      ...(batch.options.recheckOf ? { forceCreation: true } : {})
    })
    const authorized = this.runner.authorize(batchId, {
      profileId,
      statement: authorization.statement,
      evidence: {
        law: authorization.law?.trim() || null,
        requestId: authorization.requestId?.trim() || null,
        formVersion: authorization.formVersion?.trim() || null,
        files: (authorization.consentFiles ?? []).map((fileId) => ({
          name: this.files.get(fileId).name,
          bytes: this.files.read(fileId)
        }))
      }
    })
    // The consent files are kept sealed with the batch now: an uploaded copy in plain is not kept.
    for (const fileId of authorization.consentFiles ?? []) this.files.release(fileId)
    const evidence = authorized.authorization?.evidence
    this.audit.record(
      'batch.started',
      {
        batchId,
        rows: batch.total,
        country: batch.country,
        type: batch.type,
        engine: engine ?? batch.engine,
        authorizationStatement: authorization.statement,
        // The evidence by reference: the law, how many files and their hashes (their names may name people),
        // the analyst's references.
        evidence: evidence
          ? {
              law: evidence.law,
              files: evidence.files.length,
              sha256: evidence.files.map((file) => file.sha256),
              requestId: evidence.requestId,
              formVersion: evidence.formVersion
            }
          : null
      },
      { connection: profileId }
    )
    const planned = this.reuse.apply(batchId)
    this.store.batches.setEstimate(batchId, this.estimate(profileId, planned, options.continuous ?? null))
    this.drafts.started(batchId)
    const started = await this.runner.start(batchId, { engine, profileId, skipHealthCheck: !checkHealth })
    return { batch: batchView(started.batch), warnings: started.warnings }
  }

  /** A batch that ran on a Sandbox of its own address needs no key; any other goes on only with one that works. */
  private async requireWorkingKeyFor(batchId: string): Promise<void> {
    const batch = this.runner.get(batchId)
    if (batch.options.endpoint) return
    await this.connections.requireWorkingKey(this.profileOf(batch))
  }

  private estimate(
    profileId: string,
    reuse: ReuseSummary,
    continuous: BatchOptions['continuous'] | null
  ): CostEstimate {
    return this.costs.estimate(profileId, {
      newChecks: reuse.newChecks,
      reusedRows: reuse.reused,
      groupedRows: reuse.grouped,
      reuseDays: reuse.windowDays,
      continuous
    })
  }

  /**
   * A new draft to check people again: the batch's rows that were sent (or the chosen ones), with new checks
   * forced and reuse off, on the same connection. It starts like any draft, after the analyst confirms it;
   * its results then show what changed since each person's previous check.
   */
  recheck(input: Recheck): BatchView {
    const source = this.runner.get(input.batchId)
    if (source.status === 'draft') throw new AppError('conflict', 'This batch has not run yet.')
    if (this.runner.isRunning(input.batchId))
      throw new AppError('conflict', 'Wait for the batch to finish before checking its people again.')
    const wanted = input.rows ? new Set(input.rows) : null
    const rows: ImportedRow[] = []
    for (const row of this.store.results.each(input.batchId)) {
      if (row.state === 'skipped' || (wanted && !wanted.has(row.row))) continue
      rows.push({
        row: row.row,
        cells: row.cells,
        inputs: row.inputs,
        country: row.country as ImportedRow['country'],
        type: row.type,
        issues: row.issues,
        status: row.importStatus
      })
    }
    if (rows.length === 0) throw new AppError('invalid_input', 'None of those rows can be checked again.')
    const mapping = this.store.batches.mapping(input.batchId)
    const draft = this.runner.create(
      {
        name: `${source.name} · ${new Date().toISOString().slice(0, 10)}`,
        fileName: source.fileName,
        sheet: source.sheet,
        mapping,
        country: source.country,
        type: source.type,
        engine: 'direct',
        profileId: source.profileId,
        options: { forceCreation: true, reuseDays: 0, recheckOf: input.batchId }
      },
      rows
    )
    this.store.journal.add(draft.id, 'recheck-of', null, { batchId: input.batchId, rows: rows.length })
    return batchView(draft)
  }

  async pause(batchId: string): Promise<BatchView> {
    return batchView(await this.runner.pause(batchId))
  }

  /**
   * Throws, saying what to do instead, when the batch is a draft: it never started, so there is nothing to
   * resume (and a draft whose file was not read to the end must be read again first).
   */
  refuseToResumeDraft(batchId: string): void {
    if (this.runner.get(batchId).status !== 'draft') return
    const read = this.drafts.readState(batchId)
    if (read.state === 'failed')
      throw new AppError(
        'conflict',
        `Batch ${batchId} is a draft whose file was not read to the end, so it never started and there is nothing to resume. ` +
          'Open it in Lote to read the file again or discard it, or run the file again with lote run.'
      )
    if (read.state === 'reading')
      throw new AppError(
        'conflict',
        `Batch ${batchId} is a draft whose file is still being read. It has not started, so there is nothing to resume yet.`
      )
    throw new AppError(
      'conflict',
      `Batch ${batchId} is a draft that was never started, so there is nothing to resume: start it in Lote, or run the file with lote run.`
    )
  }

  async resume(batchId: string): Promise<BatchView> {
    this.refuseToResumeDraft(batchId)
    await this.requireWorkingKeyFor(batchId)
    return batchView((await this.runner.resume(batchId)).batch)
  }

  async cancel(batchId: string, collect: boolean): Promise<BatchView> {
    return batchView(await this.runner.cancel(batchId, { collect }))
  }

  /**
   * Puts the rows that got no check, whose check ended in error or was lost, back in line and runs them again;
   * checks Lote gave up waiting for are looked at once more first, and only those not finished get a new one.
   */
  async rerunFailed(batchId: string): Promise<{ rows: number; lookedAgain: number; batch: BatchView }> {
    this.refuseToResumeDraft(batchId)
    await this.requireWorkingKeyFor(batchId)
    const { rows, lookedAgain, batch } = await this.runner.rerunFailed(batchId)
    return { rows, lookedAgain, batch: batchView(batch) }
  }

  /** Removes a batch, or a draft (stopping its read), with everything stored for it. */
  async delete(batchId: string): Promise<void> {
    const batch = this.runner.get(batchId)
    if (batch.status === 'draft') await this.drafts.discard(batchId)
    else await this.connections.forgetSandboxChecks(await this.runner.delete(batchId))
    const exports = this.files.forgetBatch(batchId)
    this.audit.record(
      'batch.deleted',
      { batchId, rows: batch.total, draft: batch.status === 'draft', exportsRemoved: exports },
      { connection: batch.profileId }
    )
  }

  /** Answers of Truora Lote could not read while running the batch: what, and which request. */
  unknownShapes(batchId: string): { what: string; request: string | null; at: string }[] {
    this.runner.get(batchId)
    return this.runner.unknownShapes(batchId).map((entry) => {
      const data = (entry.data ?? {}) as { what?: unknown; request?: unknown }
      return {
        what: typeof data.what === 'string' ? data.what : 'an answer',
        request: typeof data.request === 'string' ? data.request : null,
        at: entry.at
      }
    })
  }

  /** Why rows got no check, in sheet order. */
  errors(batchId: string): { row: number; code: RowFailureCode | null; message: string }[] {
    this.runner.get(batchId)
    return this.store.results
      .page(batchId, { states: ['failed'], sort: { by: 'row' }, limit: 1000 })
      .rows.map((row) => ({
        row: row.row,
        code: row.lastErrorCode,
        message: row.lastError ?? 'No check could be created for this row.'
      }))
  }

  /** Resolves when the batch's current job ends (at once when none runs). */
  whenIdle(batchId: string): Promise<BatchSummary> {
    return this.runner.whenIdle(batchId)
  }
}
