// Suggests which column feeds which check input, from the headers alone, and finds the header row.
import { CHECK_KINDS, mappableInputs, type Country } from '../checks/inputs'
import { cellText, isBlankCell, isBlankRow } from './cells'
import { FIELD_DEFINITIONS } from './fields'
import { compactLabel, labelTokens, normaliseLabel, similarity } from './labels'
import type { CellValue, ColumnMapping, MappingSuggestion, MappingTarget, MatchKind } from './types'

/** Below this a column is left unmapped: a wrong guess costs more than an empty one. */
export const MIN_CONFIDENCE = 0.5

interface Candidate {
  column: number
  target: MappingTarget
  confidence: number
  match: MatchKind
}

interface PreparedSynonym {
  target: MappingTarget
  normalised: string
  compact: string
  tokens: string[]
  isLabel: boolean
}

const PREPARED: PreparedSynonym[] = FIELD_DEFINITIONS.flatMap((field) =>
  [field.target.replace(/_/g, ' '), ...field.synonyms].map((text, i) => ({
    target: field.target,
    normalised: normaliseLabel(text),
    compact: compactLabel(text),
    tokens: labelTokens(text),
    isLabel: i === 0
  }))
)

function scoreHeader(
  header: string,
  synonym: PreparedSynonym
): { confidence: number; match: MatchKind } | null {
  const normalised = normaliseLabel(header)
  if (normalised === '') return null
  if (normalised === synonym.normalised || compactLabel(header) === synonym.compact)
    return { confidence: synonym.isLabel ? 1 : 0.95, match: 'exact' }
  const tokens = labelTokens(header)
  if (tokens.length > 0 && synonym.tokens.length > 0) {
    if (tokens.join(' ') === synonym.tokens.join(' ')) return { confidence: 0.9, match: 'exact' }
    const inHeader = synonym.tokens.filter((token) => tokens.includes(token)).length
    if (inHeader === synonym.tokens.length) {
      // "Teléfono celular del candidato" contains "teléfono": the more of the header it covers, the surer.
      return { confidence: 0.55 + 0.3 * (synonym.tokens.length / tokens.length), match: 'token' }
    }
  }
  const compact = compactLabel(header)
  if (compact.length >= 4 && synonym.compact.length >= 4) {
    const score = similarity(compact, synonym.compact)
    if (score >= 0.75) return { confidence: 0.75 * score, match: 'fuzzy' }
  }
  return null
}

function targetsOffered(country: Country | undefined): Set<MappingTarget> | null {
  if (!country) return null
  const offered = new Set<MappingTarget>(['country', 'type'])
  for (const kind of CHECK_KINDS) for (const input of mappableInputs(country, kind)) offered.add(input)
  return offered
}

export interface SuggestOptions {
  /** Batch country, when every row is of one country: inputs that country never takes rank lower. */
  country?: Country
  /** A mapping confirmed earlier for the same headers (see headerSignature); it wins. */
  saved?: Record<string, MappingTarget | null>
}

/**
 * One suggestion per column. Each target goes to at most one column: candidates are taken best first, so
 * "Cédula" keeps national_id even when "Documento propietario" also mentions a document.
 */
export function suggestMapping(headers: string[], options: SuggestOptions = {}): MappingSuggestion[] {
  const offered = targetsOffered(options.country)
  const candidates: Candidate[] = []
  const perColumn: Candidate[][] = headers.map(() => [])
  headers.forEach((header, column) => {
    const savedTarget = options.saved?.[normaliseLabel(header)]
    if (savedTarget !== undefined) {
      if (savedTarget !== null)
        candidates.push({ column, target: savedTarget, confidence: 1, match: 'saved' })
      return
    }
    const best = new Map<MappingTarget, Candidate>()
    for (const synonym of PREPARED) {
      const score = scoreHeader(header, synonym)
      if (!score) continue
      const confidence =
        offered && !offered.has(synonym.target) ? score.confidence * 0.6 : Math.min(score.confidence, 1)
      const previous = best.get(synonym.target)
      if (!previous || previous.confidence < confidence)
        best.set(synonym.target, { column, target: synonym.target, confidence, match: score.match })
    }
    const ranked = [...best.values()].sort((a, b) => b.confidence - a.confidence)
    perColumn[column] = ranked
    candidates.push(...ranked)
  })
  candidates.sort((a, b) => b.confidence - a.confidence || a.column - b.column)
  const chosen = new Map<number, Candidate>()
  const taken = new Set<MappingTarget>()
  for (const candidate of candidates) {
    if (candidate.confidence < MIN_CONFIDENCE && candidate.match !== 'saved') continue
    if (chosen.has(candidate.column) || taken.has(candidate.target)) continue
    chosen.set(candidate.column, candidate)
    taken.add(candidate.target)
  }
  return headers.map((header, column) => {
    const pick = chosen.get(column)
    return {
      column,
      header,
      target: pick?.target ?? null,
      confidence: round(pick?.confidence ?? 0),
      match: pick?.match ?? 'none',
      alternatives: perColumn[column]
        .filter((candidate) => candidate.target !== pick?.target)
        .slice(0, 3)
        .map((candidate) => ({ target: candidate.target, confidence: round(candidate.confidence) }))
    }
  })
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

export function mappingFromSuggestions(
  headers: string[],
  suggestions: MappingSuggestion[],
  defaults: ColumnMapping['defaults'] = {}
): ColumnMapping {
  return { headers, targets: suggestions.map((suggestion) => suggestion.target), defaults }
}

/** Problems that keep a mapping from being used: two columns on one target. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const seen = new Map<MappingTarget, string>()
  const problems: string[] = []
  mapping.targets.forEach((target, column) => {
    if (!target) return
    const other = seen.get(target)
    if (other !== undefined)
      problems.push(`Columns "${other}" and "${mapping.headers[column]}" both feed ${target}; keep one.`)
    else seen.set(target, mapping.headers[column])
  })
  return problems
}

/** The same set of headers in any order, case or accents gives the same signature. */
export function headerSignature(headers: string[]): string {
  return headers
    .map(normaliseLabel)
    .filter((header) => header !== '' && !/^column [a-z]+$/.test(header))
    .sort()
    .join('|')
}

/** Saved form of a mapping: by normalised header, so it applies to the same columns in another order. */
export function mappingByHeader(mapping: ColumnMapping): Record<string, MappingTarget | null> {
  const byHeader: Record<string, MappingTarget | null> = {}
  mapping.headers.forEach((header, column) => {
    byHeader[normaliseLabel(header)] = mapping.targets[column] ?? null
  })
  return byHeader
}

export function columnLetter(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

/** Labels for display and keys: blank headers become "Column C", repeats get " (2)". */
export function uniqueHeaders(cells: CellValue[]): string[] {
  const seen = new Map<string, number>()
  return cells.map((cell, index) => {
    const text = cellText(cell).replace(/\s+/g, ' ').trim()
    const base = text === '' ? `Column ${columnLetter(index)}` : text
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1
    seen.set(base.toLowerCase(), count)
    return count === 1 ? base : `${base} (${count})`
  })
}

/** How many rows from the top are searched for the header row. */
export const HEADER_SEARCH_ROWS = 30

/**
 * The index (into `rows`) of the header row: title rows (one merged cell), notes and blank rows sit above it.
 * A header row has several text cells, and known header names count most. Null when no row qualifies.
 */
export function detectHeaderRow(rows: CellValue[][]): number | null {
  let best: { index: number; score: number } | null = null
  const widest = Math.max(0, ...rows.map((cells) => cells.filter((cell) => !isBlankCell(cell)).length))
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, index) => {
    const filled = cells.filter((cell) => !isBlankCell(cell))
    if (filled.length === 0) return
    const texts = filled.filter((cell) => typeof cell === 'string' && !/^[\d\s.,/-]+$/.test(cell))
    if (filled.length < Math.min(2, widest)) return
    if (texts.length < filled.length * 0.8) return
    const known = texts.filter((cell) =>
      PREPARED.some((synonym) => {
        const score = scoreHeader(String(cell), synonym)
        return score !== null && score.confidence >= 0.8
      })
    ).length
    const score = known * 3 + filled.length
    if (!best || score > best.score) best = { index, score }
  })
  if (best) return (best as { index: number }).index
  const firstFilled = rows.findIndex((cells) => !isBlankRow(cells))
  return firstFilled === -1 ? null : firstFilled
}
