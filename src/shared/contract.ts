// The IPC contract: every channel between the renderer and the backend, with zod schemas for its request and
// response, and every event the backend pushes. Electron IPC, the preload bridge, the browser host and the
// renderer's api.ts are all built from this one table.
import { z } from 'zod'
import { COUNTRIES } from './checks/inputs'
import { DATASET_NAMES, weightsProblem } from './checks/datasets'
import {
  CUSTOM_TYPE_COUNTRIES,
  FREQUENCY_PATTERN,
  RESERVED_TYPE_NAMES,
  maxDurationMinutes
} from './checks/account'
import {
  baseUrlSchema,
  languagePreferenceSchema,
  secretBackendSchema,
  settingsSchema,
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
  keyConfigured: z.boolean(),
  active: z.boolean()
})
export type ProfileView = z.infer<typeof profileViewSchema>

export const keychainStatusSchema = z.object({
  backend: secretBackendSchema.or(z.literal('memory')),
  available: z.boolean(),
  /** Shown to the analyst when the keychain cannot be used, with what to do. */
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
  dataDir: z.string(),
  notices: z.array(noticeSchema)
})

export const publicSettingsSchema = settingsSchema.omit({ profiles: true })
export type PublicSettings = z.infer<typeof publicSettingsSchema>

export const settingsPatchSchema = z
  .object({
    language: languagePreferenceSchema,
    defaultCountry: z.enum(COUNTRIES),
    defaultCheckType: z.string().trim().min(1).max(64),
    concurrency: z.number().int().min(1).max(32)
  })
  .partial()
  .strict()

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
  code: z.string().optional(),
  message: z.string()
})

export const customTypeSchema = z.object({
  country: z.string(),
  type: z.string(),
  weights: z.array(z.object({ dataSet: z.string(), weight: z.number() }))
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

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31.')

/** channel -> request and response schemas. Channel names are `domain:verb`. */
export const channels = {
  'app:info': { input: none, output: appInfoSchema },
  'app:dismissNotice': { input: z.object({ id: z.string() }).strict(), output: z.null() },

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
        batchBaseUrl: baseUrlSchema.optional()
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
    input: z.object({ country: z.enum(COUNTRIES), date: isoDay.optional() }).strict(),
    output: healthReportSchema
  }
} as const

/** event name -> payload schema, for what the backend pushes to the renderer. */
export const events = {
  'app:notice': noticeSchema,
  'settings:changed': publicSettingsSchema
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
