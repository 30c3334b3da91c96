// The contract of the app itself and its settings: what the app is, its notices, and the analyst's settings.
import { z } from 'zod'
import { COUNTRIES } from '../checks/inputs'
import { languagePreferenceSchema, settingsSchema } from '../settings'
import { none } from './fields'

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

export const appChannels = {
  'app:info': { input: none, output: appInfoSchema },
  'app:dismissNotice': { input: z.object({ id: z.string() }).strict(), output: z.null() },
  /** Desktop: a notification of the operating system. False where the shell shows none (a browser page). */
  'app:notify': {
    input: z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) }).strict(),
    output: z.boolean()
  },

  'settings:get': { input: none, output: publicSettingsSchema },
  'settings:update': { input: settingsPatchSchema, output: publicSettingsSchema }
} as const

export const appEvents = {
  'app:notice': noticeSchema,
  'settings:changed': publicSettingsSchema
} as const
