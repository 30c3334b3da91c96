// The contract of files and import: spreadsheets the analyst opens (dropped, picked, recent, a sample), saving
// a file Lote made, and reading a sheet's headers and first rows to suggest a mapping.
import { z } from 'zod'
import { COUNTRIES, CUSTOM_TYPE_KINDS } from '../checks/inputs'
import { CSV_ENCODINGS, MAX_SHEET_COLUMNS } from '../sheets/types'
import type { MappingSuggestion, WorkbookInfo } from '../sheets/types'
import { fileId, none, sheetRow } from './fields'

export const fileRefSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number(),
  /** For a bundled sample: what it is about, as its index says. */
  sample: z.object({ country: z.string(), type: z.string() }).optional()
})
export type FileRefView = z.infer<typeof fileRefSchema>

export const sampleSchema = z.object({
  file: z.string(),
  country: z.string(),
  type: z.string(),
  description: z.record(z.string(), z.string())
})

export const fileChannels = {
  /** Desktop only: a path the analyst dropped or picked. */
  'files:register': {
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: fileRefSchema
  },
  /** A spreadsheet of the Start screen's recent list, by its id (desktop and browser alike). */
  'files:openRecent': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: fileRefSchema },
  /** Desktop only: the system's open dialog. Null when the analyst closed it. */
  'files:pick': { input: none, output: fileRefSchema.nullable() },
  /**
   * Desktop only: the system's save dialog for a file Lote made. The name it was saved under (where it went
   * stays in the backend, which opens the next dialog there); null when the analyst closed the dialog.
   */
  'files:saveAs': {
    input: z.object({ fileId }).strict(),
    output: z.object({ name: z.string() }).strict().nullable()
  },
  'files:samples': { input: none, output: z.array(sampleSchema) },
  'files:openSample': {
    input: z.object({ file: z.string().regex(/^[\w.-]+\.(xlsx|csv)$/) }).strict(),
    output: fileRefSchema
  },

  'import:inspect': {
    input: z
      .object({
        fileId,
        sheet: z.string().max(200).optional(),
        headerRow: sheetRow.optional(),
        includeHidden: z.boolean().optional(),
        encoding: z.enum(CSV_ENCODINGS).optional()
      })
      .strict(),
    output: z.custom<WorkbookInfo>()
  },
  'import:suggest': {
    input: z
      .object({
        headers: z.array(z.string().max(500)).max(MAX_SHEET_COLUMNS),
        country: z.enum(COUNTRIES).optional(),
        type: z.string().max(200).optional(),
        /** What the batch's custom type checks, when it is one: only that kind's inputs are offered. */
        customKind: z.enum(CUSTOM_TYPE_KINDS).nullable().optional(),
        /** The first rows below the header (dates arrive as ISO strings through the browser host). */
        samples: z
          .array(
            z
              .array(z.union([z.string().max(2000), z.number(), z.boolean(), z.null(), z.date()]))
              .max(MAX_SHEET_COLUMNS)
          )
          .max(100)
          .optional()
      })
      .strict(),
    output: z.object({ suggestions: z.array(z.custom<MappingSuggestion>()), saved: z.boolean() })
  }
} as const
