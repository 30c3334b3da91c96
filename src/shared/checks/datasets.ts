// Truora's datasets (the groups of databases a check searches) and what the default check types search.
// Source: docs/truora-api.md sections 2.3 and 3.4.

export const DATASET_NAMES = [
  'personal_identity',
  'criminal_record',
  'legal_background',
  'international_background',
  'alert_in_media',
  'professional_background',
  'affiliations_and_insurances',
  'taxes_and_finances',
  'business_background',
  'vehicle_information',
  'traffic_fines',
  'driving_licenses',
  'vehicle_permits'
] as const
export type DatasetName = (typeof DATASET_NAMES)[number]

export function isDatasetName(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value)
}

/** The datasets each default type searches (its weights are Truora's and not published). */
export const DEFAULT_TYPE_DATASETS: Record<'person' | 'vehicle' | 'company', DatasetName[]> = {
  person: [
    'personal_identity',
    'criminal_record',
    'legal_background',
    'international_background',
    'alert_in_media'
  ],
  vehicle: [
    'vehicle_information',
    'personal_identity',
    'traffic_fines',
    'driving_licenses',
    'criminal_record',
    'international_background'
  ],
  company: [
    'business_background',
    'criminal_record',
    'legal_background',
    'international_background',
    'alert_in_media',
    'taxes_and_finances'
  ]
}

/** Weights must sum to 1; this much rounding is forgiven (three sliders at 0.333 do not sum exactly). */
export const WEIGHT_SUM_TOLERANCE = 1e-6

export function weightSum(weights: Partial<Record<string, number>>): number {
  return Object.values(weights).reduce<number>((sum, w) => sum + (w ?? 0), 0)
}

export function weightsProblem(weights: Partial<Record<string, number>>): string | null {
  const entries = Object.entries(weights)
  if (entries.length === 0) return 'Choose at least one dataset.'
  for (const [name, weight] of entries) {
    if (!isDatasetName(name)) return `"${name}" is not a Truora dataset.`
    if (weight === undefined || !Number.isFinite(weight) || weight < 0 || weight > 1)
      return `The weight of ${name} must be between 0 and 1.`
  }
  const sum = weightSum(weights)
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE)
    return `The weights add up to ${sum.toFixed(3)}; they must add up to 1.`
  return null
}

/** Scales weights so they sum to exactly 1, keeping their proportions; equal shares when all are 0. */
export function normaliseWeights<K extends string>(weights: Record<K, number>): Record<K, number> {
  const keys = Object.keys(weights) as K[]
  if (keys.length === 0) return weights
  const sum = weightSum(weights as Record<string, number>)
  const scaled = keys.map((k) => (sum > 0 ? weights[k] / sum : 1 / keys.length))
  // Round to 3 decimals and give the rounding remainder to the largest weight, so the sum is exactly 1.
  const rounded = scaled.map((w) => Math.round(w * 1000) / 1000)
  const remainder = Math.round((1 - rounded.reduce((a, b) => a + b, 0)) * 1000) / 1000
  const largest = rounded.indexOf(Math.max(...rounded))
  rounded[largest] = Math.round((rounded[largest] + remainder) * 1000) / 1000
  return Object.fromEntries(keys.map((k, i) => [k, rounded[i]])) as Record<K, number>
}
