// The contract of the Truora account: custom types, the account's settings, continuous checks and the health
// of Truora's databases.
import { z } from 'zod'
import { CUSTOM_TYPE_KINDS } from '../checks/inputs'
import { DATASET_NAMES, weightsProblem } from '../checks/datasets'
import {
  CUSTOM_TYPE_COUNTRIES,
  HEALTH_COUNTRIES,
  FREQUENCY_PATTERN,
  RESERVED_TYPE_NAMES,
  maxDurationMinutes
} from '../checks/account'
import { isoDay, none } from './fields'

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

export const accountChannels = {
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
  }
} as const
