// How header text and free-text values are compared: without case, accents, punctuation or extra spaces.

const COMBINING_MARKS = /[\u0300-\u036f]/g

/** "  Fecha  de Nacimiento:" -> "fecha de nacimiento"; "C.C." -> "c c"; "Nº" -> "no". */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[º°]/g, 'o')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** The label without any separator: "c c" and "cc" compare equal. */
export function compactLabel(text: string): string {
  return normaliseLabel(text).replace(/ /g, '')
}

/** Words that say "number of" or join words; they carry no meaning for matching. */
const FILLER_WORDS = new Set([
  'de',
  'del',
  'la',
  'el',
  'los',
  'las',
  'do',
  'da',
  'dos',
  'das',
  'of',
  'the',
  'no',
  'nro',
  'nr',
  'num',
  'numero',
  'number',
  'n',
  'o',
  'y',
  'e',
  'and'
])

export function labelTokens(text: string): string[] {
  return normaliseLabel(text)
    .split(' ')
    .filter((word) => word !== '' && !FILLER_WORDS.has(word))
}

/** Similarity 0..1 from the Levenshtein distance, for typos in headers. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1
  if (a.length === 0 || b.length === 0) return 0
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    previous = current
  }
  return 1 - previous[b.length] / Math.max(a.length, b.length)
}
