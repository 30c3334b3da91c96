// What each mapping target is called in the spreadsheets analysts bring: Spanish, Portuguese and English headers.
// To teach the matcher a new header, add it to `synonyms` of its field (any case, accents or punctuation).
import { INPUT_NAMES, type InputName } from '../checks/inputs'
import type { MappingTarget } from './types'

export interface FieldDefinition {
  target: MappingTarget
  /** English label used in messages and the mapping screen. */
  label: string
  synonyms: string[]
}

const DEFINITIONS: Record<MappingTarget, { label: string; synonyms: string[] }> = {
  country: {
    label: 'country',
    synonyms: ['País', 'Pais', 'Country', 'Código país', 'Country code', 'Nación']
  },
  document_type: {
    label: 'document type',
    synonyms: [
      'Tipo de documento',
      'Tipo documento',
      'Tipo doc',
      'Tipo de identificación',
      'Tipo identificación',
      'Tipo ID',
      'Tipo de documento de identidad',
      'Tipo de ID',
      'Clase de documento',
      'Document type',
      'ID type',
      'Tipo de documento de identificação'
    ]
  },
  full_name: {
    label: 'full name',
    synonyms: [
      'Nombre completo',
      'Nombres y apellidos',
      'Nombre y apellido',
      'Nombres completos',
      'Apellidos y nombres',
      'Nome completo',
      'Nome e sobrenome',
      'Full name'
    ]
  },
  type: {
    label: 'check type',
    synonyms: ['Tipo', 'Type', 'Tipo de chequeo', 'Tipo de verificación', 'Tipo de consulta', 'Check type']
  },
  national_id: {
    label: 'national ID',
    synonyms: [
      'Cédula',
      'Cedula de ciudadania',
      'CC',
      'C.C.',
      'Documento',
      'Documento de identidad',
      'No. documento',
      'Número de documento',
      'Num doc',
      'Doc',
      'Identificación',
      'ID',
      'RUT',
      'RUN',
      'CPF',
      'CURP',
      'DNI',
      'INE',
      'Cédula de identidad',
      'Documento nacional',
      'National ID',
      'ID number',
      'Document number',
      'Documento de identificação'
    ]
  },
  foreign_id: {
    label: 'foreign ID',
    synonyms: [
      'Cédula de extranjería',
      'CE',
      'C.E.',
      'Carnet de extranjería',
      'Documento extranjero',
      'DIMEX',
      'RNE',
      'RNM',
      'Foreign ID',
      'Foreigner ID'
    ]
  },
  tax_id: {
    label: 'tax ID',
    synonyms: [
      'NIT',
      'RFC',
      'CNPJ',
      'RUC',
      'RUT empresa',
      'Identificación tributaria',
      'Tax ID',
      'Cédula jurídica'
    ]
  },
  passport: { label: 'passport', synonyms: ['Pasaporte', 'Passaporte', 'Passport', 'No. pasaporte'] },
  pep: { label: 'PEP', synonyms: ['PEP', 'Permiso especial de permanencia'] },
  ptp: { label: 'PPT/PTP', synonyms: ['PPT', 'PTP', 'Permiso por protección temporal', 'Permiso temporal'] },
  native_national_id: {
    label: 'home-country ID',
    synonyms: [
      'Documento país de origen',
      'Cédula país de origen',
      'Native national ID',
      'Documento de origen'
    ]
  },
  native_country: {
    label: 'home country',
    synonyms: [
      'Nacionalidad',
      'País de origen',
      'País de nacimiento',
      'Nacionalidade',
      'Native country',
      'Nationality'
    ]
  },
  date_of_birth: {
    label: 'date of birth',
    synonyms: [
      'Fecha de nacimiento',
      'F. Nac.',
      'F Nacimiento',
      'Fec. nac.',
      'Nacimiento',
      'Data de nascimento',
      'Dt. nasc.',
      'Nascimento',
      'Date of birth',
      'DOB',
      'Birth date',
      'Birthday'
    ]
  },
  issue_date: {
    label: 'issue date',
    synonyms: [
      'Fecha de expedición',
      'F. Exp.',
      'Fecha expedición documento',
      'Fecha de emisión',
      'Data de emissão',
      'Data de expedição',
      'Issue date',
      'Expedition date'
    ]
  },
  issue_number: {
    label: 'document serial number',
    synonyms: ['Número de serie', 'No. serie', 'Serie cédula', 'Número de documento serie', 'Issue number']
  },
  first_name: {
    label: 'first name',
    synonyms: ['Nombres', 'Nombre', 'Primer nombre', 'Nome', 'Prenome', 'First name', 'Given name', 'Name']
  },
  last_name: {
    label: 'last name',
    synonyms: [
      'Apellidos',
      'Apellido',
      'Primer apellido',
      'Sobrenome',
      'Apelido',
      'Last name',
      'Surname',
      'Family name'
    ]
  },
  company_name: {
    label: 'company name',
    synonyms: [
      'Razón social',
      'Empresa',
      'Nombre empresa',
      'Compañía',
      'Proveedor',
      'Razão social',
      'Nome da empresa',
      'Nombre comercial',
      'Nome fantasia',
      'Company',
      'Company name'
    ]
  },
  license_plate: {
    label: 'license plate',
    synonyms: [
      'Placa',
      'Patente',
      'Matrícula',
      'Placa vehículo',
      'Placa do veículo',
      'License plate',
      'Plate'
    ]
  },
  vehicle_id: {
    label: 'VIN',
    synonyms: ['VIN', 'NIV', 'Chasis', 'Número de chasis', 'Número de serie vehículo', 'Chassi', 'Vehicle ID']
  },
  driver_license: {
    label: 'driver licence',
    synonyms: ['Licencia de conducción', 'Licencia de conducir', 'Licencia', 'CNH', 'Driver license', 'Pase']
  },
  owner_document_type: {
    label: 'owner document type',
    synonyms: ['Tipo documento propietario', 'Tipo de documento del propietario', 'Owner document type']
  },
  owner_document_id: {
    label: 'owner document',
    synonyms: ['Documento propietario', 'Cédula propietario', 'Documento del propietario', 'Owner document']
  },
  payment_date: { label: 'payment date', synonyms: ['Fecha de pago', 'Payment date'] },
  certificate_folio: {
    label: 'certificate folio',
    synonyms: ['Folio', 'Folio certificado', 'Certificate folio']
  },
  verification_code: {
    label: 'verification code',
    synonyms: ['Código de verificación', 'Código verificador', 'Verification code']
  },
  state_id: { label: 'RG', synonyms: ['RG', 'Registro geral', 'Carteira de identidade', 'State ID'] },
  region: { label: 'state (UF)', synonyms: ['UF', 'Estado', 'Região', 'Region', 'State'] },
  diplomatic_id: { label: 'diplomatic ID', synonyms: ['Carné diplomático', 'Diplomatic ID'] },
  professional_card: {
    label: 'professional card',
    synonyms: ['Tarjeta profesional', 'Matrícula profesional', 'Professional card']
  },
  birth_certificate: {
    label: 'birth certificate',
    synonyms: ['Registro civil', 'Acta de nacimiento', 'Certidão de nascimento', 'Birth certificate']
  },
  escrow: { label: 'escrow', synonyms: ['Escrow', 'Fideicomiso'] },
  imei: { label: 'IMEI', synonyms: ['IMEI', 'IMEI celular'] },
  phone_number: {
    label: 'phone number',
    synonyms: [
      'Teléfono',
      'Telefono celular',
      'Celular',
      'Móvil',
      'Tel.',
      'Número de contacto',
      'Telefone',
      'Celular/WhatsApp',
      'WhatsApp',
      'Phone',
      'Phone number',
      'Mobile'
    ]
  },
  custom_input: {
    label: 'reference',
    synonyms: [
      'Referencia',
      'Observaciones',
      'ID interno',
      'Código interno',
      'Referência',
      'Reference',
      'Notes'
    ]
  }
}

/** Every target a column can have: the row's country and check type, its routing columns, and the inputs. */
export const MAPPING_TARGETS: readonly MappingTarget[] = [
  'country',
  'type',
  'document_type',
  'full_name',
  ...INPUT_NAMES
]

export const FIELD_DEFINITIONS: readonly FieldDefinition[] = MAPPING_TARGETS.map((target) => ({
  target,
  ...DEFINITIONS[target]
}))

export function fieldLabel(target: MappingTarget): string {
  return DEFINITIONS[target].label
}

export function isMappingTarget(value: string): value is MappingTarget {
  return value in DEFINITIONS
}

/** Inputs whose values are document numbers: dots, dashes and spaces are separators, not content. */
export const DOCUMENT_INPUTS: ReadonlySet<InputName> = new Set([
  'national_id',
  'foreign_id',
  'tax_id',
  'passport',
  'pep',
  'ptp',
  'native_national_id',
  'owner_document_id',
  'driver_license',
  'state_id',
  'diplomatic_id',
  'professional_card',
  'birth_certificate',
  'issue_number'
])
