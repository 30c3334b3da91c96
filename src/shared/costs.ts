// What a batch will cost before it runs, and what it cost once it ran. Truora prices by quote, so the analyst
// types the prices of their contract per check type and country, in the currency of each connection; Lote
// multiplies them by the checks a batch will really create (after reuse and grouping) — never a guess of its own.

/** A connection's reuse window and contract prices. */
export interface ConnectionPreferences {
  /** Earlier checks younger than this many days are offered for reuse; 0 turns reuse off. */
  reuseDays: number
  /** ISO 4217 code of the prices (COP, BRL, USD…). */
  currency: string
  prices: CheckPrice[]
}

/** The price of one new check of a type in a country. */
export interface CheckPrice {
  country: string
  type: string
  amount: number
}

export const DEFAULT_REUSE_DAYS = 30
export const MAX_REUSE_DAYS = 3650
export const DEFAULT_CONNECTION_PREFERENCES: ConnectionPreferences = {
  reuseDays: DEFAULT_REUSE_DAYS,
  currency: 'USD',
  prices: []
}

/** Currencies offered first; any ISO 4217 code is accepted. */
export const COMMON_CURRENCIES = ['COP', 'BRL', 'MXN', 'CLP', 'PEN', 'CRC', 'USD'] as const

/** New checks of one type in one country, priced. */
export interface CostLine {
  country: string
  type: string
  checks: number
  /** Null when the analyst has not typed a price for this type and country. */
  unitPrice: number | null
  amount: number | null
}

export interface ContinuousEstimate {
  /** Checks that will be made continuous (the batch's new checks). */
  checks: number
  frequency: string
  endDate: string
  /** How many times each is re-run before the end date. */
  runs: number
  /** Every re-run priced like a new check; null when a price is missing. */
  amount: number | null
}

/** What starting a batch will do and cost, as shown before it runs and kept with the batch. */
export interface CostEstimate {
  currency: string
  /** The reuse window used to plan it, in days (0 = off). */
  reuseDays: number
  /** New checks by check type and country. */
  lines: CostLine[]
  newChecks: number
  /** Rows answered with an earlier check's result: no request, no cost. */
  reusedRows: number
  /** Rows repeating another row's document: they share its check. */
  groupedRows: number
  continuous: ContinuousEstimate | null
  /** New checks × prices; null when a line has no price. */
  total: number | null
  /** Type and country of lines without a price. */
  missingPrices: { country: string; type: string }[]
  /** The prices in force when it was made, which also price what the batch finally creates. */
  prices: CheckPrice[]
  at: string
}

/** What a batch really created, priced with the prices of its estimate. */
export interface FinalCost {
  checks: number
  amount: number | null
  currency: string | null
}

function priceOf(prices: readonly CheckPrice[], country: string, type: string): number | null {
  return prices.find((p) => p.country === country && p.type === type)?.amount ?? null
}

/** Adds amounts in cents-like units so 0.1 + 0.2 stays 0.3 on screen. */
function sum(amounts: number[]): number {
  return Math.round(amounts.reduce((a, b) => a + b, 0) * 1e6) / 1e6
}

const DAY_MS = 24 * 3600 * 1000

/** How many runs a continuous check makes from `today` (YYYY-MM-DD) until `endDate`, at `frequency`. */
export function continuousRuns(frequency: string, endDate: string, today: string): number {
  const days = (Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS
  if (!Number.isFinite(days) || days <= 0) return 0
  const named: Record<string, number> = { daily: 1, weekly: 7, monthly: 30, yearly: 365 }
  let period = named[frequency]
  if (!period) {
    const match = /^(\d+)([dwmy])$/.exec(frequency)
    if (!match) return 0
    period = Number(match[1]) * { d: 1, w: 7, m: 30, y: 365 }[match[2] as 'd' | 'w' | 'm' | 'y']
  }
  return period > 0 ? Math.floor(days / period) : 0
}

export function estimateCost(input: {
  preferences: ConnectionPreferences
  /** New checks by type and country. */
  newChecks: { country: string; type: string; checks: number }[]
  reusedRows: number
  groupedRows: number
  continuous?: { frequency: string; endDate: string } | null
  today: string
  at: string
}): CostEstimate {
  const { preferences } = input
  const lines: CostLine[] = input.newChecks
    .filter((line) => line.checks > 0)
    .map((line) => {
      const unitPrice = priceOf(preferences.prices, line.country, line.type)
      return { ...line, unitPrice, amount: unitPrice === null ? null : sum([unitPrice * line.checks]) }
    })
    .sort((a, b) => a.country.localeCompare(b.country) || a.type.localeCompare(b.type))
  const missingPrices = lines
    .filter((line) => line.unitPrice === null)
    .map(({ country, type }) => ({ country, type }))
  const total = missingPrices.length > 0 ? null : sum(lines.map((line) => line.amount ?? 0))
  const newChecks = lines.reduce((n, line) => n + line.checks, 0)
  let continuous: ContinuousEstimate | null = null
  if (input.continuous) {
    const runs = continuousRuns(input.continuous.frequency, input.continuous.endDate, input.today)
    continuous = {
      checks: newChecks,
      frequency: input.continuous.frequency,
      endDate: input.continuous.endDate,
      runs,
      amount: total === null ? null : sum([total * runs])
    }
  }
  return {
    currency: preferences.currency,
    reuseDays: preferences.reuseDays,
    lines,
    newChecks,
    reusedRows: input.reusedRows,
    groupedRows: input.groupedRows,
    continuous,
    total,
    missingPrices,
    prices: preferences.prices,
    at: input.at
  }
}

/** The checks a batch created, priced as its estimate priced them. */
export function finalCost(
  estimate: CostEstimate | null,
  made: { country: string; type: string; checks: number }[]
): FinalCost {
  const checks = made.reduce((n, line) => n + line.checks, 0)
  if (!estimate) return { checks, amount: null, currency: null }
  const amounts: number[] = []
  for (const line of made) {
    if (line.checks === 0) continue
    const price = priceOf(estimate.prices, line.country, line.type)
    if (price === null) return { checks, amount: null, currency: estimate.currency }
    amounts.push(price * line.checks)
  }
  return { checks, amount: sum(amounts), currency: estimate.currency }
}
