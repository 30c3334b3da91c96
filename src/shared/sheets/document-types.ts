// Document-type columns ("Tipo de documento": CC, CE, PPT, DNI...) as HR files in Latin America carry them.
// They are never the check type: each row's document type says which input its document number goes to
// (national_id, foreign_id, ptp...), and with it which requirement set of the country applies.
import type { Country, InputName } from '../checks/inputs'
import { normaliseLabel } from './labels'

/** What a document is, whatever the country calls it. */
export type DocumentKind =
  | 'national' // cédula de ciudadanía, DNI, RUN, CPF, CURP/INE
  | 'minor' // tarjeta de identidad (Colombian minors: their NUIP is checked as a national ID)
  | 'foreign' // cédula/carné de extranjería, DIMEX, RNE/RNM, residence cards
  | 'ptp' // permiso por protección temporal (CO), PTP/CPP (PE)
  | 'pep' // permiso especial de permanencia (CO)
  | 'passport'
  | 'tax' // NIT, RUT empresa, RUC, RFC, CNPJ
  | 'state' // RG (Brazil)
  | 'birth' // registro civil

const NAMES: Record<DocumentKind, string[]> = {
  national: [
    'CC',
    'C.C.',
    'Cédula',
    'Cédula de ciudadanía',
    'Cedula ciudadania',
    'DNI',
    'RUN',
    'RUT',
    'CI',
    'Cédula de identidad',
    'CPF',
    'CURP',
    'INE',
    'IFE',
    'Credencial para votar',
    'Documento nacional de identidad'
  ],
  minor: ['TI', 'T.I.', 'Tarjeta de identidad'],
  foreign: [
    'CE',
    'C.E.',
    'Cédula de extranjería',
    'Cedula extranjeria',
    'Carné de extranjería',
    'Carnet de extranjería',
    'CI extranjero',
    'Cédula de extranjero',
    'DNI extranjero',
    'DIMEX',
    'DIDI',
    'RNE',
    'RNM',
    'CRNM',
    'Tarjeta de residente',
    'Residente',
    'FM2',
    'FM3',
    'Extranjero'
  ],
  ptp: ['PPT', 'PTP', 'CPP', 'Permiso por protección temporal', 'Permiso temporal de permanencia'],
  pep: ['PEP', 'Permiso especial de permanencia'],
  passport: ['PA', 'PAS', 'PP', 'Pasaporte', 'Passaporte', 'Passport'],
  tax: ['NIT', 'RUC', 'RFC', 'CNPJ', 'RUT empresa', 'NITE'],
  state: ['RG', 'Registro geral', 'Carteira de identidade'],
  birth: ['RC', 'Registro civil', 'NUIP', 'Certidão de nascimento']
}

const BY_NAME = new Map<string, DocumentKind>()
for (const [kind, names] of Object.entries(NAMES) as [DocumentKind, string[]][])
  for (const name of names) BY_NAME.set(normaliseLabel(name), kind)

/** The kind of a document-type cell ("CC", "C.E.", "Cédula de extranjería"...), or null when unknown. */
export function parseDocumentType(text: string): DocumentKind | null {
  return BY_NAME.get(normaliseLabel(text)) ?? null
}

/** Codes shown to the analyst for each kind, per country, in messages. */
const LOCAL_CODES: Partial<Record<Country, Partial<Record<DocumentKind, string>>>> = {
  CO: { national: 'CC', minor: 'TI', foreign: 'CE', ptp: 'PPT', pep: 'PEP', passport: 'PA', tax: 'NIT' },
  PE: { national: 'DNI', foreign: 'CE', ptp: 'PTP/CPP', passport: 'pasaporte', tax: 'RUC' },
  CL: { national: 'RUN', foreign: 'cédula de extranjero', passport: 'pasaporte' },
  CR: { national: 'cédula', foreign: 'DIMEX', passport: 'pasaporte' },
  MX: { national: 'CURP', foreign: 'tarjeta de residente', passport: 'pasaporte', tax: 'RFC' },
  BR: { national: 'CPF', state: 'RG', tax: 'CNPJ' }
}

export function documentCode(country: Country, kind: DocumentKind): string {
  return LOCAL_CODES[country]?.[kind] ?? kind
}

/**
 * Where a document number goes in each country, by the row's document type. A kind a country has no input
 * for is missing: the row cannot be checked with that document. Chile, Costa Rica and Mexico check foreigners
 * by whatever foreign document they hold, a passport included.
 */
const ROUTES: Partial<Record<Country, Partial<Record<DocumentKind, InputName>>>> = {
  CO: { national: 'national_id', minor: 'national_id', foreign: 'foreign_id', ptp: 'ptp', tax: 'tax_id' },
  PE: { national: 'national_id', foreign: 'foreign_id', ptp: 'ptp', tax: 'tax_id' },
  CL: { national: 'national_id', foreign: 'foreign_id', passport: 'foreign_id' },
  CR: { national: 'national_id', foreign: 'foreign_id', passport: 'foreign_id' },
  MX: { national: 'national_id', foreign: 'foreign_id', passport: 'foreign_id', tax: 'tax_id' },
  BR: { national: 'national_id', state: 'state_id', tax: 'tax_id' }
}

/** The input a document of this kind goes to in this country, or null when no check takes it there. */
export function routeDocument(country: Country, kind: DocumentKind): InputName | null {
  return ROUTES[country]?.[kind] ?? null
}

/** The document types a country's checks take, for messages ("CC, TI, CE, PPT"). */
export function acceptedDocumentCodes(country: Country): string[] {
  const routes = ROUTES[country] ?? {}
  return (Object.keys(routes) as DocumentKind[]).map((kind) => documentCode(country, kind))
}

/** Inputs a document-type column may send a number to: the column holding the number maps to one of them. */
export const ROUTABLE_INPUTS: ReadonlySet<InputName> = new Set([
  'national_id',
  'foreign_id',
  'ptp',
  'pep',
  'passport',
  'tax_id',
  'state_id'
])
