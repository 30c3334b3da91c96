// Which country and check type a sheet is about, proposed from what it holds: the bundled sample's own
// metadata, documents whose check digits are valid (CPF, CNPJ, RUT, CURP, RFC), Brazilian states (UF), phone
// prefixes, plate formats only one country uses, and headers that name a country's documents or are written in
// Portuguese. Each proposal carries its reason, as a code with what was seen, so the wizard can say why in the
// analyst's language and the analyst can change it. Reuses the mapping's own value evidence (evidence.ts).
import { COUNTRIES, type Country } from '../checks/inputs'
import { cellText, isBlankCell } from './cells'
import { columnEvidence, type EvidenceKind } from './evidence'
import { normaliseLabel } from './labels'
import { normalisePlate, PLATE_FORMATS } from './plates'
import type { CellValue } from './types'

/** "Each row says, in a column" — the wizard's word for a country or type taken row by row. */
export const FROM_COLUMN = 'column'

export type DocumentEvidence = Extract<EvidenceKind, 'cpf' | 'cnpj' | 'rut' | 'curp' | 'rfc'>

/** Why a country was proposed: a code and what was seen (a column's header, how many of how many values). */
export type CountryReason =
  | { code: 'sample' }
  | { code: 'documents'; document: DocumentEvidence; column: string; matches: number; of: number }
  | { code: 'regions'; column: string; matches: number; of: number }
  | { code: 'phones'; prefix: string; column: string; matches: number; of: number }
  | { code: 'plates'; column: string; matches: number; of: number }
  | { code: 'headers'; column: string }
  | { code: 'column'; column: string }
  | { code: 'default' }

/** Why a check type was proposed. */
export type TypeReason =
  | { code: 'sample' }
  | { code: 'plates'; column: string }
  | { code: 'company'; column: string }
  | { code: 'person'; column: string }
  | { code: 'column'; column: string }
  | { code: 'default' }

export interface ScopeProposal {
  country: Country | typeof FROM_COLUMN
  countryReason: CountryReason
  type: string
  typeReason: TypeReason
}

export interface ScopeInput {
  headers: string[]
  /** The first rows under the header, aligned with `headers`. */
  rows: CellValue[][]
  /** A bundled sample says what it is. */
  sample?: { country: string; type: string }
  /** What to propose when the sheet says nothing (the analyst's defaults). */
  fallback: { country: Country; type: string }
}

const DOCUMENT_COUNTRY: Record<DocumentEvidence, Country> = {
  cpf: 'BR',
  cnpj: 'BR',
  rut: 'CL',
  curp: 'MX',
  rfc: 'MX'
}

/** Brazil's 27 federative units, as a UF column holds them. */
const BR_UF = new Set(
  'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' ')
)

const PHONE_PREFIXES: Record<string, Country> = { '55': 'BR', '56': 'CL', '52': 'MX', '51': 'PE', '57': 'CO' }

/** Headers that name a country's own documents or are written in its language (normalised labels). */
const HEADER_COUNTRY: { words: string[]; country: Country; weight: number }[] = [
  { words: ['cpf', 'cnpj', 'renavam', 'uf'], country: 'BR', weight: 2 },
  {
    words: ['nome', 'sobrenome', 'data de nascimento', 'telefone', 'razao social', 'condutor'],
    country: 'BR',
    weight: 1
  },
  { words: ['rut', 'run', 'patente'], country: 'CL', weight: 2 },
  { words: ['curp', 'rfc', 'niv'], country: 'MX', weight: 2 },
  { words: ['dni', 'ruc'], country: 'PE', weight: 1 },
  { words: ['cedula', 'cedula de ciudadania', 'nit'], country: 'CO', weight: 1 }
]

const PLATE_HEADERS = new Set([
  'placa',
  'patente',
  'plate',
  'license plate',
  'matricula',
  'placa del vehiculo'
])
const COMPANY_HEADERS = new Set([
  'nit',
  'ruc',
  'cnpj',
  'rfc',
  'razon social',
  'empresa',
  'company',
  'company name',
  'proveedor',
  'fornecedor'
])
const PERSON_HEADERS = new Set([
  'cedula',
  'cpf',
  'rut',
  'run',
  'curp',
  'dni',
  'nombres',
  'nombre',
  'nome',
  'apellidos',
  'first name',
  'last name'
])

interface Finding {
  country: Country
  weight: number
  reason: CountryReason
}

function filledValues(rows: CellValue[][], column: number): CellValue[] {
  return rows.map((row) => row[column]).filter((cell): cell is CellValue => !isBlankCell(cell))
}

/** A country's weight of evidence from one column; the strongest finding of each kind is kept. */
function findingsOf(header: string, values: CellValue[]): Finding[] {
  const findings: Finding[] = []
  const label = normaliseLabel(header)
  const of = values.length
  if (of >= 3) {
    // Documents with valid check digits: the strongest evidence a sheet gives.
    for (const { kind, share } of columnEvidence(values, undefined)) {
      if (!(kind in DOCUMENT_COUNTRY)) continue
      const document = kind as DocumentEvidence
      findings.push({
        country: DOCUMENT_COUNTRY[document],
        weight: 4 * share,
        reason: { code: 'documents', document, column: header, matches: Math.round(share * of), of }
      })
    }
    const texts = values.map((cell) => cellText(cell).trim())
    const ufs = texts.filter((text) => BR_UF.has(text.toUpperCase()))
    if (ufs.length / of >= 0.8 && new Set(ufs.map((u) => u.toUpperCase())).size >= 2)
      findings.push({
        country: 'BR',
        weight: 2,
        reason: { code: 'regions', column: header, matches: ufs.length, of }
      })
    const prefixes = new Map<string, number>()
    for (const text of texts) {
      const match = /^\+\s*(\d{2})/.exec(text)
      if (match && PHONE_PREFIXES[match[1]]) prefixes.set(match[1], (prefixes.get(match[1]) ?? 0) + 1)
      // Brazil writes its numbers "(dd) 9dddd-dddd"; a Colombian mobile is 3 and nine digits.
      else if (/^\(\d{2}\)\s*9?\d{4}-?\d{4}$/.test(text)) prefixes.set('55', (prefixes.get('55') ?? 0) + 1)
      else if (/^3\d{9}$/.test(text.replace(/[\s-]/g, ''))) prefixes.set('57', (prefixes.get('57') ?? 0) + 1)
    }
    for (const [prefix, count] of prefixes)
      if (count / of >= 0.5)
        findings.push({
          country: PHONE_PREFIXES[prefix],
          weight: 1.5 * (count / of),
          reason: { code: 'phones', prefix: `+${prefix}`, column: header, matches: count, of }
        })
    const plates = plateCountry(texts)
    if (plates)
      findings.push({
        country: plates.country,
        weight: 2 * (plates.matches / of),
        reason: { code: 'plates', column: header, matches: plates.matches, of }
      })
  }
  for (const { words, country, weight } of HEADER_COUNTRY)
    if (words.includes(label)) findings.push({ country, weight, reason: { code: 'headers', column: header } })
  return findings
}

/** The one country whose plate formats most values fit and no other country's do, if there is one. */
function plateCountry(texts: string[]): { country: Country; matches: number } | null {
  const plates = texts.map(normalisePlate).filter((p) => /[A-Z]/.test(p) && /\d/.test(p))
  if (plates.length < Math.max(3, texts.length * 0.8)) return null
  const only = new Map<Country, number>()
  for (const plate of plates) {
    const fits = (Object.keys(PLATE_FORMATS) as (keyof typeof PLATE_FORMATS)[]).filter((country) =>
      PLATE_FORMATS[country].some((format) => format.pattern.test(plate))
    )
    if (fits.length === 1) only.set(fits[0], (only.get(fits[0]) ?? 0) + 1)
  }
  const best = [...only.entries()].sort((a, b) => b[1] - a[1])[0]
  return best && best[1] >= plates.length * 0.5 ? { country: best[0], matches: best[1] } : null
}

/** A column of countries or check types, by its values: the batch takes them row by row. */
function columnOf(headers: string[], rows: CellValue[][], kind: 'country' | 'check-type'): string | null {
  for (let i = 0; i < headers.length; i++) {
    const values = filledValues(rows, i)
    if (
      values.length >= 3 &&
      columnEvidence(values, undefined).some((e) => e.kind === kind && e.share >= 0.8)
    )
      return headers[i]
  }
  return null
}

function proposeCountry(input: ScopeInput): Pick<ScopeProposal, 'country' | 'countryReason'> {
  const { headers, rows, sample, fallback } = input
  if (sample && (COUNTRIES as readonly string[]).includes(sample.country))
    return { country: sample.country as Country, countryReason: { code: 'sample' } }
  const byColumn = columnOf(headers, rows, 'country')
  if (byColumn) return { country: FROM_COLUMN, countryReason: { code: 'column', column: byColumn } }
  const totals = new Map<Country, { weight: number; best: Finding }>()
  headers.forEach((header, i) => {
    for (const finding of findingsOf(header, filledValues(rows, i))) {
      const entry = totals.get(finding.country)
      if (!entry) totals.set(finding.country, { weight: finding.weight, best: finding })
      else {
        entry.weight += finding.weight
        if (finding.weight > entry.best.weight) entry.best = finding
      }
    }
  })
  const ranked = [...totals.values()].sort((a, b) => b.weight - a.weight)
  const [first, second] = ranked
  // A proposal needs a clear lead: a tie says nothing.
  if (!first || first.weight < 1 || (second && second.weight >= first.weight * 0.75))
    return { country: fallback.country, countryReason: { code: 'default' } }
  return { country: first.best.country, countryReason: first.best.reason }
}

function proposeType(input: ScopeInput): Pick<ScopeProposal, 'type' | 'typeReason'> {
  const { headers, rows, sample, fallback } = input
  if (sample) return { type: sample.type, typeReason: { code: 'sample' } }
  const byColumn = columnOf(headers, rows, 'check-type')
  if (byColumn) return { type: FROM_COLUMN, typeReason: { code: 'column', column: byColumn } }
  const labels = headers.map(normaliseLabel)
  const plate = labels.findIndex(
    (label, i) =>
      PLATE_HEADERS.has(label) || plateCountry(filledValues(rows, i).map((c) => cellText(c).trim()))
  )
  if (plate >= 0) return { type: 'vehicle', typeReason: { code: 'plates', column: headers[plate] } }
  const company = labels.findIndex(
    (label, i) =>
      COMPANY_HEADERS.has(label) ||
      columnEvidence(filledValues(rows, i), undefined).some((e) => e.kind === 'cnpj' && e.share >= 0.5)
  )
  const person = labels.findIndex(
    (label, i) =>
      PERSON_HEADERS.has(label) ||
      columnEvidence(filledValues(rows, i), undefined).some(
        (e) => (e.kind === 'cpf' || e.kind === 'rut' || e.kind === 'curp') && e.share >= 0.5
      )
  )
  if (company >= 0 && person < 0)
    return { type: 'company', typeReason: { code: 'company', column: headers[company] } }
  if (person >= 0 && company < 0)
    return { type: 'person', typeReason: { code: 'person', column: headers[person] } }
  return { type: fallback.type, typeReason: { code: 'default' } }
}

/** The country and check type a sheet is most likely about, each with why. */
export function proposeScope(input: ScopeInput): ScopeProposal {
  return { ...proposeCountry(input), ...proposeType(input) }
}
