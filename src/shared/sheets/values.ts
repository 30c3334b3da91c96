// Values written in words that must become Truora's codes: countries, check types, Brazilian states,
// owner document types.
import { isCountry, type Country } from '../checks/inputs'
import { normaliseLabel } from './labels'

function table(entries: Record<string, string[]>): Map<string, string> {
  const map = new Map<string, string>()
  for (const [code, names] of Object.entries(entries)) {
    map.set(normaliseLabel(code), code)
    for (const name of names) map.set(normaliseLabel(name), code)
  }
  return map
}

const COUNTRY_NAMES = table({
  ALL: ['Internacional', 'International', 'Todos', 'Global'],
  BR: ['Brasil', 'Brazil', 'BRA'],
  CL: ['Chile', 'CHL'],
  CO: ['Colombia', 'Colômbia', 'COL'],
  CR: ['Costa Rica', 'CRI'],
  MX: ['México', 'Mexico', 'Méjico', 'MEX'],
  PE: ['Perú', 'Peru', 'PER']
})

export function parseCountry(text: string): Country | null {
  const code = COUNTRY_NAMES.get(normaliseLabel(text))
  return code && isCountry(code) ? code : null
}

export const NATIVE_COUNTRIES = ['CO', 'MX', 'PE', 'BR', 'EC', 'CL', 'VE'] as const

const NATIVE_NAMES = table({
  CO: ['Colombia', 'Colombiano', 'Colombiana', 'COL'],
  MX: ['México', 'Mexico', 'Mexicano', 'Mexicana', 'MEX'],
  PE: ['Perú', 'Peru', 'Peruano', 'Peruana', 'PER'],
  BR: ['Brasil', 'Brazil', 'Brasileño', 'Brasileña', 'Brasileiro', 'Brasileira', 'BRA'],
  EC: ['Ecuador', 'Ecuatoriano', 'Ecuatoriana', 'ECU'],
  CL: ['Chile', 'Chileno', 'Chilena', 'CHL'],
  VE: ['Venezuela', 'Venezolano', 'Venezolana', 'VEN']
})

export function parseNativeCountry(text: string): string | null {
  return NATIVE_NAMES.get(normaliseLabel(text)) ?? null
}

const CHECK_TYPES = table({
  person: [
    'persona',
    'personas',
    'persona natural',
    'pessoa',
    'pessoa fisica',
    'people',
    'individual',
    'natural'
  ],
  vehicle: ['vehiculo', 'vehículos', 'vehículo', 'veículo', 'carro', 'auto', 'automovil', 'moto', 'placa'],
  company: [
    'empresa',
    'empresas',
    'compañía',
    'compania',
    'companhia',
    'persona juridica',
    'pessoa juridica',
    'juridica',
    'business'
  ]
})

/** person, vehicle or company from their names in three languages; anything else is a custom type name. */
export function parseCheckType(text: string): { type: string; custom: boolean } | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const known = CHECK_TYPES.get(normaliseLabel(trimmed))
  return known ? { type: known, custom: false } : { type: trimmed, custom: true }
}

const BR_STATES = table({
  AC: ['Acre'],
  AL: ['Alagoas'],
  AP: ['Amapá'],
  AM: ['Amazonas'],
  BA: ['Bahia'],
  CE: ['Ceará'],
  DF: ['Distrito Federal', 'Brasília'],
  ES: ['Espírito Santo'],
  GO: ['Goiás'],
  MA: ['Maranhão'],
  MT: ['Mato Grosso'],
  MS: ['Mato Grosso do Sul'],
  MG: ['Minas Gerais'],
  PA: ['Pará'],
  PB: ['Paraíba'],
  PR: ['Paraná'],
  PE: ['Pernambuco'],
  PI: ['Piauí'],
  RJ: ['Rio de Janeiro'],
  RN: ['Rio Grande do Norte'],
  RS: ['Rio Grande do Sul'],
  RO: ['Rondônia'],
  RR: ['Roraima'],
  SC: ['Santa Catarina'],
  SP: ['São Paulo', 'Sao Paulo'],
  SE: ['Sergipe'],
  TO: ['Tocantins'],
  ALL: ['Todos', 'Todas', 'Brasil', 'Nacional']
})

export function parseBrazilianRegion(text: string): string | null {
  return BR_STATES.get(normaliseLabel(text)) ?? null
}

const OWNER_DOCUMENT_TYPES = table({
  'national-id': ['CC', 'Cédula', 'Cédula de ciudadanía', 'national id', 'national_id', 'Documento nacional'],
  'foreign-id': ['CE', 'Cédula de extranjería', 'foreign id', 'foreign_id', 'Extranjería'],
  'tax-id': ['NIT', 'tax id', 'tax_id', 'RUT'],
  passport: ['PA', 'PAS', 'Pasaporte', 'Passaporte']
})

export function parseOwnerDocumentType(text: string): string | null {
  return OWNER_DOCUMENT_TYPES.get(normaliseLabel(text)) ?? null
}

/** Calling code and the lengths of national numbers (without trunk prefix) per country. */
export const PHONE_PLANS: Record<Exclude<Country, 'ALL'>, { code: string; lengths: number[] }> = {
  CO: { code: '57', lengths: [10] },
  CL: { code: '56', lengths: [9] },
  MX: { code: '52', lengths: [10] },
  BR: { code: '55', lengths: [10, 11] },
  PE: { code: '51', lengths: [8, 9] },
  CR: { code: '506', lengths: [8] }
}

export const COUNTRY_NAMES_EN: Record<Country, string> = {
  ALL: 'international',
  BR: 'Brazilian',
  CL: 'Chilean',
  CO: 'Colombian',
  CR: 'Costa Rican',
  MX: 'Mexican',
  PE: 'Peruvian'
}
