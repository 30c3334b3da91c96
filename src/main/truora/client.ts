// The one HTTP client for Truora's Checks API (docs/truora-api.md), built per account by Connections. Its
// endpoints are written by area: checks, PDFs and health (checks-api.ts), custom types, settings and
// continuous checks (account-api.ts), and Truora's batches here; each builds on the one before. Below them,
// TruoraHttp (http.ts) sends every request: the API key, the shared rate limiter, retries that never
// duplicate a check (decision 7), typed errors (http-errors.ts) and pagination as async iterators.
import { AccountApi } from './account-api'
import { TruoraError } from './errors'
import { enc, TruoraHttp, type Method, type FormFields, type TruoraClientOptions } from './http'
import type { HttpResponse } from './http-errors'
import { describeShape, parseBatch, parseBatchCreated, reportLink } from './parse'
import type { CallOptions, CreateBatchRequest } from './requests'
import type { Batch, BatchCreated, BatchReport, BatchReportFormat } from './types'

export { encodeForm, type Reachability, type TruoraClientOptions } from './http'
export type {
  CallOptions,
  CheckInputs,
  ContinuousCheckRequest,
  ContinuousCheckUpdate,
  CreateBatchRequest,
  CreateCheckRequest,
  CustomTypeRequest,
  HealthOptions,
  SettingsRequest
} from './requests'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export class TruoraClient extends AccountApi {
  constructor(options: TruoraClientOptions) {
    super(new TruoraHttp(options))
  }

  // ---- Batches (docs/truora-api.md section 5 and decisions 3-6) ----

  async createBatch(request: CreateBatchRequest, options: CallOptions = {}): Promise<BatchCreated> {
    const fields: FormFields = { service: 'checks', country: request.country, type: request.type }
    for (const [input, index] of Object.entries(request.columnsMapping ?? {}))
      fields[`columns_mapping.${input}`] = index
    fields.frequency = request.frequency
    fields.end_date = request.endDate
    const response = await this.http.send({
      method: 'POST',
      url: this.http.batchUrl('/v1/batches'),
      retry: 'unsafe',
      signal: options.signal,
      beforeSend: options.beforeSend,
      form: () => fields
    })
    return this.http.read('POST /v1/batches', this.http.json(response), parseBatchCreated)
  }

  /** PUTs the xlsx to the batch's upload link: no API key, one upload per link (decision 5). */
  async uploadBatchFile(link: string, bytes: Uint8Array, options: CallOptions = {}): Promise<void> {
    await this.http.send({
      method: 'PUT',
      url: new URL(link),
      body: bytes,
      contentType: XLSX_TYPE,
      sendKey: false,
      upload: true,
      retry: 'unsafe',
      signal: options.signal,
      beforeSend: options.beforeSend
    })
  }

  async startBatch(batchId: string, options: CallOptions = {}): Promise<Batch | null> {
    return this.batchAction('POST', `/v1/batches/${enc(batchId)}/start`, options)
  }

  /** Stops a batch that has not finished; checks already created keep running. */
  async stopBatch(batchId: string, options: CallOptions = {}): Promise<Batch | null> {
    return this.batchAction('PUT', `/v1/batches/${enc(batchId)}`, options)
  }

  private async batchAction(method: Method, path: string, options: CallOptions): Promise<Batch | null> {
    const response = await this.http.send({
      method,
      url: this.http.batchUrl(path),
      retry: method === 'PUT' ? 'safe' : 'unsafe',
      signal: options.signal,
      beforeSend: options.beforeSend,
      form: () => ({})
    })
    const body = this.http.json(response)
    try {
      return body === null ? null : parseBatch(body)
    } catch {
      // These answers are undocumented (open question 7); a body that is not a batch is not an error.
      return null
    }
  }

  async getBatch(batchId: string, options: CallOptions = {}): Promise<Batch> {
    const body = await this.http.getJson(this.http.batchUrl(`/v1/batches/${enc(batchId)}`), options.signal)
    return this.http.read('GET /v1/batches/{id}', body, parseBatch)
  }

  async requestBatchReport(
    batchId: string,
    format: BatchReportFormat,
    options: CallOptions = {}
  ): Promise<void> {
    await this.http.send({
      method: 'POST',
      url: this.http.batchUrl(`/v1/batches/${enc(batchId)}/report`),
      retry: 'safe',
      signal: options.signal,
      form: () => ({ format })
    })
  }

  /** The requested report: pending while Truora answers 404, then the file or a link to it. */
  async getBatchReport(batchId: string, options: CallOptions = {}): Promise<BatchReport> {
    let response: HttpResponse
    try {
      response = await this.http.send({
        method: 'GET',
        url: this.http.batchUrl(`/v1/batches/${enc(batchId)}/report`),
        retry: 'safe',
        signal: options.signal
      })
    } catch (error) {
      if (error instanceof TruoraError && error.kind === 'not_found') return { kind: 'pending' }
      throw error
    }
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream'
    if (contentType.includes('json')) {
      const body = this.http.json(response)
      const link = reportLink(body)
      if (!link) {
        this.http.reportShape('the batch report link', 'GET /v1/batches/{id}/report', body)
        throw new TruoraError({
          kind: 'unknown_shape',
          shape: describeShape(body),
          message:
            'Truora answered in a way Lote does not know: the batch report answer holds no file link Lote recognises.'
        })
      }
      return { kind: 'link', url: new URL(link, this.http.batchBase).href }
    }
    return { kind: 'file', bytes: response.bytes, contentType }
  }

  /** Downloads a report link (no API key unless it points at the batch host). */
  async downloadBatchReport(url: string, options: CallOptions = {}): Promise<Buffer> {
    const target = new URL(url)
    const response = await this.http.send({
      method: 'GET',
      url: target,
      sendKey: target.origin === this.http.batchBase.origin,
      retry: 'safe',
      signal: options.signal
    })
    return response.bytes
  }
}
