// Options several lote commands share, read the same way everywhere.
import { COUNTRIES, isCountry, type Country } from '../shared/checks/inputs'
import { CSV_ENCODINGS, type CsvEncoding } from '../shared/sheets/types'
import { parseCheckType } from '../shared/sheets/values'
import { CliError } from './io'

/** `--country`: a country code in any case; undefined when not given. */
export function countryOption(value: string | undefined): Country | undefined {
  if (value === undefined) return undefined
  const code = value.toUpperCase()
  if (!isCountry(code))
    throw new CliError(`--country must be one of ${COUNTRIES.join(', ')}; got "${value}".`, 2)
  return code
}

/** `--type`: person, vehicle, company (in Spanish, Portuguese or English) or a custom type's name. */
export function checkTypeOption(value: string | undefined): string | undefined {
  return value === undefined ? undefined : parseCheckType(value)?.type
}

export const ENCODING_HELP = `csv only: its text encoding, ${CSV_ENCODINGS.join(', ')} (needed when the file is not UTF-8)`

/** `--encoding`: the text encoding of a csv, when its bytes are not UTF-8. */
export function encodingOption(value: string | undefined): CsvEncoding | undefined {
  if (value === undefined) return undefined
  const encoding = value
    .toLowerCase()
    .replace(/^cp1252$|^latin-?1$/, 'windows-1252')
    .replace(/^utf8$/, 'utf-8')
  if (!(CSV_ENCODINGS as readonly string[]).includes(encoding))
    throw new CliError(`--encoding must be one of ${CSV_ENCODINGS.join(', ')}; got "${value}".`, 2)
  return encoding as CsvEncoding
}

const DURATION_UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000
}

/**
 * A duration flag such as 90s, 30m, 48h or 3d (a bare number is hours), in ms; undefined when not given.
 * At least one second, at most 30 days.
 */
export function durationOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/i.exec(value.trim())
  const ms = match ? Number(match[1]) * DURATION_UNITS[(match[2] ?? 'h').toLowerCase()] : NaN
  if (!Number.isFinite(ms) || ms < 1000 || ms > 30 * 86_400_000)
    throw new CliError(
      `${flag} takes a duration such as 90s, 30m, 48h or 3d (1 second to 30 days); got "${value}".`,
      2
    )
  return Math.round(ms)
}
