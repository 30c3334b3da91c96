// The contract of drafts: a sheet read into a draft batch in the background, its review (rows, fixes of a
// cell, exclusions, the column-wide fixes) and how far reading has got.
import { z } from 'zod'
import { COUNTRIES } from '../checks/inputs'
import { CSV_ENCODINGS, MAX_SHEET_COLUMNS } from '../sheets/types'
import type { ImportedRow, ImportSummary, MappingTarget } from '../sheets/types'
import { MAPPING_TARGETS } from '../sheets/fields'
import type { DraftFixes, DraftRead, DraftView } from '../batch'
import { batchId, fileId, sheetRow } from './fields'

const mappingTargetSchema = z.enum(MAPPING_TARGETS as [MappingTarget, ...MappingTarget[]])

export const columnMappingSchema = z
  .object({
    headers: z.array(z.string().max(500)).max(MAX_SHEET_COLUMNS),
    targets: z.array(mappingTargetSchema.nullable()).max(MAX_SHEET_COLUMNS),
    defaults: z
      .object({ country: z.enum(COUNTRIES).optional(), type: z.string().min(1).max(64).optional() })
      .strict()
  })
  .strict()
  .refine((m) => m.headers.length === m.targets.length, 'Every column needs a target (or none).')

/** What an edit did: the rows it changed (up to a page of them), how many it changed, and the new counts. */
const rowEditResultSchema = z.object({
  rows: z.array(z.custom<ImportedRow>()),
  changed: z.number(),
  summary: z.custom<ImportSummary>()
})

export const draftChannels = {
  /** Reads the whole sheet into a new draft batch, in the background; `drafts:status` events tell how far. */
  'drafts:open': {
    input: z
      .object({
        fileId,
        sheet: z.string().max(200),
        headerRow: sheetRow.optional(),
        encoding: z.enum(CSV_ENCODINGS).optional(),
        mapping: columnMappingSchema,
        name: z.string().trim().min(1).max(120).optional()
      })
      .strict(),
    output: z.object({ batchId: z.string() })
  },
  /** What a draft was read with and how far reading has got, e.g. to continue reviewing it after a restart. */
  'drafts:status': { input: z.object({ batchId }).strict(), output: z.custom<DraftView>() },
  /** Stops reading the file; the draft stays, marked as not read to the end, until it is discarded. */
  'drafts:cancel': { input: z.object({ batchId }).strict(), output: z.null() },
  /**
   * Removes a draft with its rows. `keepFile`: the wizard reads the same file again (another mapping, a read it
   * stopped), so an uploaded copy stays for the next draft; otherwise it goes with the draft.
   */
  'drafts:discard': {
    input: z.object({ batchId, keepFile: z.boolean().optional() }).strict(),
    output: z.null()
  },
  /**
   * Reads the file of a draft whose read did not reach the end (Lote stopped, the read was cancelled or failed)
   * again from the start, into the same draft; `drafts:status` events tell how far.
   */
  'drafts:reread': { input: z.object({ batchId }).strict(), output: z.null() },
  'drafts:rows': {
    input: z
      .object({
        batchId,
        filter: z.enum(['all', 'problems', 'errors', 'excluded']),
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(1000)
      })
      .strict(),
    output: z.object({ rows: z.array(z.custom<ImportedRow>()), total: z.number() })
  },
  'drafts:summary': { input: z.object({ batchId }).strict(), output: z.custom<ImportSummary>() },
  'drafts:editCell': {
    input: z
      .object({ batchId, row: sheetRow, column: z.string().max(500), value: z.string().max(1000) })
      .strict(),
    output: rowEditResultSchema
  },
  'drafts:setExcluded': {
    input: z.object({ batchId, rows: z.array(sheetRow).min(1).max(100_000), excluded: z.boolean() }).strict(),
    output: rowEditResultSchema
  },
  /** Excludes, or includes again, every row a review filter shows (all rows with errors, say), however many. */
  'drafts:setExcludedWhere': {
    input: z
      .object({ batchId, filter: z.enum(['problems', 'errors', 'excluded']), excluded: z.boolean() })
      .strict(),
    output: rowEditResultSchema
  },

  /** The column-wide fixes a draft offers (date columns, repeated rows, rows with errors) and what can be undone. */
  'drafts:fixes': { input: z.object({ batchId }).strict(), output: z.custom<DraftFixes>() },
  /** Excludes every row with errors, or every row repeating an earlier row's document, as one undoable action. */
  'drafts:excludeAll': {
    input: z.object({ batchId, which: z.enum(['errors', 'duplicates']) }).strict(),
    output: rowEditResultSchema
  },
  /** Includes again the rows of the last column-wide exclusion. */
  'drafts:undoExclusion': { input: z.object({ batchId }).strict(), output: rowEditResultSchema },
  /** Reads a date column's slash dates day first or month first, checking every row again. */
  'drafts:setDateOrder': {
    input: z.object({ batchId, column: z.string().max(500), order: z.enum(['dmy', 'mdy']) }).strict(),
    output: rowEditResultSchema
  }
} as const

export const draftEvents = {
  /** How far reading a draft's file has got: while it reads (a few times a second), then once it ends. */
  'drafts:status': z.object({ batchId: z.string(), read: z.custom<DraftRead>() })
} as const
