// Magic inputs: the last two digits of a check's main document pick its outcome, so analysts and tests
// can rehearse every case on purpose (table in docs/sandbox.md). Other numbers get a seeded mix.
import { seededUnit } from './seeded'

export const OUTCOMES = [
  'clean',
  'criminal_record',
  'identity_not_found',
  'homonyms',
  'delayed',
  'error'
] as const
export type Outcome = (typeof OUTCOMES)[number]

export const MAGIC_ENDINGS: Record<string, Outcome> = {
  '00': 'clean',
  '11': 'criminal_record',
  '22': 'identity_not_found',
  '33': 'homonyms',
  '44': 'delayed',
  '55': 'error'
}

/** The input whose digits decide, in this order of preference. */
export const DECIDING_INPUTS = [
  'national_id',
  'foreign_id',
  'ptp',
  'tax_id',
  'passport',
  'license_plate',
  'vehicle_id',
  'driver_license',
  'company_name',
  'last_name',
  'first_name'
] as const

/**
 * A record that appears between two checks: a document ending in this is clean the first time this Sandbox
 * checks it (for that country and type) and has a criminal record every later time.
 */
export const LATER_FINDING_ENDING = '66'

/** Without a magic ending, most people are clean, as in real life. */
const MIX: [Outcome, number][] = [
  ['clean', 0.85],
  ['criminal_record', 0.08],
  ['homonyms', 0.05],
  ['identity_not_found', 0.02]
]

/** The value of the input that decides a check's outcome ('' when there is none). */
export function decidingValue(inputs: Record<string, string>): string {
  return DECIDING_INPUTS.map((name) => inputs[name]).find((value) => value && value.trim() !== '') ?? ''
}

/** `earlierChecks`: how many checks of the same document this Sandbox made before (for the `66` ending). */
export function outcomeFor(inputs: Record<string, string>, seed: number, earlierChecks = 0): Outcome {
  const digits = decidingValue(inputs).replace(/\D/g, '')
  if (digits.length >= 2) {
    const ending = digits.slice(-2)
    if (ending === LATER_FINDING_ENDING) return earlierChecks === 0 ? 'clean' : 'criminal_record'
    const magic = MAGIC_ENDINGS[ending]
    if (magic) return magic
  }
  let draw = seededUnit('outcome', seed, JSON.stringify(Object.entries(inputs).sort()))
  for (const [outcome, share] of MIX) {
    if (draw < share) return outcome
    draw -= share
  }
  return 'clean'
}
