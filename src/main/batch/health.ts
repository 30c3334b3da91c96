// Before a batch starts: are the country's databases up? Truora answers with hourly statuses for the local
// day (GET /v1/health); the current hour's is what matters for checks sent now.
import type { Logger } from '../log'
import type { TruoraClient } from '../truora/client'
import type { HealthEntry } from '../truora/types'
import { COUNTRY_UTC_OFFSET_SECONDS } from '../../shared/checks/account'
import { isCountry } from '../../shared/checks/inputs'
import { describeError } from './engine'

const OUTAGES = new Set(['partial_outage', 'major_outage', 'under_maintenance'])

export interface HealthWarning {
  country: string
  /** Databases not working now, with their status. */
  databases: { name: string; status: string; dataSets: string[] }[]
  message: string
}

function offsetOf(country: string): number {
  return isCountry(country) ? COUNTRY_UTC_OFFSET_SECONDS[country] : 0
}

/** The databases in outage now, or null when all answer normally. */
export function outageWarning(country: string, entries: HealthEntry[], at: number): HealthWarning | null {
  const offset = offsetOf(country)
  const hour = new Date(at + offset * 1000).getUTCHours()
  const databases = entries
    .map((entry) => ({
      name: entry.databaseName,
      status: entry.hourlyStatus[hour] ?? entry.hourlyStatus.at(-1) ?? '',
      dataSets: entry.dataSets
    }))
    .filter((entry) => OUTAGES.has(entry.status))
  if (databases.length === 0) return null
  const list = databases.map((d) => `${d.name} (${d.status.replace(/_/g, ' ')})`).join(', ')
  return {
    country,
    databases,
    message: `Truora reports ${databases.length === 1 ? 'a database' : `${databases.length} databases`} of ${country} out of service now: ${list}. Checks that need ${databases.length === 1 ? 'it' : 'them'} may end in error or take longer.`
  }
}

export async function checkHealth(
  client: TruoraClient,
  country: string,
  at: number,
  signal?: AbortSignal
): Promise<HealthWarning | null> {
  const entries = await client.health(country, {
    at,
    tzOffsetSeconds: offsetOf(country),
    signal
  })
  return outageWarning(country, entries, at)
}

/**
 * The outages Truora reports now for each country given. A country whose health cannot be read is logged and
 * left out (the batch may still start); a refused key stops here.
 */
export async function outageWarnings(
  client: TruoraClient,
  countries: Iterable<string>,
  at: number,
  log: Logger
): Promise<HealthWarning[]> {
  const warnings: HealthWarning[] = []
  for (const country of countries) {
    try {
      const warning = await checkHealth(client, country, at)
      if (warning) warnings.push(warning)
    } catch (error) {
      if (error instanceof Error && 'kind' in error && error.kind === 'key_refused') throw error
      log.warn(`Could not read Truora's database health for ${country}: ${describeError(error)}`)
    }
  }
  return warnings
}
