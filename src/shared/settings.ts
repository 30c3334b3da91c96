// The settings schema: what is kept between runs (never an API key).
import { z } from 'zod'
import { COUNTRIES, CUSTOM_TYPE_KINDS } from './checks/inputs'
import { isApiKeyDestination } from './security'
import { MAX_REUSE_DAYS } from './costs'

export const LANGUAGES = ['es', 'en', 'pt-BR'] as const
export type Language = (typeof LANGUAGES)[number]
export const languagePreferenceSchema = z.enum(['system', ...LANGUAGES])
export type LanguagePreference = z.infer<typeof languagePreferenceSchema>

export const SANDBOX_PROFILE_ID = 'sandbox'
export const DEFAULT_CHECKS_BASE_URL = 'https://api.checks.truora.com'
export const DEFAULT_BATCH_BASE_URL = 'https://api.account.truora.com'

const httpsUrl = z
  .string()
  .trim()
  .url()
  .refine(
    (value) => /^https:\/\//.test(value) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(value),
    {
      message: 'Use an https:// address (or http:// on 127.0.0.1 for a local simulator).'
    }
  )

/** An address a connection may be given: one its API key may go to (stored profiles stay readable as they are). */
export const baseUrlSchema = httpsUrl.refine(isApiKeyDestination, {
  message:
    'Lote sends API keys only to Truora (https://…truora.com) or to a Sandbox on this computer (http://127.0.0.1).'
})

/**
 * The version of a connection's API key (0 legacy, 1 current). Continuous checks are created and updated
 * with it, since Truora runs their hooks with the version they were given; Truora's default is 0.
 */
export const keyVersionSchema = z.union([z.literal(0), z.literal(1)])
export type KeyVersion = z.infer<typeof keyVersionSchema>

/** A connection. The built-in Sandbox has no fixed address (it listens on a free port), hence null URLs. */
export const profileSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(80),
    kind: z.literal('sandbox'),
    checksBaseUrl: z.null(),
    batchBaseUrl: z.null(),
    keyVersion: keyVersionSchema.default(0)
  }),
  z.object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(80),
    kind: z.literal('truora'),
    checksBaseUrl: httpsUrl,
    batchBaseUrl: httpsUrl,
    keyVersion: keyVersionSchema.default(0)
  })
])
export type Profile = z.infer<typeof profileSchema>

export const recentFileSchema = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string()
})

/**
 * What Lote knows of a connection's key: never tried since it was stored (`untested`), accepted by the last
 * request (`works`), refused with 401/403 (`refused`), or Truora could not be asked (`unreachable`: the network,
 * a timeout or a server error; the key itself is not blamed).
 */
export const KEY_STATES = ['untested', 'works', 'refused', 'unreachable'] as const
export type KeyState = (typeof KEY_STATES)[number]
export const keyStateRecordSchema = z.object({ state: z.enum(KEY_STATES), at: z.string() })
export type KeyStateRecord = z.infer<typeof keyStateRecordSchema>
export const checkPriceSchema = z
  .object({
    country: z.enum(COUNTRIES),
    type: z.string().trim().min(1).max(64),
    amount: z.number().min(0).max(1_000_000_000)
  })
  .strict()

/** A connection's reuse window and contract prices (src/shared/costs.ts). */
export const connectionPreferencesSchema = z
  .object({
    reuseDays: z.number().int().min(0).max(MAX_REUSE_DAYS),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as COP, BRL or USD.'),
    prices: z
      .array(checkPriceSchema)
      .max(500)
      .refine(
        (prices) => new Set(prices.map((p) => `${p.country}|${p.type}`)).size === prices.length,
        'Each check type and country has one price.'
      )
  })
  .strict()

export const secretBackendSchema = z.enum(['keychain', 'safeStorage'])
export type SecretBackendName = z.infer<typeof secretBackendSchema>

export const settingsSchema = z.object({
  language: languagePreferenceSchema,
  defaultCountry: z.enum(COUNTRIES),
  defaultCheckType: z.string().trim().min(1).max(64),
  concurrency: z.number().int().min(1).max(32),
  activeProfileId: z.string().min(1),
  profiles: z.array(profileSchema).min(1),
  recentFiles: z.array(recentFileSchema).max(20),
  secretBackend: secretBackendSchema,
  /** What the analyst said each custom type checks, by connection and `COUNTRY/type`. */
  customTypeKinds: z.record(z.string(), z.record(z.string(), z.enum(CUSTOM_TYPE_KINDS))).default({}),
  /** Days a connection's batches keep their personal data after they finish, by profile id; absent: kept. */
  retention: z.record(z.string(), z.number().int().min(1).max(3650)).default({}),
  /** The analyst's name as decisions and reports show it; empty: the computer's user name. */
  reviewerName: z.string().trim().max(80).default(''),
  /** What the last use of each connection's key said (by profile id); absent = untested. */
  keyStates: z.record(z.string(), keyStateRecordSchema).default({}),
  /** Per connection id; a connection without an entry has the defaults (DEFAULT_CONNECTION_PREFERENCES). */
  connectionPreferences: z.record(z.string(), connectionPreferencesSchema).default({}),
  /** The folder the analyst last saved a file Lote made into (desktop); the next save dialog opens there. */
  saveFolder: z.string().max(4096).optional()
})
export type Settings = z.infer<typeof settingsSchema>

export function defaultSettings(): Settings {
  return {
    language: 'system',
    defaultCountry: 'CO',
    defaultCheckType: 'person',
    concurrency: 8,
    activeProfileId: SANDBOX_PROFILE_ID,
    profiles: [
      {
        id: SANDBOX_PROFILE_ID,
        name: 'Sandbox',
        kind: 'sandbox',
        checksBaseUrl: null,
        batchBaseUrl: null,
        keyVersion: 0
      }
    ],
    recentFiles: [],
    customTypeKinds: {},
    keyStates: {},
    secretBackend: 'keychain',
    retention: {},
    reviewerName: '',
    connectionPreferences: {}
  }
}

/** Picks the UI language for a preference and the system's locale (e.g. `pt-BR`, `es-CO`, `en-US`). */
export function resolveLanguage(preference: LanguagePreference, systemLocale: string): Language {
  if (preference !== 'system') return preference
  const lower = systemLocale.toLowerCase()
  if (lower.startsWith('pt')) return 'pt-BR'
  if (lower.startsWith('en')) return 'en'
  return 'es'
}
