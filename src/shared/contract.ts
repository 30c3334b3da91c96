// The IPC contract: every channel between the renderer and the backend, with zod schemas for its request and
// response, and every event the backend pushes. Electron IPC, the preload bridge, the browser host and the
// renderer's api.ts are all built from this one table.
import { z } from 'zod'
import { COUNTRIES, CUSTOM_TYPE_KINDS } from './checks/inputs'
import { CSV_ENCODINGS, MAX_SHEET_COLUMNS } from './sheets/types'
import type {
  ImportedRow,
  ImportSummary,
  MappingSuggestion,
  MappingTarget,
  WorkbookInfo
} from './sheets/types'
import { MAPPING_TARGETS } from './sheets/fields'
import {
  ENGINES,
  RISK_LEVELS,
  ROW_FAILURE_CODES,
  ROW_STATES,
  type BatchEvent,
  type BatchView,
  type DraftRead,
  type DraftFixes,
  type DraftView
} from './batch'
import { ROW_SORT_KEYS, type CheckView, type DetailView, type RowPage } from './results'
import {
  ALL_DECISION_REASONS,
  DECISION_FILTERS,
  DECISIONS,
  MAX_DECISION_NOTE,
  type DecisionOutcome,
  type DecisionView
} from './decisions'
import { auditQuerySchema, type AuditEntry, type AuditVerification } from './audit'
import {
  personQuerySchema,
  retentionSchema,
  type Erasure,
  type PersonSearch,
  type Retention,
  type RetentionState
} from './privacy'
import type { ReusePreview, ReuseSummary, SubjectCheckView } from './reuse'
import type { ChangeSummary } from './checks/changes'
import { MAX_REUSE_DAYS, type ConnectionPreferences, type CostEstimate } from './costs'
import { DATASET_NAMES, weightsProblem } from './checks/datasets'
import {
  CUSTOM_TYPE_COUNTRIES,
  HEALTH_COUNTRIES,
  FREQUENCY_PATTERN,
  RESERVED_TYPE_NAMES,
  maxDurationMinutes
} from './checks/account'
import {
  LANGUAGES,
  baseUrlSchema,
  checkPriceSchema,
  languagePreferenceSchema,
  secretBackendSchema,
  settingsSchema,
  keyVersionSchema,
  KEY_STATES,
  type Language
} from './settings'

const none = z.undefined()
const profileId = z.string().min(1).max(64)

export const profileViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['sandbox', 'truora']),
  checksBaseUrl: z.string().nullable(),
  batchBaseUrl: z.string().nullable(),
  keyVersion: keyVersionSchema,
  keyConfigured: z.boolean(),
  /** `missing` until a key is stored, then what its last use said (the Sandbox's always works). */
  keyState: z.enum(['missing', ...KEY_STATES]),
  active: z.boolean()
})
export type ProfileView = z.infer<typeof profileViewSchema>

/** Why keys cannot be kept: keytar is not installed, or the keychain does not answer. */
export const KEYCHAIN_PROBLEMS = ['module-missing', 'unreachable'] as const

export const keychainStatusSchema = z.object({
  backend: secretBackendSchema.or(z.literal('memory')),
  available: z.boolean(),
  /** Why the keychain cannot be used, as a code the app translates (`keychain.problems.<code>`). */
  code: z.enum(KEYCHAIN_PROBLEMS).optional(),
  /** The same in English with what to do, for the command and the log; the app folds it away. */
  message: z.string().optional(),
  /** True when the app can keep keys encrypted with the OS's safeStorage instead. */
  fallbackAvailable: z.boolean()
})
export type KeychainStatus = z.infer<typeof keychainStatusSchema>

export const noticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string()
})
export type Notice = z.infer<typeof noticeSchema>

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  systemLocale: z.string(),
  notices: z.array(noticeSchema)
})

/**
 * A spreadsheet opened before, as the Start screen offers it: where it sits on disk stays in the backend; the
 * name of its folder tells two files of the same name apart. Opened again by its id (`files:openRecent`).
 */
export const recentFileViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  folder: z.string(),
  openedAt: z.string()
})
export type RecentFileView = z.infer<typeof recentFileViewSchema>

/** Settings as the renderer sees them: no connection list (it has its own channel), no file paths. */
export const publicSettingsSchema = settingsSchema
  .omit({ profiles: true, recentFiles: true, saveFolder: true })
  .extend({ recentFiles: z.array(recentFileViewSchema) })
export type PublicSettings = z.infer<typeof publicSettingsSchema>

export const settingsPatchSchema = z
  .object({
    language: languagePreferenceSchema,
    defaultCountry: z.enum(COUNTRIES),
    defaultCheckType: z.string().trim().min(1).max(64),
    concurrency: z.number().int().min(1).max(32),
    reviewerName: z.string().trim().max(80)
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const apiKeySchema = z
  .string()
  .trim()
  .min(8, 'An API key is longer than that: paste the whole key from the Truora dashboard.')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'An API key has no spaces or accents: paste it exactly as Truora gave it.')

export const newProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    checksBaseUrl: baseUrlSchema.optional(),
    batchBaseUrl: baseUrlSchema.optional(),
    apiKey: apiKeySchema.optional()
  })
  .strict()

export const keyTestSchema = z.object({
  ok: z.boolean(),
  state: z.enum(KEY_STATES),
  code: z.string(),
  message: z.string()
})

export const customTypeSchema = z.object({
  country: z.string(),
  type: z.string(),
  weights: z.array(z.object({ dataSet: z.string(), weight: z.number() })),
  /** What it checks, as its datasets make clear or as the analyst stated; null when nobody knows. */
  kind: z.enum(CUSTOM_TYPE_KINDS).nullable(),
  kindSource: z.enum(['datasets', 'analyst']).nullable()
})
export type CustomTypeView = z.infer<typeof customTypeSchema>

export const customTypeInputSchema = z
  .object({
    country: z.enum(CUSTOM_TYPE_COUNTRIES),
    type: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'Use letters, digits, "-" and "_" only, with no spaces.')
      .refine((t) => !(RESERVED_TYPE_NAMES as readonly string[]).includes(t.toLowerCase()), {
        message: 'person, vehicle and company are Truora’s default types and cannot be changed.'
      }),
    weights: z.partialRecord(z.enum(DATASET_NAMES), z.number().min(0).max(1)),
    mode: z.enum(['create', 'update'])
  })
  .strict()
  .superRefine((value, ctx) => {
    const problem = weightsProblem(value.weights)
    if (problem) ctx.addIssue({ code: 'custom', path: ['weights'], message: problem })
  })

export const accountSettingsSchema = z.object({
  maxDuration: z.string().nullable(),
  namesMatchingType: z.string().nullable(),
  retries: z.boolean().nullable()
})

export const continuousCheckSchema = z.object({
  id: z.string(),
  checkId: z.string().nullable(),
  country: z.string().nullable(),
  type: z.string().nullable(),
  score: z.number().nullable(),
  frequency: z.string().nullable(),
  status: z.string().nullable(),
  scoreStatus: z.string().nullable(),
  counter: z.number().nullable(),
  endDate: z.string().nullable(),
  nextRunDate: z.string().nullable()
})
export type ContinuousCheckView = z.infer<typeof continuousCheckSchema>

export const healthReportSchema = z.object({
  country: z.string(),
  date: z.string(),
  tzOffsetSeconds: z.number(),
  databases: z.array(
    z.object({ name: z.string(), dataSets: z.array(z.string()), hourly: z.array(z.string()) })
  )
})
export type HealthReport = z.infer<typeof healthReportSchema>

// ---- Files, import, batches and results ----

export const fileRefSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number(),
  /** For a bundled sample: what it is about, as its index says. */
  sample: z.object({ country: z.string(), type: z.string() }).optional()
})
export type FileRefView = z.infer<typeof fileRefSchema>

/** A file Lote made for the analyst: saved through a dialog (desktop) or downloaded (browser). */
export const downloadSchema = z.object({ fileId: z.string(), name: z.string(), size: z.number() })
export type Download = z.infer<typeof downloadSchema>

export const sampleSchema = z.object({
  file: z.string(),
  country: z.string(),
  type: z.string(),
  description: z.record(z.string(), z.string())
})

const fileId = z.string().uuid()
const batchId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
const checkId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
const sheetRow = z.number().int().min(1).max(10_000_000)
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

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31.')

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

/** What an edit did: the rows it changed (up to a page of them), how many it changed, and the new counts. */
const rowEditResultSchema = z.object({
  rows: z.array(z.custom<ImportedRow>()),
  changed: z.number(),
  summary: z.custom<ImportSummary>()
})

/** channel -> request and response schemas. Channel names are `domain:verb`. */
export const channels = {
  'app:info': { input: none, output: appInfoSchema },
  'app:dismissNotice': { input: z.object({ id: z.string() }).strict(), output: z.null() },
  /** Desktop: a notification of the operating system. False where the shell shows none (a browser page). */
  'app:notify': {
    input: z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) }).strict(),
    output: z.boolean()
  },

  'settings:get': { input: none, output: publicSettingsSchema },
  'settings:update': { input: settingsPatchSchema, output: publicSettingsSchema },

  'profiles:list': { input: none, output: z.array(profileViewSchema) },
  'profiles:create': { input: newProfileSchema, output: profileViewSchema },
  'profiles:update': {
    input: z
      .object({
        id: profileId,
        name: z.string().trim().min(1).max(80).optional(),
        checksBaseUrl: baseUrlSchema.optional(),
        batchBaseUrl: baseUrlSchema.optional(),
        keyVersion: keyVersionSchema.optional()
      })
      .strict(),
    output: profileViewSchema
  },
  'profiles:delete': { input: z.object({ id: profileId }).strict(), output: z.array(profileViewSchema) },
  'profiles:activate': { input: z.object({ id: profileId }).strict(), output: z.array(profileViewSchema) },
  'profiles:setKey': {
    input: z.object({ id: profileId, apiKey: apiKeySchema }).strict(),
    output: profileViewSchema
  },
  'profiles:deleteKey': { input: z.object({ id: profileId }).strict(), output: profileViewSchema },
  'profiles:testKey': { input: z.object({ id: profileId }).strict(), output: keyTestSchema },

  'keychain:status': { input: none, output: keychainStatusSchema },
  'keychain:useFallback': { input: none, output: keychainStatusSchema },

  'account:customTypes': { input: none, output: z.array(customTypeSchema) },
  'account:saveCustomType': { input: customTypeInputSchema, output: z.array(customTypeSchema) },
  /** States (or, with null, forgets) what a custom type checks, for validating its rows. */
  'account:setCustomTypeKind': {
    input: z
      .object({
        country: z.enum(CUSTOM_TYPE_COUNTRIES),
        type: z.string().min(1).max(64),
        kind: z.enum(CUSTOM_TYPE_KINDS).nullable()
      })
      .strict(),
    output: z.array(customTypeSchema)
  },
  'account:deleteCustomType': {
    input: z.object({ country: z.enum(CUSTOM_TYPE_COUNTRIES), type: z.string().min(1).max(64) }).strict(),
    output: z.array(customTypeSchema)
  },
  'account:updateSettings': {
    input: z
      .object({
        maxDuration: z
          .string()
          .refine(
            (v) => maxDurationMinutes(v) !== null,
            'Use minutes or hours between 15m and 168h, like 90m or 48h.'
          )
          .optional(),
        namesMatchingType: z.enum(['soft', 'exact']).optional(),
        retries: z.boolean().optional()
      })
      .strict(),
    output: accountSettingsSchema
  },
  'account:continuousChecks': { input: none, output: z.array(continuousCheckSchema) },
  'account:updateContinuousCheck': {
    input: z
      .object({
        id: z.string().min(1),
        status: z.enum(['enabled', 'disabled']).optional(),
        frequency: z
          .string()
          .regex(FREQUENCY_PATTERN, 'Use daily, weekly, monthly, yearly or a count like 2w.')
          .optional()
      })
      .strict(),
    output: continuousCheckSchema
  },
  'account:continuousHistory': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.array(
      z.object({ date: z.string().nullable(), event: z.string().nullable(), detail: z.string() })
    )
  },
  'account:health': {
    input: z.object({ country: z.enum(HEALTH_COUNTRIES), date: isoDay.optional() }).strict(),
    output: healthReportSchema
  },

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
  },
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
  },

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
  },

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
  },

  /** Every trace of a person (document number or name) across batches, drafts and stored files. */
  'privacy:findPerson': { input: personQuerySchema, output: z.custom<PersonSearch>() },
  /** Erases what `privacy:findPerson` finds, in one step; `atTruora` also deletes the checks at Truora. */
  'privacy:erasePerson': {
    input: z.object({ query: personQuerySchema, atTruora: z.boolean() }).strict(),
    output: z.custom<Erasure>()
  },
  /** Finished batches with when their personal data will be purged. */
  'privacy:retention': { input: none, output: z.array(z.custom<RetentionState>()) },
  'privacy:setRetention': {
    input: z.object({ profileId, retention: retentionSchema }).strict(),
    output: z.custom<Retention>()
  },
  'privacy:extendRetention': {
    input: z
      .object({
        batchId,
        days: z.number().int().min(1).max(3650),
        reason: z.string().trim().min(3, 'Say why this batch is kept longer.').max(500)
      })
      .strict(),
    output: z.custom<RetentionState>()
  },
  'audit:list': { input: auditQuerySchema, output: z.array(z.custom<AuditEntry>()) },
  'audit:verify': { input: none, output: z.custom<AuditVerification>() },
  'audit:export': {
    input: z
      .object({
        format: z.enum(['csv', 'pdf']),
        query: auditQuerySchema,
        lang: z.enum(['es', 'en', 'pt-BR'])
      })
      .strict(),
    output: downloadSchema
  }
} as const

/** event name -> payload schema, for what the backend pushes to the renderer. */
export const events = {
  'app:notice': noticeSchema,
  'settings:changed': publicSettingsSchema,
  /** How far reading a draft's file has got: while it reads (a few times a second), then once it ends. */
  'drafts:status': z.object({ batchId: z.string(), read: z.custom<DraftRead>() }),
  'batch:event': z.custom<BatchEvent>()
} as const

export type Channels = typeof channels
export type Channel = keyof Channels
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const CHANNEL_NAMES = Object.keys(channels) as Channel[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name)
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name)
}

export type { Language }
