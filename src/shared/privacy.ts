// The vocabulary of retention and erasure, shared by the backend, the screens and the `lote` command.
import { z } from 'zod'

/** One row of a batch or draft that holds the person being erased. */
export interface PersonTrace {
  batchId: string
  batchName: string
  /** The row is in a draft that has not run. */
  draft: boolean
  /** The sheet's row number. */
  row: number
  seq: number
  country: string | null
  /** Every check made for the row (re-runs included). */
  checkIds: string[]
  /** Files kept for those checks (Truora PDFs). */
  files: number
}

/** An export Lote wrote for a batch that held the person: Lote cannot reach it, the analyst deletes it. */
export interface WrittenExport {
  batchId: string
  fileName: string
  format: string
  rows: number
  at: string
}

export interface PersonSearch {
  traces: PersonTrace[]
  exports: WrittenExport[]
}

export type TruoraDeletion =
  | { checkId: string; outcome: 'deleted' }
  | { checkId: string; outcome: 'already-gone' }
  | { checkId: string; outcome: 'failed'; message: string }

export interface Erasure {
  rows: number
  checks: number
  files: number
  batches: number
  exports: WrittenExport[]
  /** Present when the analyst asked to delete the checks at Truora too. */
  truora: TruoraDeletion[] | null
}

export const personQuerySchema = z
  .object({
    document: z.string().trim().min(3).max(40).optional(),
    name: z.string().trim().min(3).max(120).optional(),
    country: z.string().length(2).optional()
  })
  .strict()
  .refine((q) => Boolean(q.document || q.name), { message: 'Give a document number or a name.' })
export type PersonQueryInput = z.infer<typeof personQuerySchema>

/** How long a connection keeps personal data after a batch finishes: off (kept) or a number of days. */
export const retentionSchema = z.union([z.literal('off'), z.number().int().min(1).max(3650)])
export type Retention = z.infer<typeof retentionSchema>

export interface RetentionState {
  batchId: string
  name: string
  status: string
  profileId: string | null
  finishedAt: string | null
  /** When the batch's personal data is due to be purged; null when it is kept (retention off, not finished). */
  purgeDueAt: string | null
  extendedUntil: string | null
  extensionReason: string | null
  purgedAt: string | null
}

/** What remains of a purged batch: no personal data. */
export interface PurgeRecord {
  purgedAt: string
  rows: number
  counts: Record<string, number>
  risks: Record<string, number>
  checkIds: string[]
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  files: number
}

/** The data protection law each country's analysts work under, as the authorisation statement names it. */
export const DATA_PROTECTION_LAWS: Readonly<Record<string, string>> = {
  BR: 'LGPD (Lei 13.709/2018)',
  CL: 'Ley 19.628 / Ley 21.719',
  CO: 'Ley 1581 de 2012',
  CR: 'Ley 8968',
  MX: 'LFPDPPP',
  PE: 'Ley 29733'
}
