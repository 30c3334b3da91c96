// Account configuration: custom check types (/v1/config) with their weight rules, and settings (/v1/settings).
import { DATASETS, DEFAULT_TYPE_WEIGHTS, isDataset, type Weights } from './catalog'
import { ApiError, requireField } from './http'
import { seededHex } from './seeded'

export const CUSTOM_TYPE_COUNTRIES = ['ALL', 'BR', 'CL', 'CO', 'MX', 'PE'] as const
const DEFAULT_TYPES = new Set(Object.keys(DEFAULT_TYPE_WEIGHTS))

export class CustomTypeStore {
  /** country -> type -> weights, in creation order. */
  private readonly types = new Map<string, Map<string, Weights>>()

  constructor(private readonly seed: number) {}

  /**
   * Weights of a type usable in this country: a default type, or a custom one made for this very country.
   * A custom type of `ALL` serves international checks only: the reference gives no sign that Truora lets
   * it stand in for a national type, so the Sandbox refuses what the live API may refuse.
   */
  weightsFor(country: string, type: string): Weights | null {
    if (type in DEFAULT_TYPE_WEIGHTS) return DEFAULT_TYPE_WEIGHTS[type as keyof typeof DEFAULT_TYPE_WEIGHTS]
    return this.types.get(country)?.get(type) ?? null
  }

  create(form: URLSearchParams): unknown {
    const { country, type, weights } = this.read(form)
    if (this.types.get(country)?.has(type))
      throw new ApiError(
        400,
        `The type "${type}" already exists for ${country}; update it with PUT /v1/config.`
      )
    this.byCountry(country).set(type, weights)
    return this.view()
  }

  update(form: URLSearchParams): unknown {
    const { country, type, weights } = this.read(form)
    if (!this.types.get(country)?.has(type))
      throw new ApiError(404, `There is no custom type "${type}" for ${country}.`)
    this.byCountry(country).set(type, weights)
    return this.view()
  }

  delete(query: URLSearchParams): unknown {
    const country = requireField(query, 'country')
    const type = requireField(query, 'type')
    if (DEFAULT_TYPES.has(type)) throw new ApiError(400, `The default type "${type}" cannot be deleted.`)
    if (!this.types.get(country)?.delete(type))
      throw new ApiError(404, `There is no custom type "${type}" for ${country}.`)
    return this.view(country)
  }

  list(): unknown {
    return { ...(this.view() as object), next: '', self: '/v1/config' }
  }

  /** The custom types, country by country, for a restart. */
  snapshot(): [string, [string, Weights][]][] {
    return [...this.types].map(([country, byType]) => [country, [...byType]])
  }

  restore(state: [string, [string, Weights][]][]): void {
    for (const [country, byType] of state) this.types.set(country, new Map(byType))
  }

  /** The config object of the old examples, optionally limited to one country. */
  private view(onlyCountry?: string): unknown {
    const scoreConfigs: Record<string, Record<string, { data_set: string; weight: number }[]>> = {}
    for (const [country, byType] of this.types) {
      if (onlyCountry && country !== onlyCountry) continue
      scoreConfigs[country] = {}
      for (const [type, weights] of byType)
        scoreConfigs[country][type] = Object.entries(weights).map(([data_set, weight]) => ({
          data_set,
          weight: weight ?? 0
        }))
    }
    if (onlyCountry) scoreConfigs[onlyCountry] ??= {}
    return {
      client_id: `TCI${seededHex(32, 'client', this.seed)}`,
      config_id: `CFG${seededHex(32, 'config', this.seed)}`,
      provider_configs: {},
      score_configs: scoreConfigs
    }
  }

  private byCountry(country: string): Map<string, Weights> {
    let byType = this.types.get(country)
    if (!byType) this.types.set(country, (byType = new Map()))
    return byType
  }

  private read(form: URLSearchParams): { country: string; type: string; weights: Weights } {
    const type = requireField(form, 'type')
    if (DEFAULT_TYPES.has(type))
      throw new ApiError(400, `The default type "${type}" cannot be created or modified.`)
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(type))
      throw new ApiError(400, 'type may hold only letters, digits, "-" and "_" (up to 64 characters).')
    const country = requireField(form, 'country')
    if (!(CUSTOM_TYPE_COUNTRIES as readonly string[]).includes(country))
      throw new ApiError(400, `country must be one of ${CUSTOM_TYPE_COUNTRIES.join(', ')}, not "${country}".`)
    const weights: Weights = {}
    for (const [name, value] of form) {
      if (!name.startsWith('dataset_')) continue
      const dataSet = name.slice('dataset_'.length)
      if (!isDataset(dataSet))
        throw new ApiError(400, `Unknown dataset "${dataSet}". Known datasets: ${DATASETS.join(', ')}.`)
      const weight = Number(value)
      if (value.trim() === '' || !Number.isFinite(weight) || weight < 0 || weight > 1)
        throw new ApiError(400, `The weight of ${dataSet} must be a number between 0 and 1, not "${value}".`)
      weights[dataSet] = weight
    }
    const entries = Object.values(weights)
    if (entries.length === 0) throw new ApiError(400, 'Send at least one dataset_<name> weight.')
    const sum = entries.reduce((total, weight) => total + (weight ?? 0), 0)
    if (Math.abs(sum - 1) > 1e-6)
      throw new ApiError(
        400,
        `The dataset weights must add up to 1; these add up to ${Math.round(sum * 1e6) / 1e6}.`
      )
    return { country, type, weights }
  }
}

const DURATION = /^(\d+)([mh])$/

export interface AccountSettings {
  max_duration?: string
  names_matching_type: 'soft' | 'exact'
  retries: boolean
}

/** POST /v1/settings: validates and keeps the account-wide settings (docs/truora-api.md section 2.4). */
export function applySettings(current: AccountSettings, form: URLSearchParams): AccountSettings {
  const next = { ...current }
  const maxDuration = form.get('max_duration')
  if (maxDuration !== null) {
    const match = DURATION.exec(maxDuration.trim())
    if (!match) throw new ApiError(400, `max_duration must look like "90m" or "48h", not "${maxDuration}".`)
    const minutes = Number(match[1]) * (match[2] === 'h' ? 60 : 1)
    if (minutes < 15 || minutes > 168 * 60)
      throw new ApiError(400, `max_duration must be between 15m and 168h; "${maxDuration}" is out of range.`)
    next.max_duration = maxDuration.trim()
  }
  const matching = form.get('names_matching_type')
  if (matching !== null) {
    if (matching !== 'soft' && matching !== 'exact')
      throw new ApiError(400, `names_matching_type must be soft or exact, not "${matching}".`)
    next.names_matching_type = matching
  }
  const retries = form.get('retries')
  if (retries !== null) {
    if (retries !== 'true' && retries !== 'false')
      throw new ApiError(400, `retries must be true or false, not "${retries}".`)
    next.retries = retries === 'true'
  }
  if (maxDuration === null && matching === null && retries === null)
    throw new ApiError(400, 'Send at least one of max_duration, names_matching_type or retries.')
  return next
}
