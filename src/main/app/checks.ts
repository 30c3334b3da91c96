// Checks: reviewing results — the grid and its charts, one check in detail (from the store, or from Truora for
// what is only there: details in another language, the summary, attachments, a fresh PDF), deleting a check,
// and exporting a batch. Exports and stored details need no network and never the API key.
import { basename } from 'node:path'
import type { CheckView, DetailView, ResultRow, RowPage, RowQuery } from '../../shared/results'
import { personDocument, personName } from '../../shared/person'
import { checkPdfCount, checkPdfName } from '../export/check-pdfs'
import { AppError } from '../../shared/result'
import { downloadPdfWhenReady } from '../batch/pdf-wait'
import type { Connections } from '../connections/connections'
import {
  EXPORT_NAMES,
  exportBatch,
  exportCheckPdfsToFolder,
  exportCheckPdfsToZip,
  exportProtected,
  passwordProblem,
  type ExportFormat,
  type ExportOptions,
  type PdfBundleResult
} from '../export'
import type { FileRef, FileRegistry } from '../files'
import type { People } from './people'
import type { ResultsStore } from '../store/results/results-store'
import type { StoredCheck } from '../store/results/result-queries'
import type { TruoraClient } from '../truora/client'
import { parseCheck } from '../truora/parse'
import type { CheckDetail } from '../truora/types'
import type { Auditor } from '../store/audit-log'

export type DownloadFormat = ExportFormat | 'pdfs'

/**
 * What the analyst chose for an export: its language, time zone, delimiter, and a password to protect it; what
 * is not said comes from the app's language and the computer's zone.
 */
export type ExportChoices = Partial<ExportOptions> & { password?: string }

function detailView(detail: CheckDetail): DetailView {
  return {
    id: detail.id,
    dataSet: detail.dataSet,
    databaseName: detail.databaseName,
    result: detail.result,
    severity: detail.severity,
    tables: detail.tables.map((table) => ({
      title: table.title,
      rows: table.rows.map((row) => row.cells.map((cell) => ({ label: cell.label, value: cell.value })))
    }))
  }
}

/** Details as stored when the batch ran: the raw API objects, read with the same tolerance as the client. */
function storedDetailView(raw: Record<string, unknown>): DetailView {
  const text = (v: unknown) => (typeof v === 'string' ? v : null)
  const tables = Array.isArray(raw.tables) ? (raw.tables as Record<string, unknown>[]) : []
  return {
    id: text(raw.id),
    dataSet: text(raw.data_set),
    databaseName: text(raw.database_name),
    result: text(raw.result),
    severity: text(raw.severity),
    tables: tables.map((table) => ({
      title: text(table.title) ?? '',
      rows: (Array.isArray(table.rows)
        ? (table.rows as { cells?: { label?: unknown; value?: unknown }[] }[])
        : []
      ).map((row) =>
        (row.cells ?? []).map((cell) => ({
          label: String(cell.label ?? ''),
          value: String(cell.value ?? '')
        }))
      )
    }))
  }
}

/** A stored check as the drawer shows it: the databases' answers read from Truora's JSON here, not there. */
function checkView(check: StoredCheck, row: ResultRow | null): CheckView {
  let databases: CheckView['databases'] = []
  try {
    databases = parseCheck(check.raw).statuses.map((s) => ({
      name: s.databaseName,
      dataSet: s.dataSet,
      status: s.status,
      invalidInputs: s.invalidInputs
    }))
  } catch {
    // A reading Lote cannot parse still shows its scores and datasets.
  }
  return {
    checkId: check.checkId,
    batchId: check.batchId,
    seq: check.seq,
    row: check.row,
    person: {
      name: personName(row ?? { inputs: {} }, check.raw),
      document: row ? personDocument(row) : '',
      inputs: row?.inputs ?? {}
    },
    status: check.status,
    score: check.score,
    idScore: check.idScore,
    nameScore: check.nameScore,
    risk: check.risk,
    riskReasons: check.riskReasons,
    createdAt: check.createdAt,
    updatedAt: check.updatedAt,
    finalAt: check.finalAt,
    lastError: check.lastError,
    datasets: check.datasets,
    databases,
    detailsStored: check.details.length > 0,
    pdfStored: check.files.some((f) => f.kind === 'check-pdf')
  }
}

export class Checks {
  constructor(
    private readonly store: Pick<ResultsStore, 'batches' | 'results' | 'ledger' | 'vault' | 'decisions'>,
    private readonly connections: Connections,
    private readonly files: FileRegistry,
    private readonly audit: Auditor,
    private readonly people: People,
    /** The report language and time zone when the caller does not say: the app's language, this computer's zone. */
    private readonly reportDefaults: () => ExportOptions = () => ({ language: 'en', timeZone: 'UTC' })
  ) {}

  private exportOptions(choices: ExportChoices = {}): ExportOptions {
    const defaults = this.reportDefaults()
    return {
      language: choices.language ?? defaults.language,
      timeZone: choices.timeZone ?? defaults.timeZone,
      reviewer: choices.reviewer ?? defaults.reviewer,
      ...(choices.delimiter ? { delimiter: choices.delimiter } : {})
    }
  }

  private requireBatch(batchId: string): void {
    if (!this.store.batches.has(batchId)) throw new AppError('not_found', `There is no batch ${batchId}.`)
  }

  private stored(checkId: string): StoredCheck {
    const check = this.store.results.check(checkId)
    if (!check) throw new AppError('not_found', `There is no check ${checkId} in the results store.`)
    return check
  }

  /** A client for the account the check's batch ran on. */
  private async clientFor(checkId: string): Promise<TruoraClient> {
    const batch = this.store.batches.get(this.stored(checkId).batchId)
    return (
      await this.connections.clientForBatch({ profileId: batch.profileId, endpoint: batch.options.endpoint })
    ).client
  }

  /**
   * One page of the results grid. The first page also compares the checks finished since the last look with
   * each person's previous check (a large batch in the background), and the "changed only" filter waits for
   * all of them, so it never leaves a changed person out.
   */
  query(batchId: string, query: RowQuery): RowPage {
    this.requireBatch(batchId)
    if (query.changedOnly) this.people.refreshChanges(batchId)
    else if (!query.offset) this.people.refreshChangesSoon(batchId)
    return this.store.results.page(batchId, query)
  }

  /** What the results charts show: score distribution, risk and row-state breakdowns, datasets present. */
  stats(batchId: string) {
    this.requireBatch(batchId)
    return {
      histogram: this.store.results.scoreHistogram(batchId),
      risks: this.store.results.riskCounts(batchId),
      datasets: this.store.results.datasetNames(batchId),
      states: { ...this.store.batches.counts(batchId) },
      decisions: this.store.decisions.counts(batchId),
      pdfs: checkPdfCount(this.store, batchId)
    }
  }

  get(checkId: string): CheckView {
    const check = this.stored(checkId)
    return checkView(check, this.store.results.row(check.batchId, check.seq))
  }

  /** Details as stored, or fresh from Truora in another language; offline, what was stored still shows. */
  async details(checkId: string, lang?: 'es' | 'en' | 'pt'): Promise<DetailView[]> {
    const stored = this.stored(checkId).details
    if (!lang && stored.length > 0) return stored.map((d) => storedDetailView(d.raw))
    try {
      const client = await this.clientFor(checkId)
      const details: DetailView[] = []
      for await (const page of client.listDetails(checkId, { lang })) details.push(...page.map(detailView))
      return details
    } catch (error) {
      // Offline, or the check is gone from Truora: what was stored when the batch ran is still worth showing.
      if (stored.length > 0) return stored.map((d) => storedDetailView(d.raw))
      throw error
    }
  }

  async summary(checkId: string): Promise<{ text: string }> {
    return { text: (await (await this.clientFor(checkId)).summarize(checkId)).text }
  }

  async attachments(checkId: string) {
    const list = await (await this.clientFor(checkId)).attachments(checkId)
    return list.map((a, index) => ({
      index,
      name: a.fileName ?? `${a.databaseName ?? 'attachment'}-${index + 1}.pdf`,
      dataSet: a.dataSet,
      databaseName: a.databaseName
    }))
  }

  async attachment(checkId: string, index: number): Promise<FileRef> {
    const client = await this.clientFor(checkId)
    const attachment = (await client.attachments(checkId))[index]
    if (!attachment) throw new AppError('not_found', 'That attachment is no longer listed for this check.')
    const bytes = await client.downloadAttachment(attachment)
    return this.files.offer(
      attachment.fileName ?? `${checkId}-${index + 1}.pdf`,
      bytes,
      this.stored(checkId).batchId
    )
  }

  /** Truora's PDF of the check: the one downloaded when the batch ran, or a fresh one (in another language). */
  async pdf(checkId: string, lang?: 'es' | 'en' | 'pt'): Promise<FileRef> {
    const stored = this.stored(checkId).files.find((f) => f.kind === 'check-pdf')
    const batchId = this.stored(checkId).batchId
    // The analyst's copy is named after the row and the person.
    if (stored && !lang)
      return this.files.offer(this.pdfName(checkId), this.store.vault.read(stored.path), batchId)
    const bytes = await downloadPdfWhenReady(await this.clientFor(checkId), checkId, { lang })
    return this.files.offer(this.pdfName(checkId, lang), bytes, batchId)
  }

  /** `row-00002-Ana-Pena-<check>.pdf`, `…-es.pdf` in another language. */
  private pdfName(checkId: string, lang?: string): string {
    const check = this.stored(checkId)
    const row = this.store.results.row(check.batchId, check.seq) ?? { row: check.row, inputs: {}, cells: {} }
    const name = checkPdfName(row, checkId)
    return lang ? name.replace(/\.pdf$/, `-${lang}.pdf`) : name
  }

  /** Deletes the check on Truora; its row keeps its data but no longer points at it. */
  async delete(checkId: string): Promise<void> {
    const { batchId } = this.stored(checkId)
    await (await this.clientFor(checkId)).deleteCheck(checkId)
    this.store.ledger.forgetCheck(checkId)
    this.audit.record('check.deleted', { checkId, batchId }, { connection: this.profileOf(batchId) })
  }

  /** The Truora PDFs downloaded for a batch's checks: a zip when the target ends in .zip, else a folder. */
  async exportPdfs(batchId: string, target: string): Promise<PdfBundleResult> {
    this.requireBatch(batchId)
    const result = target.toLowerCase().endsWith('.zip')
      ? await exportCheckPdfsToZip(this.store, batchId, target)
      : exportCheckPdfsToFolder(this.store, batchId, target)
    this.recordExport(batchId, 'pdfs', basename(target), result.files)
    return result
  }

  /**
   * Writes a batch's results to a file (xlsx, csv, the PDF summary, or a zip of Truora's PDFs); with a
   * password, inside a protected zip at `file`.
   */
  async exportTo(
    batchId: string,
    format: DownloadFormat,
    file: string,
    choices: ExportChoices = {}
  ): Promise<void> {
    const { password } = choices
    if (password !== undefined) {
      const batch = this.store.batches.get(batchId)
      await this.writeProtected(
        batchId,
        format,
        file,
        password,
        `${batch.name}-${EXPORT_NAMES[format]}`,
        choices
      )
    } else await this.write(batchId, format, file, choices)
    this.recordExport(batchId, format, basename(file), this.store.batches.get(batchId).total, password)
  }

  private async writeProtected(
    batchId: string,
    format: DownloadFormat,
    file: string,
    password: string,
    innerName: string,
    choices: ExportChoices
  ): Promise<void> {
    this.requireBatch(batchId)
    const problem = passwordProblem(password)
    if (problem) throw new AppError('invalid_input', problem)
    await exportProtected(this.store, batchId, format, file, password, innerName, this.exportOptions(choices))
  }

  private async write(
    batchId: string,
    format: DownloadFormat,
    file: string,
    choices: ExportChoices = {}
  ): Promise<void> {
    this.requireBatch(batchId)
    this.people.refreshChanges(batchId)
    if (format === 'pdfs') await exportCheckPdfsToZip(this.store, batchId, file)
    else await exportBatch(this.store, batchId, format, file, this.exportOptions(choices))
  }

  /**
   * Every export leaves an entry: which batch, format, how many rows, under which name it left Lote, and
   * whether a password protects it.
   */
  private recordExport(
    batchId: string,
    format: string,
    fileName: string,
    rows: number,
    password?: string
  ): void {
    this.audit.record(
      'export.written',
      { batchId, format, rows, fileName, passwordProtected: password !== undefined },
      { connection: this.profileOf(batchId) }
    )
  }

  private profileOf(batchId: string): string | null {
    return this.store.batches.get(batchId).profileId
  }

  /** The same, as a file for the analyst to save or download; with a password, a protected zip of it. */
  async export(batchId: string, format: DownloadFormat, choices: ExportChoices = {}): Promise<FileRef> {
    this.requireBatch(batchId)
    const batch = this.store.batches.get(batchId)
    const { password } = choices
    const name = `${batch.name}-${EXPORT_NAMES[format]}`
    const path = this.files.exportPath(
      password === undefined
        ? name
        : name.endsWith('.zip')
          ? name.replace(/\.zip$/, '-protected.zip')
          : `${name}.zip`
    )
    if (password === undefined) await this.write(batchId, format, path, choices)
    else await this.writeProtected(batchId, format, path, password, name, choices)
    this.recordExport(batchId, format, basename(path), batch.total, password)
    return this.files.offerWritten(path, batchId)
  }
}
