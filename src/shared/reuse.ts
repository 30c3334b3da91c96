// The vocabulary of reuse, shared by the application layer, the contract and the review step: what starting a
// draft will do with its rows, and the earlier checks offered instead of new ones.
import type { RiskLevel } from './batch'

export type ReuseChoice = 'reuse' | 'check'

/** One check of a person (company, vehicle) as their history lists it. */
export interface SubjectCheckView {
  checkId: string
  batchId: string
  batchName: string
  /** Sheet row of the row that made the check. */
  row: number
  country: string
  type: string
  status: string
  score: number | null
  risk: RiskLevel
  /** When Truora made the check (when Lote first saw it, if Truora did not say). */
  checkedAt: string
  /** Datasets where something was found. */
  found: string[]
}

/** What starting a draft will do with its rows. */
export interface ReuseSummary {
  /** The reuse window in days; 0 = off. */
  windowDays: number
  /** Rows with a recent check of their subject. */
  matched: number
  /** Rows that will take an earlier result (no request to Truora). */
  reused: number
  /** Rows repeating an earlier row's document, which share its check. */
  grouped: number
  /** New checks by check type and country. */
  newChecks: { country: string; type: string; checks: number }[]
}

/** A row with a recent check of its subject, as the review step lists it. */
export interface ReuseMatch {
  seq: number
  row: number
  /** The row's name and document, as the analyst typed them. */
  name: string
  document: string
  choice: ReuseChoice
  /** The earlier check: its date, score, risk, what it found, and the batch that made it. */
  previous: Omit<SubjectCheckView, 'row' | 'country' | 'type' | 'status'>
}

export interface ReusePreview extends ReuseSummary {
  rows: ReuseMatch[]
}
