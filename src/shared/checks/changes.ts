// What changed between two checks of the same person, company or vehicle: the score going up or down, datasets
// where something is newly found or no longer found, databases that answered differently, and the identity
// status. Pure, so the store, the exports and the screens all describe a change the same way (in words, in the
// analyst's language: ../change-text.ts).
import type { RiskLevel } from '../batch'

/** What of a completed check takes part in a comparison. */
export interface CheckSnapshot {
  checkId: string
  checkedAt: string
  status: string
  score: number | null
  risk: RiskLevel
  /** Per dataset: whether something was found, and how severe. */
  datasets: Record<string, { result: string | null; severity: string | null }>
  /** How each database answered (completed, error, …). */
  databases: { name: string; status: string }[]
  /** Truora's summary.identity_status (found, not_found…), when it gives one. */
  identityStatus: string | null
}

export interface ChangeSummary {
  /** The earlier check of the two. */
  previous: { checkId: string; checkedAt: string; batchId: string | null; batchName: string | null }
  score: { from: number | null; to: number | null; direction: 'up' | 'down' | 'same' }
  risk: { from: RiskLevel; to: RiskLevel }
  /** Datasets with something found now that had nothing before. */
  found: string[]
  /** Datasets where something was found before and nothing is now. */
  cleared: string[]
  /** Databases of both checks that answered differently. */
  databases: { name: string; from: string; to: string }[]
  /** Set when Truora's identity status differs. */
  identity: { from: string | null; to: string | null } | null
  /** Whether anything above changed. */
  changed: boolean
}

/** Scores are 0..1 with four decimals at most; smaller differences are noise. */
const SCORE_EPSILON = 1e-4

function isFound(entry: { result: string | null } | undefined): boolean {
  return entry?.result === 'found'
}

export function compareChecks(
  previous: CheckSnapshot,
  current: CheckSnapshot,
  previousBatch: { batchId: string | null; batchName: string | null } = { batchId: null, batchName: null }
): ChangeSummary {
  const from = previous.score !== null && previous.score >= 0 ? previous.score : null
  const to = current.score !== null && current.score >= 0 ? current.score : null
  const direction =
    from === null || to === null || Math.abs(to - from) < SCORE_EPSILON ? 'same' : to > from ? 'up' : 'down'
  const names = [...new Set([...Object.keys(previous.datasets), ...Object.keys(current.datasets)])].sort()
  const found = names.filter((name) => isFound(current.datasets[name]) && !isFound(previous.datasets[name]))
  const cleared = names.filter((name) => isFound(previous.datasets[name]) && !isFound(current.datasets[name]))
  const before = new Map(previous.databases.map((db) => [db.name, db.status]))
  const databases = current.databases
    .filter((db) => before.has(db.name) && before.get(db.name) !== db.status)
    .map((db) => ({ name: db.name, from: before.get(db.name) as string, to: db.status }))
  const identity =
    previous.identityStatus !== current.identityStatus
      ? { from: previous.identityStatus, to: current.identityStatus }
      : null
  const changed =
    direction !== 'same' ||
    previous.risk !== current.risk ||
    found.length > 0 ||
    cleared.length > 0 ||
    databases.length > 0 ||
    identity !== null
  return {
    previous: { checkId: previous.checkId, checkedAt: previous.checkedAt, ...previousBatch },
    score: { from, to, direction },
    risk: { from: previous.risk, to: current.risk },
    found,
    cleared,
    databases,
    identity,
    changed
  }
}
