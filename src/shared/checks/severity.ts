// Truora's one severity vocabulary (docs/truora-api.md 3.2), lowest first. Every table, export and report
// shows a dataset's severity through these words, so the same dataset never reads two ways.
export const SEVERITIES = ['unknown', 'none', 'very_low', 'low', 'medium', 'high', 'very_high'] as const
export type Severity = (typeof SEVERITIES)[number]

/** `High`, ` very high`, `VERY_HIGH` → `high`, `very_high`; anything else Truora might send → `unknown`. */
export function normaliseSeverity(value: string | null | undefined): Severity | null {
  if (value === null || value === undefined || value.trim() === '') return null
  const word = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  return (SEVERITIES as readonly string[]).includes(word) ? (word as Severity) : 'unknown'
}

/** High and very high: a record of this severity makes a person high risk. */
export function isSevere(severity: string | null | undefined): boolean {
  const word = normaliseSeverity(severity)
  return word === 'high' || word === 'very_high'
}

/** Medium or worse. */
export function isAtLeastMedium(severity: string | null | undefined): boolean {
  const word = normaliseSeverity(severity)
  return word === 'medium' || word === 'high' || word === 'very_high'
}
