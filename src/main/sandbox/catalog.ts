// The Sandbox's invented world: which databases each country has, which datasets they feed, and the
// weights of the default check types (docs/truora-api.md sections 3.2 and 3.4).
import { seededHex } from './seeded'

export const DATASETS = [
  'criminal_record',
  'taxes_and_finances',
  'driving_licenses',
  'alert_in_media',
  'international_background',
  'traffic_fines',
  'vehicle_information',
  'affiliations_and_insurances',
  'business_background',
  'legal_background',
  'personal_identity',
  'professional_background',
  'vehicle_permits'
] as const
export type Dataset = (typeof DATASETS)[number]

export function isDataset(value: string): value is Dataset {
  return (DATASETS as readonly string[]).includes(value)
}

export type Weights = Partial<Record<Dataset, number>>

/** The guide's datasets per default type; the CO company weights are the guide's own. */
export const DEFAULT_TYPE_WEIGHTS: Record<'person' | 'vehicle' | 'company', Weights> = {
  person: {
    personal_identity: 0.2,
    criminal_record: 0.4,
    legal_background: 0.2,
    international_background: 0.1,
    alert_in_media: 0.1
  },
  vehicle: {
    vehicle_information: 0.2,
    personal_identity: 0.1,
    traffic_fines: 0.2,
    driving_licenses: 0.1,
    criminal_record: 0.3,
    international_background: 0.1
  },
  company: {
    business_background: 0.3,
    criminal_record: 0.4,
    legal_background: 0.1,
    international_background: 0.1,
    alert_in_media: 0,
    taxes_and_finances: 0.1
  }
}

export interface Database {
  id: string
  name: string
  /** The short internal name Truora shows before a database starts (e.g. `cl-apelaciones`). */
  short: string
  dataSet: Dataset
}

type Role = 'identity' | 'police' | 'courts' | 'vehicles' | 'fines' | 'licenses' | 'business' | 'taxes'

const ROLE_DATASET: Record<Role, Dataset> = {
  identity: 'personal_identity',
  police: 'criminal_record',
  courts: 'legal_background',
  vehicles: 'vehicle_information',
  fines: 'traffic_fines',
  licenses: 'driving_licenses',
  business: 'business_background',
  taxes: 'taxes_and_finances'
}

const NATIONAL: Record<string, Record<Role, [name: string, short: string]>> = {
  CO: {
    identity: ['Registraduría Nacional del Estado Civil', 'co-registraduria'],
    police: ['Policía Nacional de Colombia - Antecedentes', 'co-policia'],
    courts: ['Procuraduría General de la Nación', 'co-procuraduria'],
    vehicles: ['RUNT - Vehículos', 'co-runt'],
    fines: ['SIMIT', 'co-simit'],
    licenses: ['RUNT - Licencias de conducción', 'co-runt-licencias'],
    business: ['RUES', 'co-rues'],
    taxes: ['DIAN', 'co-dian']
  },
  MX: {
    identity: ['RENAPO', 'mx-renapo'],
    police: ['Poder Judicial de la Federación', 'mx-pjf'],
    courts: ['Boletines Judiciales', 'mx-boletines'],
    vehicles: ['REPUVE', 'mx-repuve'],
    fines: ['Infracciones de Tránsito CDMX', 'mx-infracciones'],
    licenses: ['Licencias de Conducir', 'mx-licencias'],
    business: ['SIEM', 'mx-siem'],
    taxes: ['SAT', 'mx-sat']
  },
  PE: {
    identity: ['RENIEC', 'pe-reniec'],
    police: ['Policía Nacional del Perú', 'pe-pnp'],
    courts: ['Poder Judicial del Perú', 'pe-poder-judicial'],
    vehicles: ['SUNARP', 'pe-sunarp'],
    fines: ['SAT Lima', 'pe-sat'],
    licenses: ['MTC - Licencias', 'pe-mtc'],
    business: ['SUNAT - RUC', 'pe-sunat-ruc'],
    taxes: ['SUNAT', 'pe-sunat']
  },
  CL: {
    identity: ['Registro Civil', 'cl-registro-civil'],
    police: ['Poder Judicial de Chile', 'cl-poder-judicial'],
    courts: ['Cortes de Apelaciones', 'cl-apelaciones'],
    vehicles: ['Registro de Vehículos Motorizados', 'cl-rvm'],
    fines: ['Multas de Tránsito', 'cl-multas'],
    licenses: ['Licencias de Conductor', 'cl-licencias'],
    business: ['Registro de Empresas', 'cl-empresas'],
    taxes: ['SII', 'cl-sii']
  },
  BR: {
    identity: ['Receita Federal - CPF', 'br-cpf'],
    police: ['Polícia Federal - Antecedentes', 'br-pf'],
    courts: ['Tribunais de Justiça', 'br-tj'],
    vehicles: ['DENATRAN', 'br-denatran'],
    fines: ['DETRAN - Multas', 'br-detran'],
    licenses: ['CNH', 'br-cnh'],
    business: ['Junta Comercial', 'br-junta'],
    taxes: ['Receita Federal - CNPJ', 'br-cnpj']
  },
  CR: {
    identity: ['Tribunal Supremo de Elecciones', 'cr-tse'],
    police: ['Poder Judicial - Antecedentes', 'cr-antecedentes'],
    courts: ['Boletín Judicial', 'cr-boletin'],
    vehicles: ['Registro Nacional - Vehículos', 'cr-vehiculos'],
    fines: ['COSEVI - Multas', 'cr-cosevi'],
    licenses: ['COSEVI - Licencias', 'cr-licencias'],
    business: ['Registro Nacional - Personas Jurídicas', 'cr-juridicas'],
    taxes: ['Ministerio de Hacienda', 'cr-hacienda']
  }
}

const INTERNATIONAL: [name: string, short: string, dataSet: Dataset][] = [
  ['OFAC - Lista Clinton', 'ofac', 'international_background'],
  ['Interpol - Notificaciones rojas', 'interpol', 'international_background'],
  ['Noticias en medios', 'media', 'alert_in_media']
]

function database(name: string, short: string, dataSet: Dataset): Database {
  return { id: `DBI${seededHex(40, 'database', short)}`, name, short, dataSet }
}

const BY_COUNTRY = new Map<string, Database[]>()
for (const country of ['ALL', ...Object.keys(NATIONAL)]) {
  const national = Object.entries(NATIONAL[country] ?? {}).map(([role, [name, short]]) =>
    database(name, short, ROLE_DATASET[role as Role])
  )
  const international = INTERNATIONAL.map(([name, short, dataSet]) => database(name, short, dataSet))
  BY_COUNTRY.set(country, [...national, ...international])
}

export function databasesOf(country: string): Database[] {
  return BY_COUNTRY.get(country) ?? []
}

/** The databases a check with these dataset weights searches. */
export function databasesFor(country: string, weights: Weights): Database[] {
  return databasesOf(country).filter((db) => weights[db.dataSet] !== undefined)
}

export const FIRST_NAMES = [
  'María',
  'José',
  'Ana',
  'Juan',
  'Camila',
  'Luis',
  'Valentina',
  'Carlos',
  'Sofía',
  'Andrés'
]
export const LAST_NAMES = [
  'García',
  'Rodríguez',
  'Martínez',
  'López',
  'Hernández',
  'Pérez',
  'Gómez',
  'Díaz',
  'Torres',
  'Ramírez'
]
