// Dates as analysts type them: Excel serials and dates, ISO, and day-first d/m/y as Latin America writes them.

/** Which part comes first in a slash date; Latin America writes day first. */
export type DateOrder = 'dmy' | 'mdy'

export type ParsedDate =
  | { ok: true; iso: string; ambiguous: boolean }
  | { ok: false; reason: 'unreadable' | 'nonexistent' | 'excel-1900-02-29' }

const DAY_MS = 86_400_000
// Excel's day 0 is 1899-12-31 but it counts 1900-02-29, which never existed, so from day 61 on the
// serial is one day ahead: anchoring at 1899-12-30 is right for every serial after 60.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const MAX_SERIAL = 2_958_465 // 9999-12-31

export function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function excelSerialToIso(serial: number): ParsedDate {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL)
    return { ok: false, reason: 'unreadable' }
  const whole = Math.floor(serial)
  if (whole === 60) return { ok: false, reason: 'excel-1900-02-29' }
  const ms = whole < 60 ? Date.UTC(1899, 11, 31) + whole * DAY_MS : EXCEL_EPOCH_MS + whole * DAY_MS
  return { ok: true, iso: isoOfDay(ms / DAY_MS), ambiguous: false }
}

/** exceljs gives dates at UTC midnight; its float rounding can land a few ms before, so round to the day. */
export function jsDateToIso(date: Date): ParsedDate {
  const ms = date.getTime()
  if (Number.isNaN(ms)) return { ok: false, reason: 'unreadable' }
  return { ok: true, iso: isoOfDay(Math.round(ms / DAY_MS)), ambiguous: false }
}

/**
 * A file has far fewer distinct dates than rows (birth dates repeat), so the text of each UTC day is kept once
 * made; the table is emptied when it grows large.
 */
const DAY_TEXT = new Map<number, string>()
const DAY_TEXT_LIMIT = 50_000

/** `YYYY-MM-DD` of a whole number of days since 1970-01-01 (UTC). */
function isoOfDay(days: number): string {
  let text = DAY_TEXT.get(days)
  if (text === undefined) {
    text = new Date(days * DAY_MS).toISOString().slice(0, 10)
    if (DAY_TEXT.size >= DAY_TEXT_LIMIT) DAY_TEXT.clear()
    DAY_TEXT.set(days, text)
  }
  return text
}

const MONTHS: Record<string, number> = {}
;[
  ['ene', 'enero', 'jan', 'janeiro', 'january'],
  ['feb', 'febrero', 'fev', 'fevereiro', 'february'],
  ['mar', 'marzo', 'marco', 'march'],
  ['abr', 'abril', 'apr', 'april'],
  ['may', 'mayo', 'mai', 'maio'],
  ['jun', 'junio', 'junho', 'june'],
  ['jul', 'julio', 'julho', 'july'],
  ['ago', 'agosto', 'aug', 'august'],
  ['sep', 'sept', 'set', 'septiembre', 'setiembre', 'setembro', 'september'],
  ['oct', 'octubre', 'out', 'outubro', 'october'],
  ['nov', 'noviembre', 'novembro', 'november'],
  ['dic', 'diciembre', 'dez', 'dezembro', 'dec', 'december']
].forEach((names, index) => names.forEach((name) => (MONTHS[name] = index + 1)))

/** Two-digit years are read as the latest year not after `now` (birth and issue dates are in the past). */
function fullYear(text: string, now: Date): number {
  const year = Number(text)
  if (text.length !== 2) return year
  const century = Math.floor(now.getUTCFullYear() / 100) * 100
  return century + year > now.getUTCFullYear() ? century - 100 + year : century + year
}

const ISO_DATE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/
const NAMED_MONTH = /^(\d{1,2})(?:\s+de\s+|[\s/.-]+)([a-zç]+)\.?(?:\s+de\s+|[\s/.-]+)(\d{4}|\d{2})$/
const SERIAL = /^\d{5}(?:\.\d+)?$/

/** What a text date tells about the column's order: a first part over 12 is a day, a second over 12 is a day. */
export function dateOrderEvidence(text: string): DateOrder | 'either' | null {
  const match = NUMERIC_DATE.exec(text.trim())
  if (!match) return null
  const first = Number(match[1])
  const second = Number(match[2])
  if (first > 12 && second <= 12) return 'dmy'
  if (second > 12 && first <= 12) return 'mdy'
  return 'either'
}

/** How one date column's slash dates are read, and why (see settleDateColumns). */
export interface DateColumnDecision {
  order: DateOrder
  /** Nothing settled the order: its values with both parts 12 or less could be read either way. */
  ambiguous: boolean
  /**
   * What settled it: the column's own values, the file's other date columns, the country's convention, or the
   * analyst at the review.
   */
  settledBy?: 'values' | 'other-columns' | 'country' | 'analyst'
  /**
   * The row that carries the column's one warning when the order is ambiguous: the first row with a value that
   * reads two ways (set as rows are validated when the sample had none).
   */
  warnRow?: number
}

/**
 * Settles the order of each date column: first by its own values (13/04 says day first, 04/13 month first),
 * then by the file's other date columns when those agree, then by the country's convention (every country
 * Truora checks writes day first). Only a column none of these settles is ambiguous, and it warns once, on
 * its first value that reads two ways.
 */
export function settleDateColumns(
  columns: readonly number[],
  rows: readonly { row: number; cells: readonly unknown[] }[],
  dayFirstCountry: boolean
): Record<number, DateColumnDecision> {
  const decisions: Record<number, DateColumnDecision> = {}
  const pending: { column: number; twoWays: boolean; warnRow?: number }[] = []
  for (const column of columns) {
    let dayFirst = 0
    let monthFirst = 0
    let either = 0
    let warnRow: number | undefined
    for (const { row, cells } of rows) {
      const value = cells[column]
      if (typeof value !== 'string') continue
      const evidence = dateOrderEvidence(value)
      if (evidence === 'dmy') dayFirst++
      else if (evidence === 'mdy') monthFirst++
      else if (evidence === 'either') {
        either++
        if (warnRow === undefined && readsTwoWays(value)) warnRow = row
      }
    }
    if (dayFirst > 0 && monthFirst === 0)
      decisions[column] = { order: 'dmy', ambiguous: false, settledBy: 'values' }
    else if (monthFirst > 0 && dayFirst === 0)
      decisions[column] = { order: 'mdy', ambiguous: false, settledBy: 'values' }
    else if (dayFirst > 0 && monthFirst > 0)
      // Both kinds in one column: typing mistakes somewhere; read day first and say so once.
      decisions[column] = { order: 'dmy', ambiguous: true, ...(warnRow !== undefined ? { warnRow } : {}) }
    else pending.push({ column, twoWays: either > 0, warnRow })
  }
  const settledOrders = new Set(
    Object.values(decisions)
      .filter((decision) => decision.settledBy === 'values')
      .map((decision) => decision.order)
  )
  for (const { column, twoWays, warnRow } of pending) {
    if (settledOrders.size === 1)
      decisions[column] = { order: [...settledOrders][0], ambiguous: false, settledBy: 'other-columns' }
    else if (dayFirstCountry) decisions[column] = { order: 'dmy', ambiguous: false, settledBy: 'country' }
    else
      decisions[column] = { order: 'dmy', ambiguous: twoWays, ...(warnRow !== undefined ? { warnRow } : {}) }
  }
  return decisions
}

/** A slash date whose first two parts are different numbers of 12 or less: 03/04/1990. */
function readsTwoWays(text: string): boolean {
  const match = NUMERIC_DATE.exec(text.trim())
  if (!match) return false
  const first = Number(match[1])
  const second = Number(match[2])
  return first !== second && first <= 12 && second <= 12
}

export interface DateParseOptions {
  order: DateOrder
  /** Flag d/m dates that could be read either way (both parts 12 or less). */
  ambiguousColumn: boolean
  now: Date
}

export function parseDateCell(
  value: string | number | boolean | Date,
  options: DateParseOptions
): ParsedDate {
  if (value instanceof Date) return jsDateToIso(value)
  if (typeof value === 'number') return excelSerialToIso(value)
  if (typeof value === 'boolean') return { ok: false, reason: 'unreadable' }
  const text = value.trim()
  let match = ISO_DATE.exec(text)
  if (match) return checked(iso(Number(match[1]), Number(match[2]), Number(match[3])), false)
  match = NUMERIC_DATE.exec(text)
  if (match) {
    const first = Number(match[1])
    const second = Number(match[2])
    const year = fullYear(match[3], options.now)
    const [day, month] = options.order === 'dmy' ? [first, second] : [second, first]
    const ambiguous = options.ambiguousColumn && first !== second && first <= 12 && second <= 12
    return checked(iso(year, month, day), ambiguous)
  }
  match = COMPACT_DATE.exec(text)
  if (match) return checked(iso(Number(match[1]), Number(match[2]), Number(match[3])), false)
  match = NAMED_MONTH.exec(
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
  )
  if (match && MONTHS[match[2]] !== undefined)
    return checked(iso(fullYear(match[3], options.now), MONTHS[match[2]], Number(match[1])), false)
  if (SERIAL.test(text)) return excelSerialToIso(Number(text))
  return { ok: false, reason: 'unreadable' }
}

function checked(result: string | null, ambiguous: boolean): ParsedDate {
  return result === null ? { ok: false, reason: 'nonexistent' } : { ok: true, iso: result, ambiguous }
}

/** Whole years between an ISO date and now. */
export function ageOn(isoDate: string, now: Date): number {
  const today = todayIso(now)
  const age = Number(today.slice(0, 4)) - Number(isoDate.slice(0, 4))
  return today.slice(5) < isoDate.slice(5) ? age - 1 : age
}

let lastToday = { ms: NaN, iso: '' }

/** Called for every date cell with the same `now`, so the last answer is kept. */
export function todayIso(now: Date): string {
  const ms = now.getTime()
  if (ms !== lastToday.ms) lastToday = { ms, iso: now.toISOString().slice(0, 10) }
  return lastToday.iso
}
