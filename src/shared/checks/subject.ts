// Who or what a check is about: the one input that identifies the person, company or vehicle, written so the
// same document always reads the same. "79.123.456", "79123456" and "079123456" are one Colombian cédula;
// "123.456.789-09" and "12345678909" one CPF. Repeated rows of a file, earlier checks worth reusing and a
// person's history are all found by it.
import type { InputName } from './inputs'

/** The inputs that identify what a row checks, most specific first. */
export const IDENTITY_INPUTS: readonly InputName[] = [
  'national_id',
  'foreign_id',
  'ptp',
  'tax_id',
  'passport',
  'company_name'
]

/** The input that identifies a row's subject, or null when it has none (a name-only check). */
export function identityInput(type: string, inputs: Partial<Record<string, string>>): InputName | null {
  if (type === 'vehicle' && inputs.license_plate) return 'license_plate'
  return IDENTITY_INPUTS.find((input) => inputs[input]) ?? null
}

/**
 * The comparable form of a document: upper case, without separators (dots, dashes, spaces, slashes) and
 * without leading zeros. Company names compare without accents, case or punctuation. Null when nothing is left.
 */
export function comparableDocument(input: InputName, value: string): string | null {
  if (input === 'company_name') {
    const name = value
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      // "S.A.S." is "SAS": dots and apostrophes join letters; any other punctuation separates words.
      .replace(/[.'’]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
    return name || null
  }
  const compact = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
  // "0" alone stays "0": only zeros in front of something else are dropped.
  const trimmed = compact.replace(/^0+(?=.)/u, '')
  return trimmed || null
}

/** The identifying input of a row and its comparable document. */
export interface Subject {
  input: InputName
  document: string
}

export function subjectOf(type: string | null, inputs: Partial<Record<string, string>>): Subject | null {
  if (!type) return null
  const input = identityInput(type, inputs)
  if (!input) return null
  const document = comparableDocument(input, inputs[input] ?? '')
  return document ? { input, document } : null
}
