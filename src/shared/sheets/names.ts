// A full name in one cell ("María José Gómez Restrepo") split into first and last names, the way names are
// written in Spanish- and Portuguese-speaking Latin America.

/** Words that belong to the surname after them: "de la Cruz", "dos Santos", "del Río". */
const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'da',
  'das',
  'do',
  'dos',
  'e',
  'y',
  'van',
  'von',
  'di'
])

export interface SplitName {
  first: string
  last: string
}

/** Words grouped so a particle stays with the word after it. */
function groups(words: string[]): string[] {
  const grouped: string[] = []
  let pending: string[] = []
  for (const word of words) {
    pending.push(word)
    if (PARTICLES.has(word.toLowerCase())) continue
    grouped.push(pending.join(' '))
    pending = []
  }
  if (pending.length > 0) grouped.push(pending.join(' '))
  return grouped
}

/**
 * Splits a full name. "Apellidos, Nombres" (a comma) and `surnameFirst` (a header like "Apellidos y
 * nombres") put the surnames first. Otherwise: two words are first and last name; three are a first name and
 * two surnames; four or more keep the last two as surnames. Null when there is only one word.
 */
export function splitFullName(text: string, surnameFirst = false): SplitName | null {
  const clean = text.replace(/\s+/g, ' ').trim()
  const comma = clean.indexOf(',')
  if (comma > 0) {
    const last = clean.slice(0, comma).trim()
    const first = clean.slice(comma + 1).trim()
    return first && last ? { first, last } : null
  }
  const parts = groups(clean.split(' ').filter(Boolean))
  if (parts.length < 2) return null
  const surnames = parts.length === 2 ? 1 : 2
  if (surnameFirst)
    return { last: parts.slice(0, surnames).join(' '), first: parts.slice(surnames).join(' ') }
  return { first: parts.slice(0, parts.length - surnames).join(' '), last: parts.slice(-surnames).join(' ') }
}

/** Whether a full-name header puts surnames first ("Apellidos y nombres", "Sobrenome e nome"). */
export function surnameFirstHeader(header: string): boolean {
  return /^\s*(apellidos?|sobrenomes?|surnames?|last names?)\b/i.test(
    header.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  )
}
