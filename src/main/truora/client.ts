// The one HTTP client for Truora's Checks API (docs/truora-api.md). Form-encoded requests, JSON answers,
// typed errors, retries that never duplicate a check (decision 7), a shared rate limiter, and pagination
// as async iterators. Runs in plain Node on the global fetch.
import type { DatasetName } from '../../shared/checks/datasets'
import type { InputName } from '../../shared/checks/inputs'
import { systemClock, type Clock } from './clock'
import { mayHaveReachedServer, NOT_REACHED_CODES, TruoraError, type TruoraErrorKind } from './errors'
import {
  parseAttachments,
  parseBatch,
  parseBatchCreated,
  parseCheck,
  parseChecksPage,
  parseContinuousCheck,
  parseContinuousChecksPage,
  parseCustomTypes,
  parseDetailsPage,
  parseErrorBody,
  parseHealth,
  parseHistoryPage,
  parseSettings,
  parseSummarization,
  reportLink,
  describeShape,
  type ShapeReporter
} from './parse'
import type { RateLimiter } from './rate-limiter'
import type {
  Attachment,
  Batch,
  BatchCreated,
  BatchReport,
  BatchReportFormat,
  Check,
  CheckDetail,
  ContinuousCheck,
  ContinuousCheckChange,
  CustomType,
  HealthEntry,
  Page,
  Settings,
  Summarization,
  UnknownShapeListener
} from './types'

export interface TruoraClientOptions {
  /** e.g. https://api.checks.truora.com */
  checksBaseUrl: string
  /** e.g. https://api.account.truora.com (decision 1) */
  batchBaseUrl: string
  apiKey: string
  /** Shared by every client of the same account, so their requests add up to one rate. */
  limiter?: RateLimiter
  /** Per attempt, from sending the request to the end of the body. Default 30 s. */
  timeoutMs?: number
  /** Attempts after the first one for transient failures. Default 5. */
  maxRetries?: number
  /** First backoff ceiling; doubles per attempt up to `retryMaxMs`. Default 500 ms. */
  retryBaseMs?: number
  retryMaxMs?: number
  clock?: Clock
  /** Source of jitter, 0 ≤ x < 1. */
  random?: () => number
  userAgent?: string
  /**
   * Told about every answer (or part of one) that matches no shape Lote knows, with its structure only.
   * Whole answers of an unknown shape also fail with a `unknown_shape` error; parts are left out or kept
   * without what could not be read.
   */
  onUnknownShape?: UnknownShapeListener
  /**
   * Told what an answer said about the API key: accepted (a 2xx to a request that carried it) or refused
   * (401/403). Connections keep it as the key's state; network failures say nothing about the key.
   */
  onKeyAnswer?: (answer: 'accepted' | 'refused') => void
  /**
   * Told after every attempt whether Truora answered (`answering`), could not be reached or failed on its side
   * (`unreachable`: the network, a timeout, a 5xx), or asked to slow down (`throttled`: a 429). A batch shows
   * outages and throttling as they happen from it.
   */
  onReachability?: (state: Reachability, error?: TruoraError) => void
}

export type Reachability = 'answering' | 'unreachable' | 'throttled'

export interface CallOptions {
  signal?: AbortSignal
  /**
   * Called right before each attempt of a request that creates something leaves (after the rate limiter's
   * wait); throwing stops it unsent. The engines check here that they still hold the batch.
   */
  beforeSend?: () => void
}

export type CheckInputs = Partial<Record<InputName, string>>

export interface CreateCheckRequest {
  country: string
  /** person, vehicle, company or a custom type name. */
  type: string
  /** Include the row token as `custom_input` so a lost create can be matched back to its row. */
  inputs: CheckInputs
  /** Required `true` for V1 keys; defaults to true. */
  userAuthorized?: boolean
  /** Sent on the first attempt only; retries always send false (decision 7). */
  forceCreation?: boolean
  reportId?: string
  /** Frequency for re-checks, e.g. `monthly`. */
  watch?: string
}

export interface CustomTypeRequest {
  country: string
  type: string
  /** Weight 0..1 per dataset, summing to 1. A dataset left out is not searched. */
  weights: Partial<Record<DatasetName, number>>
}

export interface SettingsRequest {
  /** `<n>m` or `<n>h`, 15m..168h. */
  maxDuration?: string
  namesMatchingType?: 'soft' | 'exact'
  retries?: boolean
}

export interface ContinuousCheckRequest {
  checkId: string
  /** daily|weekly|monthly|yearly or <n>d|<n>w|<n>m|<n>y */
  frequency: string
  /** YYYY-MM-DD */
  endDate: string
  /** Must match the version of the API key its hooks run with (0 by default, as Truora's). */
  version?: 0 | 1
}

export interface ContinuousCheckUpdate {
  status?: 'enabled' | 'disabled'
  version?: 0 | 1
  frequency?: string
}

export interface CreateBatchRequest {
  country: string
  type: string
  /** Input name -> column index (0 = column A). Omitted: every input the type accepts is mapped. */
  columnsMapping?: Partial<Record<InputName, number>>
  frequency?: string
  endDate?: string
}

export interface HealthOptions extends CallOptions {
  /** The moment or day to report on (default now). */
  at?: Date | number
  /** Offset of the local day from UTC, e.g. -18000 for Colombia (default 0). */
  tzOffsetSeconds?: number
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * - safe: repeating it changes nothing (GET, idempotent PUT/DELETE/POST): retry any transient failure.
 * - create-check: retry, but once the server may have seen it, only with force_creation=false.
 * - unsafe: retry only when the server certainly did not act (429, connection refused).
 */
type RetryPolicy = 'safe' | 'create-check' | 'unsafe'

type FormFields = Record<string, string | number | boolean | undefined | null>

interface RequestSpec {
  method: Method
  url: URL
  /** Built per attempt: a create's retry differs from its first attempt. */
  form?: (serverMayHaveSeenIt: boolean) => FormFields
  body?: Uint8Array
  contentType?: string
  /** Off for upload links and foreign download links: the key goes only to the configured hosts. */
  sendKey?: boolean
  retry: RetryPolicy
  signal?: AbortSignal
  /** A PUT to a batch upload link: its refusals mean the link, not the key. */
  upload?: boolean
  beforeSend?: () => void
}

interface HttpResponse {
  status: number
  headers: Headers
  bytes: Buffer
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function encodeForm(fields: FormFields): string {
  const form = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue
    form.append(name, typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value))
  }
  return form.toString()
}

function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string')
      return current.code
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined
  }
  return undefined
}

function describeNetworkCode(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was dropped'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved'
    default:
      return code ? `network error ${code}` : 'network error'
  }
}

export class TruoraClient {
  private readonly checksBase: URL
  private readonly batchBase: URL
  private readonly apiKey: string
  private readonly limiter?: RateLimiter
  private readonly timeoutMs: number
  private readonly maxRetries: number
  private readonly retryBaseMs: number
  private readonly retryMaxMs: number
  private readonly clock: Clock
  private readonly random: () => number
  private readonly userAgent: string
  private readonly onUnknownShape: UnknownShapeListener
  private readonly onKeyAnswer: (answer: 'accepted' | 'refused') => void
  private readonly onReachability: (state: Reachability, error?: TruoraError) => void

  constructor(options: TruoraClientOptions) {
    this.checksBase = new URL(options.checksBaseUrl)
    this.batchBase = new URL(options.batchBaseUrl)
    this.apiKey = options.apiKey
    this.limiter = options.limiter
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.maxRetries = options.maxRetries ?? 5
    this.retryBaseMs = options.retryBaseMs ?? 500
    this.retryMaxMs = options.retryMaxMs ?? 20_000
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.userAgent = options.userAgent ?? 'Lote'
    this.onUnknownShape = options.onUnknownShape ?? (() => undefined)
    this.onKeyAnswer = options.onKeyAnswer ?? (() => undefined)
    this.onReachability = options.onReachability ?? (() => undefined)
  }

  // ---- Checks ----

  /**
   * Creates a check. A retry after a failure that may have reached Truora is sent with
   * force_creation=false, so Truora answers with the check the lost request created (decision 7).
   */
  async createCheck(request: CreateCheckRequest, options: CallOptions = {}): Promise<Check> {
    const response = await this.send({
      method: 'POST',
      url: this.checksUrl('/v1/checks'),
      retry: 'create-check',
      signal: options.signal,
      beforeSend: options.beforeSend,
      form: (serverMayHaveSeenIt) => ({
        country: request.country,
        type: request.type,
        user_authorized: request.userAuthorized ?? true,
        ...request.inputs,
        report_id: request.reportId,
        watch: request.watch,
        force_creation: serverMayHaveSeenIt ? false : request.forceCreation
      })
    })
    return this.read('POST /v1/checks', this.json(response), parseCheck)
  }

  async getCheck(checkId: string, options: CallOptions = {}): Promise<Check> {
    const url = this.checksUrl(`/v1/checks/${enc(checkId)}`)
    return this.read(`GET ${url.pathname}`, await this.getJson(url, options.signal), parseCheck)
  }

  /** Pages of checks, optionally only those of one batch report. */
  listChecks(options: CallOptions & { reportId?: string } = {}): AsyncGenerator<Check[]> {
    return this.pages(
      this.checksUrl('/v1/checks', { report_id: options.reportId }),
      parseChecksPage,
      options.signal
    )
  }

  /** Pages of a check's details; `lang` translates them (ISO 639-1), otherwise they come as collected. */
  listDetails(checkId: string, options: CallOptions & { lang?: string } = {}): AsyncGenerator<CheckDetail[]> {
    const url = this.checksUrl(`/v1/checks/${enc(checkId)}/details`, { lang: options.lang })
    return this.pages(url, parseDetailsPage, options.signal)
  }

  async summarize(checkId: string, options: CallOptions = {}): Promise<Summarization> {
    const url = this.checksUrl(`/v1/checks/${enc(checkId)}/summarize`)
    return this.read(`GET ${url.pathname}`, await this.getJson(url, options.signal), parseSummarization)
  }

  async attachments(checkId: string, options: CallOptions = {}): Promise<Attachment[]> {
    const all: Attachment[] = []
    const url = this.checksUrl(`/v1/checks/${enc(checkId)}/attachments`)
    for await (const items of this.pages(url, parseAttachments, options.signal)) all.push(...items)
    return all
  }

  /** Downloads an attachment; the API key is sent only when the link points at the checks host. */
  async downloadAttachment(attachment: Attachment | string, options: CallOptions = {}): Promise<Buffer> {
    const link = typeof attachment === 'string' ? attachment : attachment.url
    if (link === null)
      throw new TruoraError({
        kind: 'unknown_shape',
        message:
          'Truora answered in a way Lote does not know: this attachment has no link Lote recognises, so it cannot be downloaded.'
      })
    const url = new URL(link, this.checksBase)
    const response = await this.send({
      method: 'GET',
      url,
      sendKey: url.origin === this.checksBase.origin,
      retry: 'safe',
      signal: options.signal
    })
    return response.bytes
  }

  async deleteCheck(checkId: string, options: CallOptions = {}): Promise<void> {
    await this.send({
      method: 'DELETE',
      url: this.checksUrl(`/v1/checks/${enc(checkId)}`),
      retry: 'safe',
      signal: options.signal
    })
  }

  // ---- PDF ----

  /** Starts building the check's PDF. */
  async requestPdf(checkId: string, options: CallOptions = {}): Promise<{ pdfPath: string }> {
    const response = await this.send({
      method: 'POST',
      url: this.checksUrl(`/v1/checks/${enc(checkId)}/pdf`),
      retry: 'safe',
      signal: options.signal,
      form: () => ({})
    })
    const body = this.json(response) as { pdf_path?: unknown } | null
    return { pdfPath: typeof body?.pdf_path === 'string' ? body.pdf_path : `/v1/checks/${checkId}/pdf` }
  }

  /** The PDF's bytes. A `not_found` error means it is not ready yet (or was never requested). */
  async downloadPdf(checkId: string, options: CallOptions & { lang?: string } = {}): Promise<Buffer> {
    const response = await this.send({
      method: 'GET',
      url: this.checksUrl(`/v1/checks/${enc(checkId)}/pdf`, { lang: options.lang }),
      retry: 'safe',
      signal: options.signal
    })
    return response.bytes
  }

  // ---- Health ----

  /**
   * Hourly status of each database of a country for the local day containing `at`. Truora wants an
   * ISO 3166 country code: international (`ALL`) checks have none to ask about.
   */
  async health(country: string, options: HealthOptions = {}): Promise<HealthEntry[]> {
    if (!/^[A-Z]{2}$/.test(country))
      throw new TruoraError({
        kind: 'invalid_input',
        message: `Database health is asked per country (an ISO 3166 code such as CO); "${country}" is not one.`
      })
    const at = options.at === undefined ? this.clock.now() : Number(options.at)
    const url = this.checksUrl('/v1/health', {
      country,
      unixTimestampSeconds: Math.floor(at / 1000),
      unixtimezoneOffsetSeconds: options.tzOffsetSeconds ?? 0
    })
    return this.read('GET /v1/health', await this.getJson(url, options.signal), parseHealth)
  }

  // ---- Custom types ----

  /** Returns every custom type of the account after the change. */
  async createCustomType(request: CustomTypeRequest, options: CallOptions = {}): Promise<CustomType[]> {
    return this.sendCustomType('POST', 'unsafe', request, options)
  }

  async updateCustomType(request: CustomTypeRequest, options: CallOptions = {}): Promise<CustomType[]> {
    return this.sendCustomType('PUT', 'safe', request, options)
  }

  private async sendCustomType(
    method: Method,
    retry: RetryPolicy,
    request: CustomTypeRequest,
    options: CallOptions
  ): Promise<CustomType[]> {
    const fields: FormFields = { type: request.type, country: request.country }
    for (const [dataSet, weight] of Object.entries(request.weights)) fields[`dataset_${dataSet}`] = weight
    const response = await this.send({
      method,
      url: this.checksUrl('/v1/config'),
      retry,
      signal: options.signal,
      form: () => fields
    })
    return this.read(`${method} /v1/config`, this.json(response), parseCustomTypes)
  }

  async listCustomTypes(options: CallOptions = {}): Promise<CustomType[]> {
    const all: CustomType[] = []
    let url = this.checksUrl('/v1/config')
    for (let pages = 0; pages < 1000; pages++) {
      const body = await this.getJson(url, options.signal)
      all.push(...this.read('GET /v1/config', body, parseCustomTypes))
      const next = (body as { next?: unknown } | null)?.next
      if (typeof next !== 'string' || next === '') break
      url = this.followNext(url, next, this.checksBase)
    }
    return all
  }

  /** Deletes a custom type; returns the custom types that remain for that country. */
  async deleteCustomType(country: string, type: string, options: CallOptions = {}): Promise<CustomType[]> {
    const response = await this.send({
      method: 'DELETE',
      url: this.checksUrl('/v1/config', { country, type }),
      retry: 'safe',
      signal: options.signal
    })
    const body = this.json(response)
    return body === null ? [] : this.read('DELETE /v1/config', body, parseCustomTypes)
  }

  // ---- Settings ----

  async updateSettings(request: SettingsRequest, options: CallOptions = {}): Promise<Settings> {
    const response = await this.send({
      method: 'POST',
      url: this.checksUrl('/v1/settings'),
      retry: 'safe',
      signal: options.signal,
      form: () => ({
        max_duration: request.maxDuration,
        names_matching_type: request.namesMatchingType,
        retries: request.retries
      })
    })
    return parseSettings(this.json(response))
  }

  // ---- Continuous checks ----

  async createContinuousCheck(
    request: ContinuousCheckRequest,
    options: CallOptions = {}
  ): Promise<ContinuousCheck> {
    const response = await this.send({
      method: 'POST',
      url: this.checksUrl('/v1/continuous-checks'),
      retry: 'unsafe',
      signal: options.signal,
      beforeSend: options.beforeSend,
      form: () => ({
        check_id: request.checkId,
        frequency: request.frequency,
        end_date: request.endDate,
        version: request.version
      })
    })
    return this.read('POST /v1/continuous-checks', this.json(response), parseContinuousCheck)
  }

  async updateContinuousCheck(
    id: string,
    update: ContinuousCheckUpdate,
    options: CallOptions = {}
  ): Promise<ContinuousCheck> {
    const response = await this.send({
      method: 'PUT',
      url: this.checksUrl(`/v1/continuous-checks/${enc(id)}`),
      retry: 'safe',
      signal: options.signal,
      form: () => ({ status: update.status, version: update.version, frequency: update.frequency })
    })
    return this.read('PUT /v1/continuous-checks/{id}', this.json(response), parseContinuousCheck)
  }

  listContinuousChecks(options: CallOptions = {}): AsyncGenerator<ContinuousCheck[]> {
    return this.pages(this.checksUrl('/v1/continuous-checks'), parseContinuousChecksPage, options.signal)
  }

  async getContinuousCheck(id: string, options: CallOptions = {}): Promise<ContinuousCheck> {
    const body = await this.getJson(this.checksUrl(`/v1/continuous-checks/${enc(id)}`), options.signal)
    return this.read('GET /v1/continuous-checks/{id}', body, parseContinuousCheck)
  }

  continuousCheckHistory(id: string, options: CallOptions = {}): AsyncGenerator<ContinuousCheckChange[]> {
    const url = this.checksUrl(`/v1/continuous-checks/${enc(id)}/history`)
    return this.pages(url, parseHistoryPage, options.signal)
  }

  // ---- Batches (docs/truora-api.md section 5 and decisions 3-6) ----

  async createBatch(request: CreateBatchRequest, options: CallOptions = {}): Promise<BatchCreated> {
    const fields: FormFields = { service: 'checks', country: request.country, type: request.type }
    for (const [input, index] of Object.entries(request.columnsMapping ?? {}))
      fields[`columns_mapping.${input}`] = index
    fields.frequency = request.frequency
    fields.end_date = request.endDate
    const response = await this.send({
      method: 'POST',
      url: this.batchUrl('/v1/batches'),
      retry: 'unsafe',
      signal: options.signal,
      beforeSend: options.beforeSend,
      form: () => fields
    })
    return this.read('POST /v1/batches', this.json(response), parseBatchCreated)
  }

  /** PUTs the xlsx to the batch's upload link: no API key, one upload per link (decision 5). */
  async uploadBatchFile(link: string, bytes: Uint8Array, options: CallOptions = {}): Promise<void> {
    await this.send({
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
    const response = await this.send({
      method,
      url: this.batchUrl(path),
      retry: method === 'PUT' ? 'safe' : 'unsafe',
      signal: options.signal,
      beforeSend: options.beforeSend,
      form: () => ({})
    })
    const body = this.json(response)
    try {
      return body === null ? null : parseBatch(body)
    } catch {
      // These answers are undocumented (open question 7); a body that is not a batch is not an error.
      return null
    }
  }

  async getBatch(batchId: string, options: CallOptions = {}): Promise<Batch> {
    const body = await this.getJson(this.batchUrl(`/v1/batches/${enc(batchId)}`), options.signal)
    return this.read('GET /v1/batches/{id}', body, parseBatch)
  }

  async requestBatchReport(
    batchId: string,
    format: BatchReportFormat,
    options: CallOptions = {}
  ): Promise<void> {
    await this.send({
      method: 'POST',
      url: this.batchUrl(`/v1/batches/${enc(batchId)}/report`),
      retry: 'safe',
      signal: options.signal,
      form: () => ({ format })
    })
  }

  /** The requested report: pending while Truora answers 404, then the file or a link to it. */
  async getBatchReport(batchId: string, options: CallOptions = {}): Promise<BatchReport> {
    let response: HttpResponse
    try {
      response = await this.send({
        method: 'GET',
        url: this.batchUrl(`/v1/batches/${enc(batchId)}/report`),
        retry: 'safe',
        signal: options.signal
      })
    } catch (error) {
      if (error instanceof TruoraError && error.kind === 'not_found') return { kind: 'pending' }
      throw error
    }
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream'
    if (contentType.includes('json')) {
      const body = this.json(response)
      const link = reportLink(body)
      if (!link) {
        this.reportShape('the batch report link', 'GET /v1/batches/{id}/report', body)
        throw new TruoraError({
          kind: 'unknown_shape',
          shape: describeShape(body),
          message:
            'Truora answered in a way Lote does not know: the batch report answer holds no file link Lote recognises.'
        })
      }
      return { kind: 'link', url: new URL(link, this.batchBase).href }
    }
    return { kind: 'file', bytes: response.bytes, contentType }
  }

  /** Downloads a report link (no API key unless it points at the batch host). */
  async downloadBatchReport(url: string, options: CallOptions = {}): Promise<Buffer> {
    const target = new URL(url)
    const response = await this.send({
      method: 'GET',
      url: target,
      sendKey: target.origin === this.batchBase.origin,
      retry: 'safe',
      signal: options.signal
    })
    return response.bytes
  }

  // ---- Plumbing ----

  private checksUrl(path: string, query?: Record<string, string | number | undefined>): URL {
    return joinUrl(this.checksBase, path, query)
  }

  private batchUrl(path: string, query?: Record<string, string | number | undefined>): URL {
    return joinUrl(this.batchBase, path, query)
  }

  private async getJson(url: URL, signal?: AbortSignal): Promise<unknown> {
    return this.json(await this.send({ method: 'GET', url, retry: 'safe', signal }))
  }

  private json(response: HttpResponse): unknown {
    if (response.bytes.length === 0) return null
    try {
      return JSON.parse(response.bytes.toString('utf8'))
    } catch {
      throw new TruoraError({
        kind: 'unexpected_response',
        status: response.status,
        message: `Truora answered HTTP ${response.status} with a body that is not JSON.`
      })
    }
  }

  private reportShape(what: string, request: string, value: unknown): void {
    this.onUnknownShape({ what, request, shape: describeShape(value) })
  }

  /**
   * Parses an answer, telling the listener about any part of it in an unknown shape; an answer that is
   * unknown as a whole is told about too, then thrown as an `unknown_shape` error naming the request.
   */
  private read<T>(request: string, body: unknown, parse: (body: unknown, report: ShapeReporter) => T): T {
    try {
      return parse(body, (what, value) => this.reportShape(what, request, value))
    } catch (error) {
      if (error instanceof TruoraError && error.kind === 'unknown_shape') {
        this.onUnknownShape({ what: error.message, request, shape: error.shape ?? describeShape(body) })
        throw new TruoraError({
          kind: 'unknown_shape',
          request,
          shape: error.shape,
          message: `${error.message.replace(/\.$/, '')} to ${request}. Its structure (no values) is in the log.`
        })
      }
      throw error
    }
  }

  private async *pages<T>(
    first: URL,
    parse: (body: unknown, report: ShapeReporter) => Page<T>,
    signal?: AbortSignal
  ): AsyncGenerator<T[]> {
    const seen = new Set<string>()
    let url = first
    const request = `GET ${first.pathname}`
    for (;;) {
      seen.add(url.href)
      const page = this.read(request, await this.getJson(url, signal), parse)
      yield page.items
      if (!page.next) return
      url = this.followNext(url, page.next, this.checksBase)
      // A server that hands back a page already read would otherwise loop forever.
      if (seen.has(url.href)) return
    }
  }

  /** `next` may be a path, a full URL or an opaque key; only its path and query are kept. */
  private followNext(current: URL, next: string, base: URL): URL {
    if (next.startsWith('/') || /^https?:\/\//i.test(next)) {
      const target = new URL(next, base)
      return joinUrl(base, target.pathname + target.search)
    }
    const url = new URL(current)
    url.searchParams.set('start_key', next)
    return url
  }

  private async send(spec: RequestSpec): Promise<HttpResponse> {
    const label = `${spec.method} ${spec.url.pathname}`
    let serverMayHaveSeenIt = false
    let attempt = 0
    for (;;) {
      attempt++
      let error: TruoraError
      try {
        const response = await this.attempt(spec, label, serverMayHaveSeenIt)
        if (response.status >= 200 && response.status < 300) {
          this.limiter?.report({ kind: 'success' })
          if (spec.sendKey !== false) this.onKeyAnswer('accepted')
          this.onReachability('answering')
          return response
        }
        error = this.httpError(response, label, spec.upload === true)
        if (error.kind === 'key_refused') this.onKeyAnswer('refused')
      } catch (thrown) {
        if (!(thrown instanceof TruoraError)) throw thrown
        error = thrown
      }
      this.reportToLimiter(error)
      if (error.kind !== 'aborted')
        this.onReachability(
          error.kind === 'rate_limited' ? 'throttled' : error.transient ? 'unreachable' : 'answering',
          error
        )
      error.attempts = attempt
      if (attempt > this.maxRetries || !this.shouldRetry(spec.retry, error)) throw error
      if (mayHaveReachedServer(error)) serverMayHaveSeenIt = true
      await this.backoff(attempt, error, spec.signal)
    }
  }

  private async attempt(
    spec: RequestSpec,
    label: string,
    serverMayHaveSeenIt: boolean
  ): Promise<HttpResponse> {
    try {
      if (this.limiter) await this.limiter.acquire(spec.signal)
    } catch {
      throw this.abortedError(label)
    }
    spec.beforeSend?.()
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.userAgent }
    if (spec.sendKey !== false) headers['Truora-API-Key'] = this.apiKey
    let body: Uint8Array | string | undefined = spec.body
    if (spec.form) {
      body = encodeForm(spec.form(serverMayHaveSeenIt))
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
    } else if (spec.contentType) headers['Content-Type'] = spec.contentType

    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs)
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout.signal]) : timeout.signal
    try {
      const response = await fetch(spec.url, {
        method: spec.method,
        headers,
        body,
        signal,
        redirect: 'manual'
      })
      const bytes = Buffer.from(await response.arrayBuffer())
      return { status: response.status, headers: response.headers, bytes }
    } catch (error) {
      if (spec.signal?.aborted) throw this.abortedError(label)
      if (timeout.signal.aborted)
        throw new TruoraError({
          kind: 'timeout',
          request: label,
          message: `Truora did not answer ${label} within ${formatSeconds(this.timeoutMs)}.`
        })
      const networkCode = networkCodeOf(error)
      throw new TruoraError({
        kind: 'network',
        request: label,
        networkCode,
        message: `Could not reach Truora at ${spec.url.origin} for ${label}: ${describeNetworkCode(networkCode)}.`
      })
    } finally {
      clearTimeout(timer)
    }
  }

  private abortedError(label: string): TruoraError {
    return new TruoraError({ kind: 'aborted', request: label, message: `${label} was cancelled.` })
  }

  private httpError(response: HttpResponse, label: string, upload: boolean): TruoraError {
    let parsed: { code?: number | string; message?: string } = {}
    try {
      parsed = parseErrorBody(JSON.parse(response.bytes.toString('utf8')))
    } catch {
      // Proxies answer errors in HTML; the status alone still says what happened.
    }
    const apiMessage = parsed.message ? this.redact(parsed.message) : undefined
    const said = apiMessage ? ` Truora says: "${apiMessage}"` : ''
    const status = response.status
    const base = { status, code: parsed.code, apiMessage, request: label }
    if (upload && (status === 401 || status === 403 || status === 409 || status === 410))
      return new TruoraError({
        ...base,
        kind: 'upload_refused',
        message: `The upload link refused the file (HTTP ${status}).${said} Create a new batch to get a new link.`
      })
    const kind: TruoraErrorKind | null =
      status === 400 || status === 422
        ? 'invalid_input'
        : status === 401 || status === 403
          ? 'key_refused'
          : status === 404
            ? 'not_found'
            : status === 429
              ? 'rate_limited'
              : status >= 500
                ? 'server_error'
                : null
    switch (kind) {
      case 'invalid_input':
        return new TruoraError({
          ...base,
          kind,
          message: `Truora refused ${label} as invalid: ${apiMessage ?? `HTTP ${status}`}`
        })
      case 'key_refused':
        return new TruoraError({
          ...base,
          kind,
          message: `The API key was refused (HTTP ${status}). Check the key of this connection profile.${said}`
        })
      case 'not_found':
        return new TruoraError({
          ...base,
          kind,
          message: `Truora found nothing at ${label} (HTTP 404).${said}`
        })
      case 'rate_limited': {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock.now())
        const wait = retryAfterMs === undefined ? '' : ` It asked to wait ${formatSeconds(retryAfterMs)}.`
        return new TruoraError({
          ...base,
          kind,
          retryAfterMs,
          message: `Truora is limiting the request rate (HTTP 429) for ${label}.${wait}`
        })
      }
      case 'server_error': {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock.now())
        return new TruoraError({
          ...base,
          kind,
          retryAfterMs,
          message: `Truora had a server error (HTTP ${status}) on ${label}.${said}`
        })
      }
      default:
        break
    }
    return new TruoraError({
      ...base,
      kind: 'unexpected_response',
      message: `Truora answered HTTP ${status} to ${label}.${said}`
    })
  }

  private shouldRetry(policy: RetryPolicy, error: TruoraError): boolean {
    if (!error.transient) return false
    if (policy === 'unsafe')
      return error.kind === 'rate_limited' || NOT_REACHED_CODES.has(error.networkCode ?? '')
    return true
  }

  private reportToLimiter(error: TruoraError): void {
    if (!this.limiter) return
    if (error.kind === 'rate_limited' || error.status === 503)
      this.limiter.report({ kind: 'throttled', retryAfterMs: error.retryAfterMs })
    else if (error.kind === 'server_error' || error.kind === 'network' || error.kind === 'timeout')
      this.limiter.report({ kind: 'failure' })
    else if (error.kind !== 'aborted') this.limiter.report({ kind: 'success' })
  }

  /** Full jitter (a random wait up to an exponentially growing ceiling), or what the server asked for. */
  private async backoff(attempt: number, error: TruoraError, signal?: AbortSignal): Promise<void> {
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (attempt - 1))
    const delay = error.retryAfterMs ?? Math.floor(this.random() * ceiling)
    try {
      await this.clock.sleep(delay, signal)
    } catch {
      throw this.abortedError(error.request ?? 'The request')
    }
  }

  /** Defence in depth: a server that echoes the key back must not get it into logs or the UI. */
  private redact(message: string): string {
    return this.apiKey.length >= 4 ? message.split(this.apiKey).join('[redacted]') : message
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment)
}

function joinUrl(base: URL, path: string, query?: Record<string, string | number | undefined>): URL {
  const url = new URL(base.href.replace(/\/+$/, '') + path)
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value))
  return url
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`
}
