// How one Sandbox check unfolds. At creation its whole future is fixed (outcome, which databases finish
// when and how); reads then compute the state at the current simulated time. Same inputs and seed, same story.
import { databasesFor, FIRST_NAMES, LAST_NAMES, type Database, type Dataset, type Weights } from './catalog'
import { outcomeFor, type Outcome } from './magic-inputs'
import { seededPick, seededUnit } from './seeded'

const SECOND = 1000
/** A delayed database waits this long (simulated) before it answers. */
export const DELAY_MS = 6 * 3600 * SECOND

export interface DatabasePlan {
  db: Database
  /** Simulated ms after creation when the database answers. */
  finishAt: number
  final: 'completed' | 'error'
  /** For the delayed outcome: the database shows `delayed` from finishAt until this. */
  delayedUntil?: number
  found: 'none' | 'by_id' | 'by_name'
}

/** Knobs that give a check an unusual end (docs/sandbox.md): decided once, when the check is created. */
export interface UnusualEnds {
  unknownStatusRate: number
  unknownStatus: string
  stuckRate: number
}

export interface CheckPlan {
  outcome: Outcome
  /** A final status other than completed/error, given by the `unknownStatusRate` knob. */
  unknownFinal?: string
  /** Stays `delayed` for ever (`stuckRate`). */
  stuck?: boolean
  queueMs: number
  weights: Weights
  databases: DatabasePlan[]
  firstName: string
  lastName: string
}

export type DatabaseState = 'pending' | 'delayed' | 'completed' | 'error'

export function planCheck(
  country: string,
  type: string,
  inputs: Record<string, string>,
  weights: Weights,
  seed: number,
  unusual: UnusualEnds = { unknownStatusRate: 0, unknownStatus: 'expired', stuckRate: 0 },
  earlierChecks = 0
): CheckPlan {
  const outcome = outcomeFor(inputs, seed, earlierChecks)
  const key = JSON.stringify([country, type, Object.entries(inputs).sort()])
  const stuck = seededUnit('stuck', seed, key) < unusual.stuckRate
  const unknownFinal =
    !stuck && seededUnit('unknown-status', seed, key) < unusual.unknownStatusRate
      ? unusual.unknownStatus
      : undefined
  const queueMs = Math.round((1 + 2 * seededUnit('queue', seed, key)) * SECOND)
  const databases = databasesFor(country, weights)
  const erroring = new Set(
    outcome === 'error'
      ? databases.slice(0, Math.max(1, Math.ceil(databases.length / 2))).map((db) => db.short)
      : []
  )
  const delayedDb =
    outcome === 'delayed' || stuck
      ? (databases.find((db) => db.dataSet === 'criminal_record') ?? databases[0])
      : null
  const plans = databases.map((db): DatabasePlan => {
    const finishAt = queueMs + Math.round((3 + 22 * seededUnit('finish', seed, key, db.short)) * SECOND)
    let found: DatabasePlan['found'] = 'none'
    if (outcome === 'criminal_record' && db.dataSet === 'criminal_record') found = 'by_id'
    if (outcome === 'homonyms' && db.dataSet === 'criminal_record') found = 'by_name'
    return {
      db,
      finishAt,
      final: erroring.has(db.short) ? 'error' : 'completed',
      delayedUntil: db === delayedDb ? (stuck ? Infinity : finishAt + DELAY_MS) : undefined,
      found
    }
  })
  return {
    outcome,
    ...(unknownFinal ? { unknownFinal } : {}),
    ...(stuck ? { stuck } : {}),
    queueMs,
    weights,
    databases: plans,
    firstName: inputs.first_name || seededPick(FIRST_NAMES, 'first', seed, key),
    lastName: inputs.last_name || seededPick(LAST_NAMES, 'last', seed, key)
  }
}

export function databaseState(plan: DatabasePlan, elapsed: number): DatabaseState {
  if (elapsed < plan.finishAt) return 'pending'
  if (plan.delayedUntil !== undefined && elapsed < plan.delayedUntil) return 'delayed'
  return plan.final
}

export type CheckStatusName =
  'not_started' | 'in_progress' | 'delayed' | 'completed' | 'error' | (string & {})

/** Waiting statuses; everything else is final. */
export function isWaitingStatus(status: string): boolean {
  return status === 'not_started' || status === 'in_progress' || status === 'delayed'
}

export function checkStatus(plan: CheckPlan, elapsed: number): CheckStatusName {
  if (elapsed < plan.queueMs) return 'not_started'
  const states = plan.databases.map((db) => databaseState(db, elapsed))
  if (states.includes('pending')) return 'in_progress'
  if (states.includes('delayed')) return 'delayed'
  if (plan.unknownFinal) return plan.unknownFinal
  const errors = states.filter((state) => state === 'error').length
  // Truora: a check ends in error when more than 30% of its sources did.
  return states.length > 0 && errors / states.length > 0.3 ? 'error' : 'completed'
}

/** Simulated ms after creation when the status last changed. */
export function lastChangeAt(plan: CheckPlan, elapsed: number): number {
  let last = elapsed >= plan.queueMs ? plan.queueMs : 0
  for (const db of plan.databases) {
    if (elapsed >= db.finishAt) last = Math.max(last, db.finishAt)
    if (db.delayedUntil !== undefined && Number.isFinite(db.delayedUntil) && elapsed >= db.delayedUntil)
      last = Math.max(last, db.delayedUntil)
  }
  return last
}

export interface ScoreDetailView {
  result: string
  score: number
  severity: string
}

export interface DatasetView extends ScoreDetailView {
  data_set: Dataset
  by_id: ScoreDetailView
  by_name: ScoreDetailView
}

const PENDING: ScoreDetailView = { result: 'pending', score: 1, severity: 'unknown' }
const CLEAN: ScoreDetailView = { result: 'not_found', score: 1, severity: 'none' }

/** Per-dataset results at this moment. */
export function datasetViews(plan: CheckPlan, elapsed: number): DatasetView[] {
  const views: DatasetView[] = []
  for (const dataSet of Object.keys(plan.weights) as Dataset[]) {
    const dbs = plan.databases.filter((db) => db.db.dataSet === dataSet)
    if (dbs.length === 0) continue
    const states = dbs.map((db) => databaseState(db, elapsed))
    let byId: ScoreDetailView
    let byName: ScoreDetailView
    if (states.some((state) => state === 'pending' || state === 'delayed')) {
      byId = byName = PENDING
    } else if (states.includes('error')) {
      byId = byName = { result: 'error', score: 1, severity: 'unknown' }
    } else if (dbs.some((db) => db.found === 'by_id')) {
      byId = byName = { result: 'found', score: 0, severity: 'high' }
    } else if (dbs.some((db) => db.found === 'by_name')) {
      byId = CLEAN
      byName = { result: 'found', score: 0.2, severity: 'medium' }
    } else if (dataSet === 'personal_identity') {
      byId = byName =
        plan.outcome === 'identity_not_found'
          ? { result: 'not_found', score: 0, severity: 'high' }
          : { result: 'found', score: 1, severity: 'none' }
    } else {
      byId = byName = CLEAN
    }
    // The dataset is "found" when anything was found; its score counts only what the ID validated.
    const result = byName.result === 'found' ? 'found' : byId.result
    const severity = byId.result !== 'found' && byName.result === 'found' ? 'low' : byId.severity
    views.push({ data_set: dataSet, result, score: byId.score, severity, by_id: byId, by_name: byName })
  }
  return views
}

/** Weighted average of one kind of score over the datasets that have one. */
export function weightedScore(
  plan: CheckPlan,
  views: DatasetView[],
  pick: (view: DatasetView) => ScoreDetailView
): number {
  let total = 0
  let weight = 0
  for (const view of views) {
    const detail = pick(view)
    if (detail.result === 'error') continue
    const w = plan.weights[view.data_set] ?? 0
    total += w * detail.score
    weight += w
  }
  return weight === 0 ? 1 : Math.round((total / weight) * 1e4) / 1e4
}
