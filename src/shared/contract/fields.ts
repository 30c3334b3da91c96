// Fields several areas of the contract take: ids of what the analyst works with, sheet rows, days, and a file
// Lote made for the analyst.
import { z } from 'zod'

export const none = z.undefined()
export const profileId = z.string().min(1).max(64)
export const fileId = z.string().uuid()
export const batchId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
export const checkId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
export const sheetRow = z.number().int().min(1).max(10_000_000)
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31.')

/** A file Lote made for the analyst: saved through a dialog (desktop) or downloaded (browser). */
export const downloadSchema = z.object({ fileId: z.string(), name: z.string(), size: z.number() })
export type Download = z.infer<typeof downloadSchema>
