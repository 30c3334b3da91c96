// How a check reads to an analyst: its risk level and every signal behind it. The rules are the table in
// docs/risk.md, written for a compliance officer; this file and test/unit/batch/risk.test.ts follow it line
// by line. A wrong verdict is the worst bug Lote can ship, so when in doubt a rule asks for a look: only a
// `completed` check with a usable score and nothing against it is low risk. Pure: the store judges checks
// with it and the renderer may import it.
import { isAtLeastMedium, isSevere, normaliseSeverity, type Severity } from './severity'
import { classifyCheckStatus } from './statuses'
import type { RiskLevel, RiskReason } from '../batch'

/** One route's answer for a dataset (by document, by name), as the Truora client reads it. */
interface RouteAnswer {
  result: string | null
  score: number | null
  severity: string | null
}

/**
 * What the rules read of a check: the Truora client's reading of it (src/main/truora/types.ts `Check`
 * has this shape), with `raw` for the fields the client does not model (wrong_inputs, company and vehicle
 * summaries).
 */
export interface RiskInput {
  status: string
  score: number | null
  idScore: number | null
  nameScore: number | null
  scores: (RouteAnswer & { dataSet: string; byId: RouteAnswer | null; byName: RouteAnswer | null })[]
  statuses: { databaseId: string | null; databaseName: string; status: string }[]
  summary: { identityStatus: string | null } | null
  raw: Record<string, unknown>
}

type DatasetScore = RiskInput['scores'][number]

/** Below this score (global or ID) a check is high risk. Truora scores run 0..1, 1 = low risk. */
export const HIGH_RISK_BELOW = 0.5
/** Below this it needs review. */
export const REVIEW_BELOW = 0.8

/** Rules that produce stored levels change only with this number; the store re-reads older checks. */
export const RISK_RULES_VERSION = 2

/**
 * Datasets where `found` is the good answer: the registry knows the document, the plate or the company.
 * Anywhere else, anything found is a record about the person.
 */
const CONFIRMING_DATASETS = new Set(['personal_identity', 'vehicle_information', 'business_background'])

/** Dataset results that are an answer; the others (error, pending, delayed) mean it was not consulted. */
const ANSWERED_RESULTS = new Set(['found', 'not_found', 'ignored'])

const RECORD_CODES: ReadonlySet<string> = new Set([
  'severe-record',
  'severe-namesake',
  'record-found',
  'namesake'
])

const RANK: Record<RiskLevel, number> = { high: 4, medium: 3, unknown: 2, pending: 1, low: 0 }

export interface RiskAssessment {
  level: RiskLevel
  reasons: RiskReason[]
}

/** One dataset as Lote stores and shows it: the severity and score of the match that decided it. */
export interface DatasetOutcome {
  dataSet: string
  result: string | null
  severity: Severity | null
  /** Null unless the check is completed and the dataset gave an answer. */
  score: number | null
  /** How the record was matched: by the document number (`id`) or only by the name (`name`). */
  foundBy: 'id' | 'name' | null
}

function word(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase()
}

function matchOf(d: DatasetScore): 'id' | 'name' | null {
  if (word(d.byId?.result) === 'found') return 'id'
  if (word(d.byName?.result) === 'found') return 'name'
  if (word(d.result) !== 'found') return null
  // Found, but the ID route says it found nothing: the record came by name.
  return d.byId && word(d.byId.result) !== '' ? 'name' : 'id'
}

/** A usable score: a number in 0..1 (Truora sends -1 before it has one). */
function usable(score: number | null): score is number {
  return score !== null && Number.isFinite(score) && score >= 0 && score <= 1
}

export function isCompleted(status: string): boolean {
  return word(status) === 'completed'
}

/**
 * Each dataset with the severity of the route that found it (so the dataset and the database that found the
 * record read the same), and a score only when the check is completed and the dataset answered.
 */
export function datasetOutcomes(check: RiskInput): DatasetOutcome[] {
  const completed = isCompleted(check.status)
  return check.scores
    .filter((d) => d.dataSet !== '')
    .map((d) => {
      const foundBy = matchOf(d)
      const route = foundBy === 'id' ? d.byId : foundBy === 'name' ? d.byName : null
      const result = word(d.result) || null
      return {
        dataSet: d.dataSet,
        result,
        severity: normaliseSeverity(route?.severity ?? d.severity) ?? normaliseSeverity(d.severity),
        score: completed && ANSWERED_RESULTS.has(result ?? '') && usable(d.score) ? d.score : null,
        foundBy
      }
    })
}

/** The scores Lote keeps for a check: none unless it is completed, and never Truora's -1 placeholder. */
export function keptScores(check: RiskInput): {
  score: number | null
  idScore: number | null
  nameScore: number | null
} {
  if (!isCompleted(check.status)) return { score: null, idScore: null, nameScore: null }
  return {
    score: usable(check.score) ? check.score : null,
    idScore: usable(check.idScore) ? check.idScore : null,
    nameScore: usable(check.nameScore) ? check.nameScore : null
  }
}

function rawText(source: unknown, key: string): string {
  if (typeof source !== 'object' || source === null) return ''
  const value = (source as Record<string, unknown>)[key]
  return typeof value === 'string' ? value.trim().toLowerCase() : ''
}

/** `wrong_inputs: [{input: "date_of_birth"}]` (documented) or plain names. */
function wrongInputs(raw: Record<string, unknown>): string[] {
  const list = Array.isArray(raw.wrong_inputs) ? raw.wrong_inputs : []
  return list
    .map((entry) =>
      typeof entry === 'string'
        ? entry
        : typeof entry === 'object' && entry !== null
          ? String((entry as Record<string, unknown>).input ?? (entry as Record<string, unknown>).name ?? '')
          : ''
    )
    .filter((name) => name !== '')
}

function scoreReason(value: number, kind: 'score' | 'id'): RiskReason | null {
  if (value < HIGH_RISK_BELOW) return { code: 'score-high', level: 'high', score: value, scoreKind: kind }
  if (value < REVIEW_BELOW) return { code: 'score-review', level: 'medium', score: value, scoreKind: kind }
  return null
}

/** Every signal of a check, and the level they add up to (the most serious one). */
export function assessRisk(check: RiskInput): RiskAssessment {
  const reasons: RiskReason[] = []
  const status = word(check.status)
  const kind = classifyCheckStatus(status)
  const completed = kind === 'completed'
  const raw = check.raw ?? {}

  // Identity: the registry does not know the document, or knows its holder died.
  const identity = word(check.summary?.identityStatus ?? rawText(raw.summary, 'identity_status'))
  const identityDataset = check.scores.find((d) => d.dataSet === 'personal_identity')
  if (identity === 'dead') reasons.push({ code: 'identity-dead', level: 'high' })
  else if (
    identity === 'not_found' ||
    (identityDataset && word(identityDataset.byId?.result ?? identityDataset.result) === 'not_found')
  )
    reasons.push({ code: 'identity-not-found', level: 'high', dataSet: 'personal_identity' })
  if (rawText(raw.company_summary, 'company_status') === 'not_found')
    reasons.push({ code: 'company-not-found', level: 'high' })
  if (rawText(raw.vehicle_summary, 'vehicle_status') === 'not_found')
    reasons.push({ code: 'vehicle-not-found', level: 'high' })

  // Records found, by document or by name only, and severities.
  const notScored: string[] = []
  for (const d of check.scores) {
    if (d.dataSet === '') continue
    const foundBy = matchOf(d)
    const route = foundBy === 'id' ? d.byId : foundBy === 'name' ? d.byName : null
    const severity = normaliseSeverity(route?.severity ?? d.severity) ?? undefined
    const about = { dataSet: d.dataSet, ...(severity ? { severity } : {}) }
    if (foundBy === 'id') {
      if (isSevere(severity)) reasons.push({ code: 'severe-record', level: 'high', ...about })
      else if (!CONFIRMING_DATASETS.has(d.dataSet) || isAtLeastMedium(severity))
        reasons.push({ code: 'record-found', level: 'medium', ...about })
    } else if (foundBy === 'name') {
      if (isSevere(severity)) reasons.push({ code: 'severe-namesake', level: 'high', ...about })
      else if (!CONFIRMING_DATASETS.has(d.dataSet) || isAtLeastMedium(severity))
        reasons.push({ code: 'namesake', level: 'medium', ...about })
    } else if (
      isSevere(d.severity) &&
      !(d.dataSet === 'personal_identity' && reasons.some((r) => r.code === 'identity-not-found'))
    ) {
      // Severity high on a dataset with nothing found: Truora rates the absence itself as serious.
      reasons.push({ code: 'dataset-severe', level: 'high', ...about })
    }
    if (completed && !ANSWERED_RESULTS.has(word(d.result))) notScored.push(d.dataSet)
  }

  const wrong = wrongInputs(raw)
  if (wrong.length > 0) reasons.push({ code: 'wrong-inputs', level: 'medium', items: wrong })

  // Databases that could not be consulted: a completed verdict built on part of the sources.
  const missing = [
    ...new Set(
      check.statuses
        .filter((s) => word(s.status) !== 'completed')
        .map((s) => s.databaseName || s.databaseId || '?')
    )
  ]
  if (completed && missing.length > 0)
    reasons.push({ code: 'databases-not-consulted', level: 'medium', items: missing })
  if (notScored.length > 0) reasons.push({ code: 'datasets-not-scored', level: 'medium', items: notScored })

  // Scores, only for a completed check: before that they are placeholders.
  if (completed) {
    const scores = keptScores(check)
    if (scores.score === null) reasons.push({ code: 'no-score', level: 'unknown' })
    else {
      const reason = scoreReason(scores.score, 'score')
      if (reason) reasons.push(reason)
    }
    if (scores.idScore !== null && scores.idScore !== scores.score) {
      const reason = scoreReason(scores.idScore, 'id')
      if (reason) reasons.push(reason)
    }
    // A low name score is explained by any record already listed (a record found by document matches the name
    // too); alone, it says that records match the name only.
    const recordListed = reasons.some((r) => RECORD_CODES.has(r.code))
    if (scores.nameScore !== null && scores.nameScore < REVIEW_BELOW && !recordListed)
      reasons.push({ code: 'name-score', level: 'medium', score: scores.nameScore, scoreKind: 'name' })
  } else if (kind === 'error')
    reasons.push({
      code: 'check-error',
      level: 'unknown',
      status,
      ...(missing.length ? { items: missing } : {})
    })
  else if (kind === 'waiting') reasons.push({ code: 'check-not-finished', level: 'pending', status })
  else reasons.push({ code: 'check-status-unrecognised', level: 'unknown', status: check.status })

  return { level: combinedLevel(reasons), reasons: sortReasons(reasons) }
}

/** The most serious level among the reasons; low when there is none. */
export function combinedLevel(reasons: readonly RiskReason[]): RiskLevel {
  let level: RiskLevel = 'low'
  for (const reason of reasons) if (RANK[reason.level] > RANK[level]) level = reason.level
  return level
}

function sortReasons(reasons: RiskReason[]): RiskReason[] {
  return reasons
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => RANK[b.reason.level] - RANK[a.reason.level] || a.index - b.index)
    .map(({ reason }) => reason)
}

/**
 * Rows an analyst must look at before signing: every row sent to Truora that is not low risk, including the
 * ones with no check (it could not be created, or the batch was cancelled) and the ones still running.
 * Rows never sent (errors in the file, excluded) are counted apart.
 */
export function needsAttention(row: { risk: RiskLevel | null; state: string }): boolean {
  if (row.state === 'skipped') return false
  return row.risk !== 'low'
}
