// Batches (docs/truora-api.md sections 2.6, 5 and 8): create -> one upload to a short-lived link -> start
// -> checks per row -> report. The xlsx is read with exceljs: first sheet, row 1 headers, one check per row.
import ExcelJS from 'exceljs'
import {
  INPUT_NAMES,
  isCountry,
  isInputName,
  mappableInputs,
  type CheckKind
} from '../../shared/checks/inputs'
import type { Weights } from './catalog'
import { isWaitingStatus } from './check-plan'
import { isFrequency, readCreateRequest } from './check-request'
import type { CheckStore } from './check-store'
import { ApiError, isoDate, requireField } from './http'
import { seededHex } from './seeded'
import type { SimulatedClock } from './sim-clock'
import { cellText } from '../xlsx-cell-text'

const REPORT_DELAY_SIM_MS = 2000
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

type BatchState = 'not_started' | 'in_progress' | 'completed' | 'stopped' | 'failed'

interface RowOutcome {
  row: number
  inputs: Record<string, string>
  checkId?: string
  error?: string
}

/** A batch as kept across a restart: its file in base64 until it was read (then only that one was uploaded). */
export type StoredBatchState = Omit<StoredBatch, 'file'> & { file?: string }

interface StoredBatch {
  id: string
  reportId: string
  country: string
  type: string
  columns: string[]
  frequency?: string
  endDate?: string
  state: BatchState
  createdReal: number
  updatedReal: number
  linkToken: string
  linkExpiresReal: number
  file?: Buffer
  processed: boolean
  rows: RowOutcome[]
  failureReason: string
  report?: { format: 'xlsx' | 'csv'; requestedSim: number; token: string }
}

export interface BatchSettings {
  seed: number
  linkTtlMs: number
  reportDelivery: 'file' | 'link'
  /** Leave `report_id` out of every batch answer. */
  omitReportId: boolean
}

export class BatchStore {
  private readonly batches = new Map<string, StoredBatch>()
  /** Processing of started batches, so tests and shutdown can wait for it. */
  private readonly work = new Set<Promise<void>>()

  constructor(
    private readonly clock: SimulatedClock,
    private readonly checks: CheckStore,
    private readonly weightsFor: (country: string, type: string) => Weights | null,
    private readonly settings: () => BatchSettings,
    /** Told when a started batch has been read (its checks made), which no request announces. */
    private readonly changed: () => void = () => {}
  ) {}

  create(form: URLSearchParams, origin: string): unknown {
    const service = requireField(form, 'service')
    if (service !== 'checks') throw new ApiError(400, `service must be "checks", not "${service}".`)
    const country = requireField(form, 'country')
    if (!isCountry(country))
      throw new ApiError(400, `country "${country}" is not supported; use ALL, BR, CL, CO, CR, MX or PE.`)
    const type = requireField(form, 'type')
    if (!this.weightsFor(country, type))
      throw new ApiError(400, `Unknown check type "${type}" for ${country}.`)
    const frequency = form.get('frequency') || undefined
    const endDate = form.get('end_date') || undefined
    if (frequency && !isFrequency(frequency)) throw new ApiError(400, `Invalid frequency "${frequency}".`)
    if (endDate && !/^\d{4}-\d{2}-\d{2}$/.test(endDate))
      throw new ApiError(400, 'end_date must be written YYYY-MM-DD.')
    if (Boolean(frequency) !== Boolean(endDate))
      throw new ApiError(400, 'A continuous batch needs both frequency and end_date.')

    const mapping: { input: string; index: number }[] = []
    for (const [name, value] of form) {
      if (!name.startsWith('columns_mapping.')) continue
      const input = name.slice('columns_mapping.'.length)
      if (!isInputName(input))
        throw new ApiError(400, `columns_mapping.${input}: "${input}" is not an input of a check.`)
      const index = Number(value)
      if (!Number.isInteger(index) || index < 0)
        throw new ApiError(
          400,
          `columns_mapping.${input} must be a column index (0 = column A), not "${value}".`
        )
      if (mapping.some((entry) => entry.index === index))
        throw new ApiError(400, `Two inputs are mapped to column index ${index}.`)
      mapping.push({ input, index })
    }
    const columns = mapping.length
      ? mapping.sort((a, b) => a.index - b.index).map((entry) => entry.input)
      : this.defaultColumns(country, type)

    const { seed, linkTtlMs } = this.settings()
    const now = this.clock.now()
    const id = `BAT${seededHex(32, 'batch', seed, this.batches.size, now)}`
    const batch: StoredBatch = {
      id,
      reportId: `RPT${seededHex(32, 'report', id)}`,
      country,
      type,
      columns,
      frequency,
      endDate,
      state: 'not_started',
      createdReal: now,
      updatedReal: now,
      linkToken: seededHex(40, 'link', id, now),
      linkExpiresReal: now + linkTtlMs,
      processed: false,
      rows: [],
      failureReason: ''
    }
    this.batches.set(id, batch)
    return {
      ...this.view(batch),
      file_upload_link: `${origin}/__uploads/${id}/${batch.linkToken}`,
      file_upload_link_expiration: isoDate(batch.linkExpiresReal)
    }
  }

  /** Without a mapping, every input the type accepts, required ones first. */
  private defaultColumns(country: string, type: string): string[] {
    const kinds: CheckKind[] =
      type === 'company'
        ? ['company']
        : type === 'vehicle'
          ? ['vehicle-national', 'vehicle-foreigner']
          : ['person-national', 'person-foreigner']
    const names = new Set<string>()
    for (const kind of kinds) for (const name of mappableInputs(country as never, kind)) names.add(name)
    return INPUT_NAMES.filter((name) => names.has(name))
  }

  /** PUT to the upload link: one file, within the link's lifetime. */
  upload(id: string, token: string, body: Buffer): void {
    const batch = this.batches.get(id)
    if (!batch || batch.linkToken !== token)
      throw new ApiError(404, 'There is no upload link at this address.')
    if (this.clock.now() > batch.linkExpiresReal)
      throw new ApiError(
        403,
        'The upload link has expired; links work for a limited time after the batch is created.'
      )
    if (batch.file)
      throw new ApiError(409, 'A file was already uploaded to this link; a link takes only one file.')
    if (body.length === 0) throw new ApiError(400, 'The upload is empty.')
    batch.file = body
    batch.updatedReal = this.clock.now()
  }

  get(id: string): StoredBatch {
    const batch = this.batches.get(id)
    if (!batch) throw new ApiError(404, 'The batch was not found')
    return batch
  }

  start(id: string): unknown {
    const batch = this.get(id)
    if (!batch.file)
      throw new ApiError(400, 'Upload the xlsx file to file_upload_link before starting the batch.')
    if (batch.state !== 'not_started')
      throw new ApiError(400, `The batch cannot start: it is ${this.state(batch)}.`)
    batch.state = 'in_progress'
    batch.updatedReal = this.clock.now()
    const work = this.process(batch).finally(() => {
      this.work.delete(work)
      this.changed()
    })
    this.work.add(work)
    return this.view(batch)
  }

  stop(id: string): unknown {
    const batch = this.get(id)
    const state = this.state(batch)
    if (state !== 'not_started' && state !== 'in_progress')
      throw new ApiError(
        400,
        `Only a batch that is not started or in progress can be stopped; this one is ${state}.`
      )
    batch.state = 'stopped'
    batch.updatedReal = this.clock.now()
    return this.view(batch)
  }

  async idle(): Promise<void> {
    await Promise.all([...this.work])
  }

  /**
   * What is kept across a restart. A file already read is not kept (its rows are), only the fact that it was
   * uploaded: the link takes no second one.
   */
  snapshot(): StoredBatchState[] {
    return [...this.batches.values()].map(({ file, ...batch }) => ({
      ...batch,
      file: file ? (batch.processed ? '' : file.toString('base64')) : undefined
    }))
  }

  /** Takes back what `snapshot` kept; a batch started but not yet read is read now. */
  restore(state: StoredBatchState[]): void {
    for (const { file, ...kept } of state) {
      const batch: StoredBatch = {
        ...kept,
        file: file === undefined ? undefined : Buffer.from(file, 'base64')
      }
      this.batches.set(batch.id, batch)
      if (batch.state === 'in_progress' && !batch.processed && batch.file && batch.file.length > 0) {
        const work = this.process(batch).finally(() => this.work.delete(work))
        this.work.add(work)
      }
    }
  }

  /** The inputs of rows whose check was forgotten (a person erased in Lote) are dropped too. */
  forget(checkIds: ReadonlySet<string>): void {
    for (const batch of this.batches.values())
      for (const row of batch.rows) if (row.checkId && checkIds.has(row.checkId)) row.inputs = {}
  }

  private async process(batch: StoredBatch): Promise<void> {
    try {
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(batch.file as unknown as ArrayBuffer)
      const sheet = workbook.worksheets[0]
      if (!sheet) throw new Error('The file has no worksheet.')
      const header = batch.columns.map((_, index) =>
        cellText(sheet.getRow(1).getCell(index + 1).value).trim()
      )
      batch.columns.forEach((column, index) => {
        if (header[index].toLowerCase() !== column.toLowerCase())
          throw new Error(
            `Column ${columnLetter(index)} of row 1 should be "${column}" but is "${header[index]}". The columns must follow the batch's columns.`
          )
      })
      if ((batch.state as BatchState) === 'stopped') return
      for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
        const row = sheet.getRow(rowNumber)
        const inputs: Record<string, string> = {}
        batch.columns.forEach((column, index) => {
          const value = cellText(row.getCell(index + 1).value).trim()
          if (value) inputs[column] = value
        })
        if (Object.keys(inputs).length === 0) continue
        if ((batch.state as BatchState) === 'stopped') break
        const form = new URLSearchParams({
          country: batch.country,
          type: batch.type,
          user_authorized: 'true',
          force_creation: 'true'
        })
        for (const [name, value] of Object.entries(inputs)) form.set(name, value)
        form.set('report_id', batch.reportId)
        try {
          const { check } = this.checks.create(readCreateRequest(form, this.weightsFor))
          batch.rows.push({ row: rowNumber, inputs, checkId: check.id })
        } catch (error) {
          batch.rows.push({
            row: rowNumber,
            inputs,
            error: error instanceof Error ? error.message : String(error)
          })
        }
      }
    } catch (error) {
      batch.state = 'failed'
      batch.failureReason =
        error instanceof Error && !/zip|end of central directory/i.test(error.message)
          ? error.message
          : 'The file is not a readable xlsx workbook.'
    } finally {
      batch.processed = true
      batch.updatedReal = this.clock.now()
    }
  }

  /** The state now: a running batch completes when every check it created has finished. */
  private state(batch: StoredBatch): BatchState {
    if (batch.state !== 'in_progress' || !batch.processed) return batch.state
    const finished = batch.rows.every((row) => {
      if (!row.checkId) return true
      return !isWaitingStatus(this.checks.status(this.checks.get(row.checkId)))
    })
    return finished ? 'completed' : 'in_progress'
  }

  view(batch: StoredBatch): Record<string, unknown> {
    const state = this.state(batch)
    const created = batch.rows.filter((row) => row.checkId)
    const completed = created.filter(
      (row) => !isWaitingStatus(this.checks.status(this.checks.get(row.checkId as string)))
    )
    return {
      batch_id: batch.id,
      ...(this.settings().omitReportId ? {} : { report_id: batch.reportId }),
      service: 'checks',
      country: batch.country,
      type: batch.type,
      status: state,
      columns: batch.columns,
      file_uploaded: Boolean(batch.file),
      size: batch.rows.length,
      created_checks_count: created.length,
      invalid_checks_count: batch.rows.length - created.length,
      completed_checks_count: completed.length,
      failure_reason: batch.failureReason,
      row_errors: batch.rows.filter((row) => row.error).map((row) => ({ row: row.row, message: row.error })),
      ...(batch.frequency ? { frequency: batch.frequency, end_date: batch.endDate } : {}),
      creation_date: isoDate(batch.createdReal),
      update_date: isoDate(batch.updatedReal)
    }
  }

  requestReport(id: string, form: URLSearchParams): unknown {
    const batch = this.get(id)
    const format = requireField(form, 'format')
    if (format !== 'xlsx' && format !== 'csv')
      throw new ApiError(400, `format must be xlsx or csv, not "${format}".`)
    if (batch.state === 'not_started')
      throw new ApiError(400, 'Start the batch before asking for its report.')
    batch.report = {
      format,
      requestedSim: this.clock.simNow(),
      token: seededHex(32, 'report-file', id, format, this.clock.now())
    }
    return { batch_id: batch.id, format, status: 'requested' }
  }

  /** The report once the batch has finished and the report had time to build; null while not ready. */
  reportReady(id: string): StoredBatch['report'] | null {
    const batch = this.get(id)
    const report = batch.report
    if (!report) return null
    const state = this.state(batch)
    if (state === 'not_started' || state === 'in_progress') return null
    if (this.clock.simNow() < report.requestedSim + REPORT_DELAY_SIM_MS) return null
    return report
  }

  reportByToken(id: string, token: string): NonNullable<StoredBatch['report']> {
    const report = this.reportReady(id)
    if (!report || report.token !== token) throw new ApiError(404, 'Resource not found')
    return report
  }

  async reportFile(id: string, format: 'xlsx' | 'csv'): Promise<{ bytes: Buffer; contentType: string }> {
    const batch = this.get(id)
    const header = ['row', ...batch.columns, 'check_id', 'status', 'score', 'id_score', 'name_score', 'error']
    const rows = batch.rows.map((row) => {
      const check = row.checkId ? this.checks.view(this.checks.get(row.checkId)) : null
      return [
        String(row.row),
        ...batch.columns.map((column) => row.inputs[column] ?? ''),
        row.checkId ?? '',
        check ? String(check.status) : 'invalid',
        check ? String(check.score) : '',
        check ? String(check.id_score) : '',
        check ? String(check.name_score ?? check.homonym_score) : '',
        row.error ?? ''
      ]
    })
    if (format === 'csv') {
      const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
      const text = [header, ...rows].map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n'
      return { bytes: Buffer.from(text, 'utf8'), contentType: 'text/csv; charset=utf-8' }
    }
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Report')
    sheet.addRow(header)
    for (const row of rows) sheet.addRow(row)
    return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), contentType: XLSX_TYPE }
  }
}

function columnLetter(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}
