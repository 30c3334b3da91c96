// The contract of results: the grid's pages and charts, one check in detail (its databases' answers, summary,
// attachments, PDF), a person's checks and what changed between two, the analyst's decisions, and exports.
import { z } from 'zod'
import { RISK_LEVELS, ROW_STATES } from '../batch'
import { ROW_SORT_KEYS, type CheckView, type DetailView, type RowPage } from '../results'
import {
  ALL_DECISION_REASONS,
  DECISION_FILTERS,
  DECISIONS,
  MAX_DECISION_NOTE,
  type DecisionOutcome,
  type DecisionView
} from '../decisions'
import type { SubjectCheckView } from '../reuse'
import type { ChangeSummary } from '../checks/changes'
import { LANGUAGES } from '../settings'
import { batchId, checkId, downloadSchema } from './fields'

export const rowQuerySchema = z
  .object({
    states: z.array(z.enum(ROW_STATES)).optional(),
    importStatuses: z.array(z.enum(['ok', 'warning', 'error', 'excluded'])).optional(),
    checkStatuses: z.array(z.string().max(32)).max(10).optional(),
    risks: z.array(z.enum(RISK_LEVELS)).optional(),
    scoreMin: z.number().min(0).max(1).optional(),
    scoreMax: z.number().min(0).max(1).optional(),
    datasetFound: z.string().max(64).optional(),
    text: z.string().max(200).optional(),
    decisions: z.array(z.enum(DECISION_FILTERS)).optional(),
    changedOnly: z.boolean().optional(),
    sort: z
      .object({
        by: z.enum(ROW_SORT_KEYS),
        direction: z.enum(['asc', 'desc']).optional()
      })
      .optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional()
  })
  .strict()

export const resultChannels = {
  /** Every check of the person (company, vehicle) a check is about, newest first. */
  'people:history': {
    input: z.object({ checkId }).strict(),
    output: z.object({
      country: z.string().nullable(),
      document: z.string(),
      checks: z.array(z.custom<SubjectCheckView>())
    })
  },
  'people:compare': {
    input: z.object({ first: checkId, second: checkId }).strict(),
    output: z.custom<ChangeSummary>()
  },

  'results:query': {
    input: z.object({ batchId, query: rowQuerySchema }).strict(),
    output: z.custom<RowPage>()
  },
  'results:stats': {
    input: z.object({ batchId }).strict(),
    output: z.object({
      histogram: z.array(z.number()),
      risks: z.record(z.string(), z.number()),
      datasets: z.array(z.string()),
      states: z.record(z.string(), z.number()),
      decisions: z.record(z.string(), z.number()),
      /** Checks whose Truora PDF is downloaded: the zip of them is offered only when there are some. */
      pdfs: z.number()
    })
  },
  'results:check': { input: z.object({ checkId }).strict(), output: z.custom<CheckView>() },
  'results:details': {
    input: z.object({ checkId, lang: z.enum(['es', 'en', 'pt']).optional() }).strict(),
    output: z.array(z.custom<DetailView>())
  },
  'results:summary': { input: z.object({ checkId }).strict(), output: z.object({ text: z.string() }) },
  'results:attachments': {
    input: z.object({ checkId }).strict(),
    output: z.array(
      z.object({
        index: z.number(),
        name: z.string(),
        dataSet: z.string().nullable(),
        databaseName: z.string().nullable()
      })
    )
  },
  'results:attachment': {
    input: z.object({ checkId, index: z.number().int().min(0) }).strict(),
    output: downloadSchema
  },
  'results:pdf': {
    input: z.object({ checkId, lang: z.enum(['es', 'en', 'pt']).optional() }).strict(),
    output: downloadSchema
  },
  'results:deleteCheck': { input: z.object({ checkId }).strict(), output: z.null() },
  /** The analyst's decision on rows: picked ones, or every row the grid's filters match. */
  'decisions:decide': {
    input: z
      .object({
        batchId,
        target: z.union([
          z.object({ seqs: z.array(z.number().int().min(0)).min(1).max(100_000) }).strict(),
          z.object({ matching: rowQuerySchema }).strict()
        ]),
        decision: z.enum(DECISIONS),
        reason: z.enum(ALL_DECISION_REASONS as [string, ...string[]]),
        note: z.string().max(MAX_DECISION_NOTE).optional()
      })
      .strict(),
    output: z.custom<DecisionOutcome>()
  },
  /** A row's current decision and every one taken on it, newest first. */
  'decisions:history': {
    input: z.object({ batchId, seq: z.number().int().min(0) }).strict(),
    output: z.object({
      current: z.custom<DecisionView>().nullable(),
      history: z.array(z.custom<DecisionView>())
    })
  },
  'results:export': {
    input: z
      .object({
        batchId,
        format: z.enum(['xlsx', 'csv', 'pdf', 'pdfs']),
        /** The report's language; the app's language when not given. */
        language: z.enum(LANGUAGES).optional(),
        /** The analyst's time zone (IANA), for the dates; the computer's when not given. */
        timeZone: z.string().max(64).optional(),
        /** csv only; `;` for es and pt-BR and `,` for en when not given. */
        delimiter: z.enum([',', ';', '\t']).optional(),
        /** Puts the export in a zip protected by this password (AES-256). */
        password: z.string().min(8, 'Use a password of at least 8 characters.').max(256).optional()
      })
      .strict(),
    output: downloadSchema
  }
} as const
