// The contract of connections: the profiles (the built-in Sandbox and Truora accounts), their keys, and the
// keychain that keeps them.
import { z } from 'zod'
import { KEY_STATES, baseUrlSchema, keyVersionSchema, secretBackendSchema } from '../settings'
import { none, profileId } from './fields'

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

export const connectionChannels = {
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
  'keychain:useFallback': { input: none, output: keychainStatusSchema }
} as const
