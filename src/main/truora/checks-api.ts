// The client's endpoints for checks (docs/truora-api.md): creating one without ever paying twice, reading it,
// its details, summary and attachments, deleting it, its PDF, and the health of a country's databases. The
// requests themselves go through TruoraHttp (http.ts).
import { TruoraError } from './errors'
import { enc, type TruoraHttp } from './http'
import {
  parseAttachments,
  parseCheck,
  parseChecksPage,
  parseDetailsPage,
  parseHealth,
  parseSummarization
} from './parse'
import type { CallOptions, CreateCheckRequest, HealthOptions } from './requests'
import type { Attachment, Check, CheckDetail, HealthEntry, Summarization } from './types'

export class ChecksApi {
  constructor(protected readonly http: TruoraHttp) {}

  // ---- Checks ----

  /**
   * Creates a check. A retry after a failure that may have reached Truora is sent with
   * force_creation=false, so Truora answers with the check the lost request created (decision 7).
   */
  async createCheck(request: CreateCheckRequest, options: CallOptions = {}): Promise<Check> {
    const response = await this.http.send({
      method: 'POST',
      url: this.http.checksUrl('/v1/checks'),
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
    return this.http.read('POST /v1/checks', this.http.json(response), parseCheck)
  }

  async getCheck(checkId: string, options: CallOptions = {}): Promise<Check> {
    const url = this.http.checksUrl(`/v1/checks/${enc(checkId)}`)
    return this.http.read(`GET ${url.pathname}`, await this.http.getJson(url, options.signal), parseCheck)
  }

  /** Pages of checks, optionally only those of one batch report. */
  listChecks(options: CallOptions & { reportId?: string } = {}): AsyncGenerator<Check[]> {
    return this.http.pages(
      this.http.checksUrl('/v1/checks', { report_id: options.reportId }),
      parseChecksPage,
      options.signal
    )
  }

  /** Pages of a check's details; `lang` translates them (ISO 639-1), otherwise they come as collected. */
  listDetails(checkId: string, options: CallOptions & { lang?: string } = {}): AsyncGenerator<CheckDetail[]> {
    const url = this.http.checksUrl(`/v1/checks/${enc(checkId)}/details`, { lang: options.lang })
    return this.http.pages(url, parseDetailsPage, options.signal)
  }

  async summarize(checkId: string, options: CallOptions = {}): Promise<Summarization> {
    const url = this.http.checksUrl(`/v1/checks/${enc(checkId)}/summarize`)
    return this.http.read(
      `GET ${url.pathname}`,
      await this.http.getJson(url, options.signal),
      parseSummarization
    )
  }

  async attachments(checkId: string, options: CallOptions = {}): Promise<Attachment[]> {
    const all: Attachment[] = []
    const url = this.http.checksUrl(`/v1/checks/${enc(checkId)}/attachments`)
    for await (const items of this.http.pages(url, parseAttachments, options.signal)) all.push(...items)
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
    const url = new URL(link, this.http.checksBase)
    const response = await this.http.send({
      method: 'GET',
      url,
      sendKey: url.origin === this.http.checksBase.origin,
      retry: 'safe',
      signal: options.signal
    })
    return response.bytes
  }

  async deleteCheck(checkId: string, options: CallOptions = {}): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      url: this.http.checksUrl(`/v1/checks/${enc(checkId)}`),
      retry: 'safe',
      signal: options.signal
    })
  }

  // ---- PDF ----

  /** Starts building the check's PDF. */
  async requestPdf(checkId: string, options: CallOptions = {}): Promise<{ pdfPath: string }> {
    const response = await this.http.send({
      method: 'POST',
      url: this.http.checksUrl(`/v1/checks/${enc(checkId)}/pdf`),
      retry: 'safe',
      signal: options.signal,
      form: () => ({})
    })
    const body = this.http.json(response) as { pdf_path?: unknown } | null
    return { pdfPath: typeof body?.pdf_path === 'string' ? body.pdf_path : `/v1/checks/${checkId}/pdf` }
  }

  /** The PDF's bytes. A `not_found` error means it is not ready yet (or was never requested). */
  async downloadPdf(checkId: string, options: CallOptions & { lang?: string } = {}): Promise<Buffer> {
    const response = await this.http.send({
      method: 'GET',
      url: this.http.checksUrl(`/v1/checks/${enc(checkId)}/pdf`, { lang: options.lang }),
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
    const at = options.at === undefined ? this.http.now() : Number(options.at)
    const url = this.http.checksUrl('/v1/health', {
      country,
      unixTimestampSeconds: Math.floor(at / 1000),
      unixtimezoneOffsetSeconds: options.tzOffsetSeconds ?? 0
    })
    return this.http.read('GET /v1/health', await this.http.getJson(url, options.signal), parseHealth)
  }
}
