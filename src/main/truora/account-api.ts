// The client's endpoints for the account: custom types, account settings and continuous checks. They build on
// the checks' endpoints (checks-api.ts), and TruoraClient on them.
import { enc, type FormFields, type Method, type RetryPolicy } from './http'
import { ChecksApi } from './checks-api'
import {
  parseContinuousCheck,
  parseContinuousChecksPage,
  parseCustomTypes,
  parseHistoryPage,
  parseSettings
} from './parse'
import type {
  CallOptions,
  ContinuousCheckRequest,
  ContinuousCheckUpdate,
  CustomTypeRequest,
  SettingsRequest
} from './requests'
import type { ContinuousCheck, ContinuousCheckChange, CustomType, Settings } from './types'

export class AccountApi extends ChecksApi {
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
    const response = await this.http.send({
      method,
      url: this.http.checksUrl('/v1/config'),
      retry,
      signal: options.signal,
      form: () => fields
    })
    return this.http.read(`${method} /v1/config`, this.http.json(response), parseCustomTypes)
  }

  async listCustomTypes(options: CallOptions = {}): Promise<CustomType[]> {
    const all: CustomType[] = []
    let url = this.http.checksUrl('/v1/config')
    for (let pages = 0; pages < 1000; pages++) {
      const body = await this.http.getJson(url, options.signal)
      all.push(...this.http.read('GET /v1/config', body, parseCustomTypes))
      const next = (body as { next?: unknown } | null)?.next
      if (typeof next !== 'string' || next === '') break
      url = this.http.followNext(url, next, this.http.checksBase)
    }
    return all
  }

  /** Deletes a custom type; returns the custom types that remain for that country. */
  async deleteCustomType(country: string, type: string, options: CallOptions = {}): Promise<CustomType[]> {
    const response = await this.http.send({
      method: 'DELETE',
      url: this.http.checksUrl('/v1/config', { country, type }),
      retry: 'safe',
      signal: options.signal
    })
    const body = this.http.json(response)
    return body === null ? [] : this.http.read('DELETE /v1/config', body, parseCustomTypes)
  }

  // ---- Settings ----

  async updateSettings(request: SettingsRequest, options: CallOptions = {}): Promise<Settings> {
    const response = await this.http.send({
      method: 'POST',
      url: this.http.checksUrl('/v1/settings'),
      retry: 'safe',
      signal: options.signal,
      form: () => ({
        max_duration: request.maxDuration,
        names_matching_type: request.namesMatchingType,
        retries: request.retries
      })
    })
    return parseSettings(this.http.json(response))
  }

  // ---- Continuous checks ----

  async createContinuousCheck(
    request: ContinuousCheckRequest,
    options: CallOptions = {}
  ): Promise<ContinuousCheck> {
    const response = await this.http.send({
      method: 'POST',
      url: this.http.checksUrl('/v1/continuous-checks'),
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
    return this.http.read('POST /v1/continuous-checks', this.http.json(response), parseContinuousCheck)
  }

  async updateContinuousCheck(
    id: string,
    update: ContinuousCheckUpdate,
    options: CallOptions = {}
  ): Promise<ContinuousCheck> {
    const response = await this.http.send({
      method: 'PUT',
      url: this.http.checksUrl(`/v1/continuous-checks/${enc(id)}`),
      retry: 'safe',
      signal: options.signal,
      form: () => ({ status: update.status, version: update.version, frequency: update.frequency })
    })
    return this.http.read('PUT /v1/continuous-checks/{id}', this.http.json(response), parseContinuousCheck)
  }

  listContinuousChecks(options: CallOptions = {}): AsyncGenerator<ContinuousCheck[]> {
    return this.http.pages(
      this.http.checksUrl('/v1/continuous-checks'),
      parseContinuousChecksPage,
      options.signal
    )
  }

  async getContinuousCheck(id: string, options: CallOptions = {}): Promise<ContinuousCheck> {
    const body = await this.http.getJson(
      this.http.checksUrl(`/v1/continuous-checks/${enc(id)}`),
      options.signal
    )
    return this.http.read('GET /v1/continuous-checks/{id}', body, parseContinuousCheck)
  }

  continuousCheckHistory(id: string, options: CallOptions = {}): AsyncGenerator<ContinuousCheckChange[]> {
    const url = this.http.checksUrl(`/v1/continuous-checks/${enc(id)}/history`)
    return this.http.pages(url, parseHistoryPage, options.signal)
  }
}
