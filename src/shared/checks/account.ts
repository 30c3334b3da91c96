// Rules for account-level settings that the UI checks before Truora does (docs/truora-api.md 2.3-2.5).
import type { Country } from './inputs'

/**
 * Countries with an ISO 3166 code: the ones Truora reports database health for. International (`ALL`)
 * checks search databases that belong to no single country.
 */
export const HEALTH_COUNTRIES = ['BR', 'CL', 'CO', 'CR', 'MX', 'PE'] as const satisfies readonly Country[]

/** Custom types exist for these countries (no CR). */
export const CUSTOM_TYPE_COUNTRIES = ['ALL', 'BR', 'CL', 'CO', 'MX', 'PE'] as const
export const RESERVED_TYPE_NAMES = ['person', 'vehicle', 'company'] as const

/** `<n>m` or `<n>h` between 15 minutes and 168 hours; returns minutes or null when invalid. */
export function maxDurationMinutes(value: string): number | null {
  const match = /^(\d{1,4})([mh])$/.exec(value.trim())
  if (!match) return null
  const minutes = Number(match[1]) * (match[2] === 'h' ? 60 : 1)
  return minutes >= 15 && minutes <= 168 * 60 ? minutes : null
}

/** daily|weekly|monthly|yearly or <n>d|<n>w|<n>m|<n>y */
export const FREQUENCY_PATTERN = /^(daily|weekly|monthly|yearly|[1-9]\d{0,2}[dwmy])$/

/** Offsets used to ask for a country's hourly database health in its own day. */
export const COUNTRY_UTC_OFFSET_SECONDS: Record<Country, number> = {
  ALL: 0,
  BR: -3 * 3600,
  CL: -4 * 3600,
  CO: -5 * 3600,
  CR: -6 * 3600,
  MX: -6 * 3600,
  PE: -5 * 3600
}

/** Today's date (YYYY-MM-DD) in a country's own time zone. */
export function todayIn(country: Country, now = Date.now()): string {
  return new Date(now + COUNTRY_UTC_OFFSET_SECONDS[country] * 1000).toISOString().slice(0, 10)
}
