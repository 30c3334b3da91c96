// Suggests which column feeds which target, from the headers and the values below them, and finds the header
// row. Only targets the batch's country and check kind take are suggested.
import {
  CHECK_KINDS,
  COUNTRIES,
  isDefaultCheckType,
  requirementsFor,
  type CheckKind,
  type Country,
  type CustomTypeKind
} from '../checks/inputs'
import { cellText, isBlankCell, isBlankRow } from './cells'
import { ROUTABLE_INPUTS } from './document-types'
import {
  columnEvidence,
  contradicts,
  requiredEvidence,
  targetOfEvidence,
  type ColumnEvidence
} from './evidence'
import { FIELD_DEFINITIONS } from './fields'
import { compactLabel, labelTokens, normaliseLabel, similarity } from './labels'
import type {
  CellValue,
  ColumnMapping,
  MappingReason,
  MappingSuggestion,
  MappingTarget,
  MatchKind
} from './types'

/** Rows below the header whose values the suggestion looks at (the import's and the previews' first rows). */
export const MAPPING_SAMPLE_ROWS = 50

/** Below this a column is left unmapped: a wrong guess costs more than an empty one. */
export const MIN_CONFIDENCE = 0.5

/** Targets matched only by their words, never by a near spelling. */
const NO_FUZZY: ReadonlySet<MappingTarget> = new Set(['document_type', 'full_name', 'type'])

/** Confidence of a match made by the values alone (a column of valid CPFs under any header). */
const VALUES_CONFIDENCE = 0.8

interface Candidate {
  column: number
  target: MappingTarget
  confidence: number
  match: MatchKind
  reasons: MappingReason[]
}

interface PreparedSynonym {
  target: MappingTarget
  text: string
  normalised: string
  compact: string
  tokens: string[]
  isLabel: boolean
}

const PREPARED: PreparedSynonym[] = FIELD_DEFINITIONS.flatMap((field) =>
  [field.target.replace(/_/g, ' '), ...field.synonyms].map((text, i) => ({
    target: field.target,
    text,
    normalised: normaliseLabel(text),
    compact: compactLabel(text),
    tokens: labelTokens(text),
    isLabel: i === 0
  }))
)

function scoreHeader(
  header: string,
  synonym: PreparedSynonym
): { confidence: number; match: 'exact' | 'token' | 'fuzzy' } | null {
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

/**
 * The check kinds a batch type can make. A custom type makes the kind it checks (its datasets or the analyst
 * say which); one whose kind nobody knows may be any, so every kind's inputs stay on offer.
 */
export function kindsOfType(
  type: string | undefined,
  customKind?: CustomTypeKind | null
): readonly CheckKind[] {
  if (type === undefined) return CHECK_KINDS
  const kind = isDefaultCheckType(type) ? type : customKind
  if (kind === 'company') return ['company']
  if (kind === 'vehicle') return ['vehicle-national', 'vehicle-foreigner']
  if (kind === 'person') return ['person-national', 'person-foreigner']
  return kind === 'name' ? [] : CHECK_KINDS
}

/** A search by name alone (a custom type of kind "name") takes a person's or a company's name. */
const NAME_SEARCH_INPUTS: readonly MappingTarget[] = ['first_name', 'last_name', 'company_name']

/**
 * What a column may be mapped to for this batch: every input some check of the country and type takes
 * (national and foreign variants; a custom type by its kind); the document type where documents route
 * numbers; a full name where a check needs names; the reference any check may carry; the row's country or
 * type only when they come from a column (the batch has none).
 */
export function offeredTargets(
  country: Country | undefined,
  type: string | undefined,
  customKind?: CustomTypeKind | null
): Set<MappingTarget> {
  const offered = new Set<MappingTarget>(['custom_input'])
  if (country === undefined) offered.add('country')
  if (type === undefined) offered.add('type')
  const kinds = kindsOfType(type, customKind)
  if (type !== undefined && !isDefaultCheckType(type) && customKind === 'name')
    for (const input of NAME_SEARCH_INPUTS) offered.add(input)
  for (const each of country === undefined ? COUNTRIES : [country])
    for (const kind of kinds) {
      const requirements = requirementsFor(each, kind)
      if (!requirements) continue
      for (const input of [
        ...requirements.required,
        ...requirements.alternatives.flat(),
        ...requirements.optional
      ])
        offered.add(input)
      if (requirements.optional.includes('native_national_id')) offered.add('native_country')
    }
  if (offered.has('first_name') || offered.has('last_name')) offered.add('full_name')
  if ([...ROUTABLE_INPUTS].some((input) => offered.has(input)) && kinds.some((k) => k !== 'company'))
    offered.add('document_type')
  return offered
}

export interface SuggestOptions {
  /** The batch's country; without it each row's country comes from a column. */
  country?: Country
  /** The batch's check type; without it each row's type comes from a column whose values are check types. */
  type?: string
  /** Rows below the header (cells in header order): what the values look like counts too. */
  samples?: readonly CellValue[][]
  /** Custom type names of the account, which a type column may hold. */
  customTypes?: readonly string[]
  /** What the batch's custom type checks, when `type` is one (null or absent: nobody knows). */
  customKind?: CustomTypeKind | null
  /**
   * A mapping confirmed earlier for the same headers (see headerSignature); it wins where the batch still
   * takes its target. A column it left out stays out only when it was confirmed for the same country and type
   * (`savedForScope`): for another one, Lote proposes that column again.
   */
  saved?: Record<string, MappingTarget | null>
  /** The saved mapping was confirmed for this batch's country and type. */
  savedForScope?: boolean
}

/**
 * One suggestion per column, with its reasons. Each target goes to at most one column: candidates are taken
 * best first, so "Cédula" keeps national_id even when "Documento propietario" also mentions a document.
 * Targets the batch's country and kind do not take are never suggested (the header match is given as a
 * reason). A header match whose values contradict it (dates in a phone column) is set aside and said so;
 * values alone suggest a target when they are clear (a column of valid CPFs under any header).
 */
export function suggestMapping(headers: string[], options: SuggestOptions = {}): MappingSuggestion[] {
  const offered = offeredTargets(options.country, options.type, options.customKind)
  const candidates: Candidate[] = []
  const perColumn: Candidate[][] = headers.map(() => [])
  const notes: { reason: MappingReason; confidence: number }[][] = headers.map(() => [])
  headers.forEach((header, column) => {
    const savedTarget = options.saved?.[normaliseLabel(header)]
    if (savedTarget != null && offered.has(savedTarget)) {
      candidates.push({
        column,
        target: savedTarget,
        confidence: 1,
        match: 'saved',
        reasons: [{ kind: 'saved' }]
      })
      return
    }
    // Left out on purpose for this same batch: it stays out. Anything else is proposed afresh.
    if (savedTarget === null && options.savedForScope !== false) return
    const values = options.samples?.map((row) => row[column] ?? null)
    const evidence: ColumnEvidence[] = values
      ? columnEvidence(values, options.country, options.customTypes)
      : []
    const best = new Map<MappingTarget, Candidate>()
    for (const synonym of PREPARED) {
      const score = scoreHeader(header, synonym)
      if (!score) continue
      // "Número de documento" is one letter-swap away from "Tipo de documento": routing columns match by words.
      if (score.match === 'fuzzy' && NO_FUZZY.has(synonym.target)) continue
      const previous = best.get(synonym.target)
      if (!previous || previous.confidence < score.confidence)
        best.set(synonym.target, {
          column,
          target: synonym.target,
          confidence: Math.min(score.confidence, 1),
          match: score.match,
          reasons: [{ kind: 'header', match: score.match, synonym: synonym.text }]
        })
    }
    const ranked: Candidate[] = []
    for (const candidate of [...best.values()].sort((a, b) => b.confidence - a.confidence)) {
      if (!offered.has(candidate.target)) {
        if (candidate.confidence >= MIN_CONFIDENCE)
          notes[column].push({
            reason: { kind: 'not-taken', target: candidate.target },
            confidence: candidate.confidence
          })
        continue
      }
      const against = evidence.find(
        (found) => found.share >= 0.6 && contradicts(found.kind, candidate.target)
      )
      if (against) {
        if (candidate.confidence >= MIN_CONFIDENCE)
          notes[column].push({
            reason: {
              kind: 'contradicted',
              target: candidate.target,
              evidence: against.kind,
              share: against.share
            },
            confidence: candidate.confidence
          })
        continue
      }
      const needed = requiredEvidence(candidate.target)
      if (needed && !evidence.some((found) => found.kind === needed && found.share >= 0.8)) {
        // The check type only from a column of check types; the country only from a column of countries.
        if (values !== undefined || needed === 'check-type') {
          if (candidate.confidence >= MIN_CONFIDENCE)
            notes[column].push({
              reason: { kind: 'not-check-types', target: candidate.target },
              confidence: candidate.confidence
            })
          continue
        }
      }
      const support = evidence.find((found) => targetOfEvidence(found.kind) === candidate.target)
      if (support) {
        candidate.confidence = Math.min(1, candidate.confidence + 0.05)
        candidate.reasons.push({ kind: 'values', evidence: support.kind, share: support.share })
      }
      ranked.push(candidate)
    }
    // Values that point to a target by themselves, where no header did.
    for (const found of evidence) {
      const target = targetOfEvidence(found.kind)
      if (!target || found.share < 0.8 || !offered.has(target)) continue
      if (ranked.some((candidate) => candidate.target === target)) continue
      if (evidence.some((other) => other.share >= 0.6 && contradicts(other.kind, target))) continue
      ranked.push({
        column,
        target,
        confidence: VALUES_CONFIDENCE * found.share,
        match: 'values',
        reasons: [{ kind: 'values', evidence: found.kind, share: found.share }]
      })
    }
    ranked.sort((a, b) => b.confidence - a.confidence)
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
      // Matches set aside are worth telling when nothing was picked, or when they were as good as the pick.
      reasons: [
        ...(pick?.reasons ?? []),
        ...notes[column]
          .filter((note) => !pick || note.confidence >= pick.confidence)
          .map((note) => note.reason)
      ],
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

/**
 * The mapping proposed for a new country or type: each column the analyst mapped by hand keeps its input where
 * the batch still takes it (and a column the analyst left out stays out); every other column takes the new
 * suggestion, unless a kept choice already feeds that input.
 */
export function keepChosenTargets(
  headers: readonly string[],
  suggestions: readonly Pick<MappingSuggestion, 'target'>[],
  chosen: Readonly<Record<string, MappingTarget | null>> | undefined,
  offered: ReadonlySet<MappingTarget>
): (MappingTarget | null)[] {
  const kept = headers.map((header) => {
    const choice = chosen?.[header]
    return choice === undefined || (choice !== null && !offered.has(choice)) ? undefined : choice
  })
  const taken = new Set(kept.filter((target): target is MappingTarget => Boolean(target)))
  return headers.map((_, column) => {
    if (kept[column] !== undefined) return kept[column]
    const target = suggestions[column]?.target ?? null
    return target && !taken.has(target) ? target : null
  })
}
