// GET /v1/health: hourly status of each database of a country for one local day. Outages are fixed by
// seed, country, database, day and hour, and can be forced with the `outages` knob.
import { isCountry } from '../../shared/checks/inputs'
import { databasesOf } from './catalog'
import { ApiError } from './http'
import type { HourlyStatusName, SandboxKnobs } from './knobs'
import { seededUnit } from './seeded'

function integerParam(query: URLSearchParams, name: string): number {
  const raw = query.get(name)
  if (raw === null || raw.trim() === '') throw new ApiError(400, `Missing required parameter ${name}.`)
  const value = Number(raw)
  if (!Number.isInteger(value))
    throw new ApiError(400, `${name} must be a whole number of seconds, not "${raw}".`)
  return value
}

export function healthReport(query: URLSearchParams, knobs: SandboxKnobs, nowMs: number): unknown[] {
  const country = query.get('country') ?? ''
  if (!country) throw new ApiError(400, 'Missing required parameter country.')
  if (!isCountry(country)) throw new ApiError(400, `country "${country}" is not supported.`)
  const timestamp = integerParam(query, 'unixTimestampSeconds')
  const offset = integerParam(query, 'unixtimezoneOffsetSeconds')
  if (Math.abs(offset) > 14 * 3600)
    throw new ApiError(400, 'unixtimezoneOffsetSeconds must be within ±14 hours.')
  const localDay = Math.floor((timestamp + offset) / 86_400)
  const dayStartUtc = localDay * 86_400 - offset
  return databasesOf(country).map((db) => {
    const forced = knobs.outages.find(
      (outage) =>
        outage.country === country &&
        (!outage.database || outage.database === db.name || outage.database === db.short)
    )
    const hourly: HourlyStatusName[] = []
    for (let hour = 0; hour < 24; hour++) {
      const hourStartMs = (dayStartUtc + hour * 3600) * 1000
      if (hourStartMs > nowMs) hourly.push('undetermined')
      else if (forced) hourly.push(forced.status)
      else hourly.push(seededStatus(knobs, country, db.short, localDay, hour))
    }
    return { database_id: db.id, database_name: db.name, data_sets: [db.dataSet], hourly_status: hourly }
  })
}

function seededStatus(
  knobs: SandboxKnobs,
  country: string,
  short: string,
  day: number,
  hour: number
): HourlyStatusName {
  if (seededUnit('outage', knobs.seed, country, short, day, hour) >= knobs.outageRate) return 'operational'
  const severity = seededUnit('severity', knobs.seed, country, short, day, hour)
  return severity < 0.5 ? 'degraded_performance' : severity < 0.8 ? 'partial_outage' : 'major_outage'
}
