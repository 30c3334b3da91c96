// Turns one cell into the value Truora expects for one input, and says what was wrong or changed on the way.
import { DATE_INPUTS, type Country, type InputName } from '../checks/inputs'
import { cellText } from './cells'
import { ageOn, parseDateCell, todayIso, type DateOrder } from './dates'
import {
  isCurpPattern,
  isRfcPattern,
  isValidCnpj,
  isValidCpf,
  isValidCurp,
  isValidImei,
  isValidRfc,
  isValidRuc,
  isValidRut,
  isVinPattern,
  nitVerifier,
  rutVerifier
} from './documents'
import { DOCUMENT_INPUTS, fieldLabel } from './fields'
import type { IssueParams } from './messages'
import { normalisePlate, plateProblem } from './plates'
import type { CellValue, IssueCode, IssueLevel } from './types'
import {
  COUNTRY_NAMES_EN,
  NATIVE_COUNTRIES,
  PHONE_PLANS,
  parseBrazilianRegion,
  parseNativeCountry,
  parseOwnerDocumentType
} from './values'

export interface InputProblem {
  code: IssueCode
  level: IssueLevel
  params: IssueParams
}

export interface NormalisedValue {
  /** The value to send; null when the cell is empty. Kept (cleaned) even when a problem makes it invalid. */
  value: string | null
  problems: InputProblem[]
}

export interface NormaliseContext {
  country: Country | null
  now: Date
  /** How the column's slash dates are read (settled per column, see settleDateColumns). */
  dateOrder?: DateOrder
  ambiguousDates?: boolean
}

export const CUSTOM_INPUT_MAX = 128
/** Excel keeps 15 significant digits; a longer number typed into a cell has lost its tail. */
const EXACT_NUMBER_LIMIT = 1e15

const NONE: InputProblem[] = []

function problem(code: IssueCode, level: IssueLevel, params: IssueParams = {}): InputProblem {
  return { code, level, params }
}

function result(value: string | null, problems: InputProblem[] = NONE): NormalisedValue {
  return { value, problems }
}

/** The answer for an empty cell; frozen because it is shared. */
const EMPTY: NormalisedValue = Object.freeze({ value: null, problems: NONE })

/** Whether text is only white space, without making a trimmed copy. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 32 || (code >= 9 && code <= 13)) continue
    // Beyond ASCII, trim's own definition of white space decides.
    return code < 128 ? false : text.trim() === ''
  }
  return true
}

/** Text of a cell for inputs that are text (cellText, trimmed). */
function cellToText(cell: Exclude<CellValue, null>): string {
  if (typeof cell !== 'string') return cellText(cell)
  // A leading apostrophe is how Excel users force text; it is not part of the value.
  return cell.trim().replace(/^'/, '')
}

export function normaliseInput(
  input: InputName,
  cell: CellValue,
  context: NormaliseContext
): NormalisedValue {
  if (cell === null || (typeof cell === 'string' && isBlank(cell))) return EMPTY
  if (DATE_INPUTS.has(input)) return normaliseDate(input, cell, context)
  if (typeof cell === 'number' && Math.abs(cell) >= EXACT_NUMBER_LIMIT)
    return result(cellToText(cell), [problem('number-precision-lost', 'error')])
  const text = cellToText(cell)
  if (text === '') return result(null)
  if (DOCUMENT_INPUTS.has(input))
    return normaliseDocument(input, text, typeof cell === 'number', context.country)
  switch (input) {
    case 'license_plate':
      return normaliseLicensePlate(text, context.country)
    case 'phone_number':
      return normalisePhone(text, context.country)
    case 'first_name':
    case 'last_name':
    case 'company_name':
      return normaliseName(input, text)
    case 'custom_input':
      return text.length > CUSTOM_INPUT_MAX
        ? result(text, [problem('text-too-long', 'error', { length: text.length, max: CUSTOM_INPUT_MAX })])
        : result(text)
    case 'native_country':
      return choice(input, text, parseNativeCountry(text), NATIVE_COUNTRIES.join(', '))
    case 'region':
      return choice(input, text, parseBrazilianRegion(text), 'a state code such as SP or RJ, or ALL')
    case 'owner_document_type':
      return choice(input, text, parseOwnerDocumentType(text), 'national-id, foreign-id, tax-id, passport')
    case 'imei': {
      const digits = text.replace(/[\s-]/g, '')
      return isValidImei(digits) ? result(digits) : result(digits, [problem('imei-invalid', 'error')])
    }
    case 'vehicle_id': {
      const vin = text.toUpperCase().replace(/[\s-]/g, '')
      return isVinPattern(vin) ? result(vin) : result(vin, [problem('vin-invalid', 'warning')])
    }
    default:
      return result(text.replace(/\s+/g, ' '))
  }
}

function choice(input: InputName, text: string, parsed: string | null, allowed: string): NormalisedValue {
  if (parsed) return result(parsed)
  return result(text, [problem('value-not-allowed', 'error', { label: fieldLabel(input), allowed })])
}

function normaliseName(input: InputName, text: string): NormalisedValue {
  const value = text.replace(/\s+/g, ' ')
  if (input !== 'company_name' && /\d/.test(value))
    return result(value, [problem('name-has-digits', 'warning', { label: fieldLabel(input) })])
  return result(value)
}

function normaliseDate(
  input: InputName,
  cell: Exclude<CellValue, null>,
  context: NormaliseContext
): NormalisedValue {
  const parsed = parseDateCell(cell, {
    order: context.dateOrder ?? 'dmy',
    ambiguousColumn: context.ambiguousDates ?? false,
    now: context.now
  })
  if (!parsed.ok) return result(null, [problem('date-invalid', 'error', { reason: parsed.reason })])
  const problems: InputProblem[] = []
  const label = fieldLabel(input)
  if (parsed.iso > todayIso(context.now))
    problems.push(problem('date-future', 'error', { date: parsed.iso, label }))
  else if (input === 'date_of_birth') {
    const age = ageOn(parsed.iso, context.now)
    if (age > 120) problems.push(problem('date-too-old', 'error', { age }))
    else if (age < 14 || age > 100) problems.push(problem('date-implausible-age', 'warning', { age }))
  }
  if (parsed.ambiguous) {
    const [year, a, b] = parsed.iso.split('-')
    problems.push(
      problem('date-ambiguous', 'warning', {
        date: parsed.iso,
        dayFirst: `${Number(b)} ${monthName(Number(a))} ${year}`,
        monthFirst: `${Number(a)} ${monthName(Number(b))} ${year}`
      })
    )
  }
  return result(parsed.iso, problems)
}

function monthName(month: number): string {
  return [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
  ][month - 1]
}

interface DigitsRule {
  kind: 'digits'
  document: string
  min: number
  max: number
  /** Fixed-length numbers lose their leading zeros when Excel takes them for numbers. */
  pad?: boolean
  check?: (value: string) => boolean
}

type DocumentRule =
  | DigitsRule
  | { kind: 'rut'; document: string }
  | { kind: 'nit'; document: string }
  | { kind: 'curp'; document: string }
  | { kind: 'rfc'; document: string }
  | { kind: 'alphanumeric'; document: string; min: number; max: number }

const RULES = new Map<string, DocumentRule>()

/** The rule of an input in a country, made once (rows call this for every document cell). */
function documentRule(input: InputName, country: Country | null): DocumentRule {
  const key = country === null ? input : `${input}|${country}`
  let rule = RULES.get(key)
  if (!rule) RULES.set(key, (rule = makeDocumentRule(input, country)))
  return rule
}

function makeDocumentRule(input: InputName, country: Country | null): DocumentRule {
  if (input === 'national_id') {
    switch (country) {
      case 'CO':
        return { kind: 'digits', document: 'Colombian cédula', min: 3, max: 10 }
      case 'CL':
        return { kind: 'rut', document: 'Chilean RUN' }
      case 'MX':
        return { kind: 'curp', document: 'CURP' }
      case 'BR':
        return { kind: 'digits', document: 'CPF', min: 11, max: 11, pad: true, check: isValidCpf }
      case 'PE':
        return { kind: 'digits', document: 'Peruvian DNI', min: 8, max: 8, pad: true }
      case 'CR':
        return { kind: 'digits', document: 'Costa Rican cédula', min: 9, max: 9, pad: true }
    }
  }
  if (input === 'tax_id') {
    switch (country) {
      case 'CO':
        return { kind: 'nit', document: 'Colombian NIT' }
      case 'CL':
        return { kind: 'rut', document: 'Chilean RUT' }
      case 'MX':
        return { kind: 'rfc', document: 'RFC' }
      case 'BR':
        return { kind: 'digits', document: 'CNPJ', min: 14, max: 14, pad: true, check: isValidCnpj }
      case 'PE':
        return { kind: 'digits', document: 'Peruvian RUC', min: 11, max: 11, check: isValidRuc }
      case 'CR':
        return { kind: 'digits', document: 'Costa Rican cédula jurídica', min: 10, max: 10, pad: true }
    }
  }
  if (input === 'imei') return { kind: 'digits', document: 'IMEI', min: 15, max: 15, check: isValidImei }
  const document = fieldLabel(input)
  if (input === 'passport') return { kind: 'alphanumeric', document, min: 5, max: 20 }
  return { kind: 'alphanumeric', document, min: 2, max: 30 }
}

/** Separators people type inside document numbers. */
const SEPARATORS = /[\s.\-_/,·]+/g

function normaliseDocument(input: InputName, text: string, typedAsNumber: boolean, country: Country | null) {
  const rule = documentRule(input, country)
  const cleaned = text.toUpperCase().replace(SEPARATORS, '')
  const withDocument = (code: IssueCode, params: IssueParams = {}) =>
    problem(code, 'error', { document: rule.document, ...params })
  switch (rule.kind) {
    case 'digits': {
      if (/[A-Z]/.test(cleaned)) return result(cleaned, [withDocument('document-letters')])
      if (!/^\d+$/.test(cleaned))
        return result(cleaned, [withDocument('document-pattern', { expected: 'it may only have digits' })])
      let value = cleaned
      const problems: InputProblem[] = []
      // Costa Rican cédulas are sometimes written with a leading 0 (01-0234-0567) before the 9 digits.
      if (country === 'CR' && value.length === rule.max + 1 && value.startsWith('0')) value = value.slice(1)
      if (rule.pad && value.length < rule.max && (typedAsNumber || value.length >= rule.max - 2)) {
        value = value.padStart(rule.max, '0')
        problems.push(problem('document-zeros-restored', 'info', { normalised: value }))
      }
      if (value.length < rule.min || value.length > rule.max)
        return result(value, [
          withDocument('document-length', {
            length: value.length,
            expected: rule.min === rule.max ? String(rule.max) : `${rule.min} to ${rule.max}`
          })
        ])
      if (rule.check && !rule.check(value)) problems.push(withDocument('document-check-digit'))
      return result(value, problems)
    }
    case 'rut': {
      const match = /^0*(\d{7,8})([\dK])$/.exec(cleaned)
      if (!match)
        return result(cleaned, [
          withDocument('document-pattern', {
            expected: 'a RUT is 7 or 8 digits and a verifier (0-9 or K)',
            example: '12.345.678-5'
          })
        ])
      const value = match[1] + match[2]
      if (!isValidRut(value))
        return result(value, [withDocument('document-check-digit', { expected: rutVerifier(match[1]) })])
      return result(value)
    }
    case 'nit':
      return normaliseNit(text, cleaned, rule.document)
    case 'curp': {
      if (cleaned.length !== 18)
        return result(cleaned, [withDocument('document-length', { length: cleaned.length, expected: '18' })])
      if (!isCurpPattern(cleaned))
        return result(cleaned, [
          withDocument('document-pattern', {
            expected:
              'a CURP is 4 letters, the birth date as yymmdd, H or M, the state, 3 consonants and 2 more characters',
            example: 'HEGG560427MVZRRL04'
          })
        ])
      return isValidCurp(cleaned) ? result(cleaned) : result(cleaned, [withDocument('document-check-digit')])
    }
    case 'rfc': {
      if (!isRfcPattern(cleaned))
        return result(cleaned, [
          withDocument('document-pattern', {
            expected:
              'an RFC is 3 letters (company) or 4 (person), the date as yymmdd and a 3-character homoclave',
            example: 'GODE561231GR8'
          })
        ])
      // Generic RFCs (XAXX010101000, XEXX010101000) and some old homoclaves do not follow the check digit.
      if (!isValidRfc(cleaned) && !cleaned.startsWith('XAXX') && !cleaned.startsWith('XEXX'))
        return result(cleaned, [{ ...withDocument('document-check-digit'), level: 'warning' }])
      return result(cleaned)
    }
    case 'alphanumeric': {
      if (!/^[A-Z\dÑ]+$/.test(cleaned))
        return result(cleaned, [
          withDocument('document-pattern', { expected: 'it may only have letters and digits' })
        ])
      if (cleaned.length < rule.min || cleaned.length > rule.max)
        return result(cleaned, [
          withDocument('document-length', { length: cleaned.length, expected: `${rule.min} to ${rule.max}` })
        ])
      return result(cleaned)
    }
  }
}

/** A NIT may come with its verification digit after a dash (900.123.456-8); Truora takes the base number. */
function normaliseNit(text: string, cleaned: string, document: string): NormalisedValue {
  const error = (code: IssueCode, params: IssueParams = {}) => problem(code, 'error', { document, ...params })
  if (/[A-Z]/.test(cleaned)) return result(cleaned, [error('document-letters')])
  if (!/^\d+$/.test(cleaned))
    return result(cleaned, [error('document-pattern', { expected: 'it may only have digits' })])
  const dashed = /^([\d.\s]+)-\s*(\d)$/.exec(text.trim())
  if (dashed) {
    const base = dashed[1].replace(/\D/g, '')
    if (nitVerifier(base) !== Number(dashed[2])) return result(base, [error('document-check-digit')])
    return result(base, [
      problem('document-verifier-removed', 'info', { verifier: dashed[2], normalised: base })
    ])
  }
  // Company NITs have 9 digits; a 10th digit that is the right verifier was typed without its dash.
  if (
    cleaned.length === 10 &&
    /^[89]/.test(cleaned) &&
    nitVerifier(cleaned.slice(0, 9)) === Number(cleaned[9])
  ) {
    const base = cleaned.slice(0, 9)
    return result(base, [
      problem('document-verifier-removed', 'info', { verifier: cleaned[9], normalised: base })
    ])
  }
  if (cleaned.length < 5 || cleaned.length > 10)
    return result(cleaned, [
      error('document-length', { length: cleaned.length, expected: '9 (companies) or up to 10' })
    ])
  return result(cleaned)
}

function normaliseLicensePlate(text: string, country: Country | null): NormalisedValue {
  const plate = normalisePlate(text)
  const formats = plateProblem(country, plate)
  if (!formats) return result(plate)
  return result(plate, [
    problem('plate-pattern', 'error', {
      country: country ? COUNTRY_NAMES_EN[country] : 'valid',
      examples:
        formats.length > 0 ? formats.map((format) => format.example).join(' or ') : 'letters and digits'
    })
  ])
}

/** E.164: + country code + national number, where the row's country says which plan applies. */
export function normalisePhone(text: string, country: Country | null): NormalisedValue {
  const international = /^\s*(\+|00)/.test(text)
  let digits = text.replace(/\D/g, '')
  if (international) {
    if (text.trim().startsWith('00')) digits = digits.slice(2)
    if (digits.length < 8 || digits.length > 15)
      return result(text, [
        problem('phone-invalid', 'error', { country: 'valid', expected: '8 to 15 digits after +' })
      ])
    return result('+' + digits)
  }
  if (!country || country === 'ALL') return result(digits, [problem('phone-country-unknown', 'warning')])
  const plan = PHONE_PLANS[country]
  if (digits.startsWith(plan.code) && plan.lengths.includes(digits.length - plan.code.length))
    return result('+' + digits)
  const national = digits.replace(/^0+/, '')
  if (plan.lengths.includes(national.length)) return result(`+${plan.code}${national}`)
  const expected = `${plan.lengths.join(' or ')} digits, or +${plan.code} and the number`
  return result(text, [problem('phone-invalid', 'error', { country: COUNTRY_NAMES_EN[country], expected })])
}
