// The contract of batches: what starting one will check, reuse and cost, starting it with the analyst's
// authorisation, following and stopping it, checking its people again; and each connection's reuse window
// and prices.
import { z } from 'zod'
import { ENGINES, ROW_FAILURE_CODES, type BatchEvent, type BatchView } from '../batch'
import type { ReusePreview, ReuseSummary } from '../reuse'
import { MAX_REUSE_DAYS, type ConnectionPreferences, type CostEstimate } from '../costs'
import { FREQUENCY_PATTERN } from '../checks/account'
import { KEY_STATES, checkPriceSchema } from '../settings'
import { batchId, fileId, isoDay, none, profileId, sheetRow } from './fields'

const continuousSchema = z
  .object({
    frequency: z.string().regex(FREQUENCY_PATTERN, 'Use daily, weekly, monthly, yearly or a count like 2w.'),
    endDate: isoDay
  })
  .strict()

const reuseDays = z.number().int().min(0).max(MAX_REUSE_DAYS)

export const batchStartOptionsSchema = z
  .object({
    engine: z.enum(ENGINES),
    forceCreation: z.boolean().default(false),
    continuous: continuousSchema.optional(),
    concurrency: z.number().int().min(1).max(32).optional(),
    pdfs: z.boolean().optional(),
    /** Stop waiting for a check still waiting after this long (1 minute to 30 days). */
    giveUpAfterMs: z
      .number()
      .int()
      .min(60_000)
      .max(30 * 86_400_000)
      .optional()
  })
  .strict()

export const healthWarningSchema = z.object({
  country: z.string(),
  databases: z.array(z.object({ name: z.string(), status: z.string(), dataSets: z.array(z.string()) })),
  message: z.string()
})

export const batchChannels = {
  'batches:list': { input: none, output: z.array(z.custom<BatchView>()) },
  'batches:get': { input: z.object({ batchId }).strict(), output: z.custom<BatchView>() },
  'batches:preflight': {
    input: z.object({ batchId, continuous: continuousSchema.optional() }).strict(),
    output: z.object({
      checks: z.number(),
      rows: z.number(),
      skipped: z.number(),
      reuse: z.custom<ReuseSummary>(),
      estimate: z.custom<CostEstimate>(),
      statement: z.string(),
      profile: z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(['sandbox', 'truora']),
        /** Anything but `works` keeps the batch from starting (an untested key is tested by the preflight). */
        keyState: z.enum(['missing', ...KEY_STATES])
      }),
      warnings: z.array(healthWarningSchema),
      healthError: z.string().nullable()
    })
  },
  'batches:start': {
    input: z
      .object({
        batchId,
        options: batchStartOptionsSchema,
        authorization: z
          .object({
            accepted: z.literal(true),
            statement: z.string().min(1).max(2000),
            /** The data protection law the statement names. */
            law: z.string().trim().max(200).optional(),
            /** Signed consent files the analyst attached (files registered with files:pick). */
            consentFiles: z.array(fileId).max(20).optional(),
            requestId: z.string().trim().max(200).optional(),
            formVersion: z.string().trim().max(100).optional()
          })
          .strict()
      })
      .strict(),
    output: z.object({ batch: z.custom<BatchView>(), warnings: z.array(healthWarningSchema) })
  },
  'batches:pause': { input: z.object({ batchId }).strict(), output: z.custom<BatchView>() },
  'batches:resume': { input: z.object({ batchId }).strict(), output: z.custom<BatchView>() },
  'batches:cancel': {
    input: z.object({ batchId, collect: z.boolean().default(true) }).strict(),
    output: z.custom<BatchView>()
  },
  'batches:rerunFailed': {
    input: z.object({ batchId }).strict(),
    output: z.object({ rows: z.number(), lookedAgain: z.number(), batch: z.custom<BatchView>() })
  },
  'batches:delete': { input: z.object({ batchId }).strict(), output: z.null() },
  'batches:errors': {
    input: z.object({ batchId }).strict(),
    output: z.array(
      z.object({ row: z.number(), code: z.enum(ROW_FAILURE_CODES).nullable(), message: z.string() })
    )
  },
  /** Answers of Truora that Lote could not read while running the batch (what, and which request). */
  'batches:unknownShapes': {
    input: z.object({ batchId }).strict(),
    output: z.array(z.object({ what: z.string(), request: z.string().nullable(), at: z.string() }))
  },
  /** A new draft that checks the batch's people again (or those of the given sheet rows), new checks forced. */
  'batches:recheck': {
    input: z.object({ batchId, rows: z.array(sheetRow).min(1).max(100_000).optional() }).strict(),
    output: z.custom<BatchView>()
  },

  /** A draft's rows with a recent check of the same person, and what starting it will do. */
  'reuse:preview': {
    input: z
      .object({
        batchId,
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional()
      })
      .strict(),
    output: z.custom<ReusePreview>()
  },
  /** Reuse the earlier result, or check again, for these rows (by seq) or for all. */
  'reuse:choose': {
    input: z
      .object({
        batchId,
        seqs: z.union([z.array(z.number().int().min(0)).min(1).max(100_000), z.literal('all')]),
        choice: z.enum(['reuse', 'check'])
      })
      .strict(),
    output: z.custom<ReuseSummary>()
  },
  'reuse:setWindow': {
    input: z.object({ batchId, days: reuseDays }).strict(),
    output: z.custom<ReuseSummary>()
  },

  /** A connection's reuse window, currency and contract prices. */
  'costs:get': { input: z.object({ profileId }).strict(), output: z.custom<ConnectionPreferences>() },
  'costs:update': {
    input: z
      .object({
        profileId,
        reuseDays: reuseDays.optional(),
        currency: z
          .string()
          .trim()
          .regex(/^[A-Za-z]{3}$/, 'Use a three-letter currency code such as COP, BRL or USD.')
          .optional(),
        prices: z.array(checkPriceSchema).max(500).optional()
      })
      .strict(),
    output: z.custom<ConnectionPreferences>()
  }
} as const

export const batchEvents = {
  'batch:event': z.custom<BatchEvent>()
} as const
