// The one place that knows Truora's check inputs, countries, check kinds and which inputs each needs.
// Source: docs/truora-api.md sections 2.1, 7 and 8 (decision 10), and required-inputs.json beside this file.
import table from './required-inputs.json'

export const COUNTRIES = ['ALL', 'BR', 'CL', 'CO', 'CR', 'MX', 'PE'] as const
export type Country = (typeof COUNTRIES)[number]

export const DEFAULT_CHECK_TYPES = ['person', 'vehicle', 'company'] as const
export type DefaultCheckType = (typeof DEFAULT_CHECK_TYPES)[number]

export const CHECK_KINDS = [
  'person-national',
  'person-foreigner',
  'company',
  'vehicle-national',
  'vehicle-foreigner'
] as const
export type CheckKind = (typeof CHECK_KINDS)[number]

/** Every input the create-check endpoint accepts (besides country, type and the flags). */
export const INPUT_NAMES = [
  'national_id',
  'foreign_id',
  'tax_id',
  'passport',
  'pep',
  'ptp',
  'native_national_id',
  'native_country',
  'date_of_birth',
  'issue_date',
  'issue_number',
  'first_name',
  'last_name',
  'company_name',
  'license_plate',
  'vehicle_id',
  'driver_license',
  'owner_document_type',
  'owner_document_id',
  'payment_date',
  'certificate_folio',
  'verification_code',
  'state_id',
  'region',
  'diplomatic_id',
  'professional_card',
  'birth_certificate',
  'escrow',
  'imei',
  'phone_number',
  'custom_input'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

export const DATE_INPUTS: ReadonlySet<InputName> = new Set(['date_of_birth', 'issue_date', 'payment_date'])

export interface InputRequirements {
  /** Every one must be present. */
  required: InputName[]
  /** For each group, at least one member must be present. */
  alternatives: InputName[][]
  /** Accepted, not required. */
  optional: InputName[]
}

interface RawRequirements {
  required: string[]
  optional: string[]
  alternatives: string[][]
}

const raw = table as unknown as Record<string, Record<string, RawRequirements | null>>

export function isCountry(value: string): value is Country {
  return (COUNTRIES as readonly string[]).includes(value)
}

export function isInputName(value: string): value is InputName {
  return (INPUT_NAMES as readonly string[]).includes(value)
}

/**
 * International checks name a person or company by `name`; decision 10 maps it onto real inputs. A person's
 * `name` is one name, which may be a single word: Lote asks for a first or a last name (or both), not both
 * (decision 15), so an analyst with one-word names can still send them.
 */
function expandName(names: string[], kind: CheckKind): InputName[] {
  return names.flatMap((name): InputName[] => {
    if (name === 'name') return kind === 'company' ? ['company_name'] : ['first_name', 'last_name']
    return [name as InputName]
  })
}

/** What a check of this country and kind needs, or null where Truora does not offer it. */
export function requirementsFor(country: Country, kind: CheckKind): InputRequirements | null {
  const entry = raw[country]?.[kind]
  if (!entry) return null
  const personName = kind !== 'company' && entry.required.includes('name')
  return {
    required: expandName(
      entry.required.filter((name) => !(personName && name === 'name')),
      kind
    ),
    alternatives: [
      ...(personName ? [['first_name', 'last_name'] as InputName[]] : []),
      ...entry.alternatives.map((group) => expandName(group, kind))
    ],
    optional: expandName(entry.optional, kind)
  }
}

/**
 * What a custom type checks (docs/truora-api.md decision 20): a person, a vehicle, a company, or a search by
 * name alone. Truora does not say which inputs a custom type needs; Lote derives the kind from its datasets
 * where they make it clear, and the analyst states it otherwise.
 */
export const CUSTOM_TYPE_KINDS = ['person', 'vehicle', 'company', 'name'] as const
export type CustomTypeKind = (typeof CUSTOM_TYPE_KINDS)[number]

/** The kinds of an account's custom types by `COUNTRY/type`; a type absent here is one Lote cannot tell. */
export type CustomTypeKinds = Partial<Record<string, CustomTypeKind>>

export function customTypeKey(country: string, type: string): string {
  return `${country}/${type}`
}

export function isDefaultCheckType(type: string): type is DefaultCheckType {
  return (DEFAULT_CHECK_TYPES as readonly string[]).includes(type)
}

const VEHICLE_DATASETS = ['vehicle_information', 'vehicle_permits', 'traffic_fines']

/**
 * The kind a custom type's datasets make clear, or null: vehicle datasets mean a vehicle; business
 * background without personal identity means a company; personal identity means a person. Anything else
 * (criminal records and media alone, say) could be a person or a search by name: Lote does not guess.
 */
export function kindFromDatasets(datasets: readonly string[]): CustomTypeKind | null {
  const has = (name: string) => datasets.includes(name)
  if (VEHICLE_DATASETS.some(has)) return 'vehicle'
  if (has('business_background') && !has('personal_identity')) return 'company'
  if (has('personal_identity')) return 'person'
  return null
}

/**
 * The row of the table a check falls in. A person or vehicle is a foreigner when it is identified by a
 * foreign document (foreign_id or ptp) rather than a national one. A custom type falls in the row of its
 * kind (person when not known).
 */
export function kindFor(
  type: string,
  inputs: Partial<Record<string, string>>,
  customKind?: CustomTypeKind
): CheckKind {
  if (!isDefaultCheckType(type) && customKind && customKind !== 'name') return kindFor(customKind, inputs)
  const foreign = Boolean(inputs.foreign_id || inputs.ptp) && !inputs.national_id
  if (type === 'company') return 'company'
  if (type === 'vehicle') return foreign ? 'vehicle-foreigner' : 'vehicle-national'
  return foreign ? 'person-foreigner' : 'person-national'
}

export type RequiredInputsProblem =
  | { kind: 'unsupported'; country: Country; checkKind: CheckKind }
  | { kind: 'missing'; input: InputName }
  | { kind: 'missing-alternative'; inputs: InputName[] }
  /** A custom type whose kind neither its datasets nor the analyst made known: not checked here. */
  | { kind: 'custom-kind-unknown'; type: string }

const NAME_INPUTS: InputName[] = ['first_name', 'last_name', 'company_name']

/**
 * What keeps these inputs from making a valid check of this country and type (empty when nothing). Custom
 * types are checked by their kind in `customKinds`; one of unknown kind gets only `custom-kind-unknown`,
 * so no row is blocked on a guess.
 */
export function requiredInputsProblems(
  country: Country,
  type: string,
  inputs: Partial<Record<string, string>>,
  customKinds?: CustomTypeKinds
): RequiredInputsProblem[] {
  const present = (name: InputName) => (inputs[name] ?? '').trim() !== ''
  let customKind: CustomTypeKind | undefined
  if (!isDefaultCheckType(type)) {
    customKind = customKinds?.[customTypeKey(country, type)]
    if (!customKind) return [{ kind: 'custom-kind-unknown', type }]
    if (customKind === 'name')
      return NAME_INPUTS.some(present) ? [] : [{ kind: 'missing-alternative', inputs: NAME_INPUTS }]
  }
  const checkKind = kindFor(type, inputs, customKind)
  const requirements = requirementsFor(country, checkKind)
  if (!requirements) return [{ kind: 'unsupported', country, checkKind }]
  const problems: RequiredInputsProblem[] = []
  for (const input of requirements.required) if (!present(input)) problems.push({ kind: 'missing', input })
  for (const group of requirements.alternatives)
    if (!group.some(present)) problems.push({ kind: 'missing-alternative', inputs: group })
  // Conditional rule from the parameter descriptions: native_national_id needs native_country.
  if (present('native_national_id') && !present('native_country'))
    problems.push({ kind: 'missing', input: 'native_country' })
  return problems
}

/** Inputs worth offering for mapping: the table's plus the ones any check may carry. */
export function mappableInputs(country: Country, kind: CheckKind): InputName[] {
  const requirements = requirementsFor(country, kind)
  if (!requirements) return []
  const names = new Set<InputName>([
    ...requirements.required,
    ...requirements.alternatives.flat(),
    ...requirements.optional,
    'first_name',
    'last_name',
    'custom_input'
  ])
  return [...names]
}
