// Options several lote commands share, read the same way everywhere.
import { COUNTRIES, isCountry, type Country } from '../shared/checks/inputs'
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
