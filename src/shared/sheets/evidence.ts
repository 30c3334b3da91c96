// What a column's values say about it, whatever its header: valid CPFs, dates, phone numbers, document types,
// check types, countries. The mapping uses it to suggest a column by its values and to demote a header match
// its values contradict.
import type { Country, InputName } from '../checks/inputs'
import { cellText, isBlankCell } from './cells'
import { dateOrderEvidence } from './dates'
import { parseDocumentType } from './document-types'
import { isValidCnpj, isValidCpf, isValidCurp, isValidRfc, isValidRut } from './documents'
import { normalisePlate, plateProblem } from './plates'
import type { CellValue, MappingTarget } from './types'
import { parseCheckType, parseCountry } from './values'

export type EvidenceKind =
  | 'cpf'
  | 'cnpj'
  | 'rut'
  | 'curp'
  | 'rfc'
  | 'date'
  | 'phone'
  | 'plate'
  | 'email'
  | 'document-type'
  | 'check-type'
  | 'country'

/** What each kind of values is called in English messages and the terminal. */
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  cpf: 'valid CPFs',
  cnpj: 'valid CNPJs',
  rut: 'valid RUTs',
  curp: 'valid CURPs',
  rfc: 'valid RFCs',
  date: 'dates',
  phone: 'phone numbers',
  plate: 'license plates',
  email: 'e-mail addresses',
  'document-type': 'document types (CC, CE, DNI...)',
  'check-type': 'check types',
  country: 'countries'
}

export interface ColumnEvidence {
  kind: EvidenceKind
  /** Share of the column's non-empty sampled values that look like this, 0..1. */
  share: number
}

/** Below this many non-empty values a column's values say nothing. */
const MIN_VALUES = 3

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i
const ISO_LIKE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/

function looksLikeDate(cell: CellValue): boolean {
  if (cell instanceof Date) return true
  if (typeof cell !== 'string') return false
  const text = cell.trim()
  return ISO_LIKE.test(text) || dateOrderEvidence(text) !== null
}

/** Phone numbers: 7 to 15 digits with the separators people type, or + and a country code. */
function looksLikePhone(cell: CellValue): boolean {
  if (cell instanceof Date || looksLikeDate(cell)) return false
  const text = cellText(cell).trim()
  if (!/^[+(]?[\d\s().-]{7,20}$/.test(text)) return false
  const digits = text.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) return false
  // Bare digits pass only as the region's mobile numbers (CO 3 + 9 digits, CL and PE 9 + 8, BR area code + 9
  // + 8), so a column of ID numbers is not taken for phones.
  return text.startsWith('+') || /[\s().-]/.test(text) || /^(3\d{9}|9\d{8}|[1-9]{2}9\d{8})$/.test(digits)
}

const DETECTORS: Record<EvidenceKind, (cell: CellValue, country: Country | undefined) => boolean> = {
  cpf: (cell) =>
    isValidCpf(
      cellText(cell)
        .replace(/[.\s-]/g, '')
        .padStart(11, '0')
    ),
  cnpj: (cell) =>
    isValidCnpj(
      cellText(cell)
        .replace(/[./\s-]/g, '')
        .padStart(14, '0')
    ),
  rut: (cell) => {
    const text = cellText(cell).toUpperCase().replace(/[.\s]/g, '')
    return /^\d{7,8}-?[\dK]$/.test(text) && isValidRut(text.replace('-', ''))
  },
  curp: (cell) => isValidCurp(cellText(cell).trim().toUpperCase()),
  rfc: (cell) => isValidRfc(cellText(cell).trim().toUpperCase()),
  date: looksLikeDate,
  phone: looksLikePhone,
  plate: (cell, country) => {
    const text = cellText(cell)
    if (!/[A-Za-z]/.test(text) || !/\d/.test(text)) return false
    return plateProblem(country ?? null, normalisePlate(text)) === null
  },
  email: (cell) => EMAIL.test(cellText(cell).trim()),
  'document-type': (cell) => typeof cell === 'string' && parseDocumentType(cell) !== null,
  'check-type': (cell) => typeof cell === 'string' && parseCheckType(cell)?.custom === false,
  country: (cell) => typeof cell === 'string' && parseCountry(cell) !== null
}

/** Which values say which kinds, only where the country could hold them. */
const COUNTRY_OF: Partial<Record<EvidenceKind, Country>> = {
  cpf: 'BR',
  cnpj: 'BR',
  rut: 'CL',
  curp: 'MX',
  rfc: 'MX'
}

/** What the sampled values of one column look like; kinds seen in fewer than half of them are left out. */
export function columnEvidence(
  values: CellValue[],
  country: Country | undefined,
  customTypes: readonly string[] = []
): ColumnEvidence[] {
  const filled = values.filter((cell) => !isBlankCell(cell))
  if (filled.length < MIN_VALUES) return []
  const found: ColumnEvidence[] = []
  for (const [kind, detect] of Object.entries(DETECTORS) as [
    EvidenceKind,
    (typeof DETECTORS)[EvidenceKind]
  ][]) {
    const home = COUNTRY_OF[kind]
    if (home && country && country !== home) continue
    let matches = 0
    for (const cell of filled)
      if (detect(cell, country) || (kind === 'check-type' && isCustomType(cell, customTypes))) matches++
    const share = matches / filled.length
    if (share >= 0.5) found.push({ kind, share: Math.round(share * 100) / 100 })
  }
  return found.sort((a, b) => b.share - a.share)
}

function isCustomType(cell: CellValue, customTypes: readonly string[]): boolean {
  return typeof cell === 'string' && customTypes.includes(cell.trim())
}

/** The target values of this kind point to, in this country (null when they point to none by themselves). */
export function targetOfEvidence(kind: EvidenceKind): MappingTarget | null {
  switch (kind) {
    case 'cpf':
    case 'rut':
    case 'curp':
      return 'national_id'
    case 'cnpj':
    case 'rfc':
      return 'tax_id'
    case 'phone':
      return 'phone_number'
    case 'plate':
      return 'license_plate'
    case 'document-type':
      return 'document_type'
    case 'check-type':
      return 'type'
    case 'country':
      return 'country'
    case 'date':
    case 'email':
      return null
  }
}

const DATE_TARGETS: ReadonlySet<MappingTarget> = new Set(['date_of_birth', 'issue_date', 'payment_date'])
const DOCUMENT_EVIDENCE: ReadonlySet<EvidenceKind> = new Set(['cpf', 'cnpj', 'rut', 'curp', 'rfc'])

/**
 * Whether values of this kind contradict a target: dates anywhere but in a date input, non-dates in a date
 * input are not judged (text dates vary too much), e-mail addresses in any input, document types or check
 * types or countries where the target is something else.
 */
export function contradicts(kind: EvidenceKind, target: MappingTarget): boolean {
  if (kind === 'date') return !DATE_TARGETS.has(target)
  if (kind === 'email') return target !== 'custom_input'
  if (kind === 'document-type') return target !== 'document_type' && target !== 'owner_document_type'
  if (kind === 'check-type') return target !== 'type'
  if (kind === 'country') return target !== 'country' && target !== 'native_country'
  if (DOCUMENT_EVIDENCE.has(kind)) return DATE_TARGETS.has(target) || target === 'phone_number'
  return false
}

/** Inputs whose values must look like the evidence for the match to stand. */
export function requiredEvidence(target: MappingTarget): EvidenceKind | null {
  if (target === 'type') return 'check-type'
  if (target === 'country') return 'country'
  return null
}

export function isDateTarget(target: MappingTarget): target is InputName {
  return DATE_TARGETS.has(target)
}
