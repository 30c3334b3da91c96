// The IPC contract: every channel between the renderer and the backend, with zod schemas for its request and
// response, and every event the backend pushes. Electron IPC, the preload bridge, the browser host and the
// renderer's api.ts are all built from this one table, assembled here from one file per area of the app
// (src/shared/contract/): the app and its settings, connections, the account, files and import, drafts,
// batches (with reuse and costs), results (with people and decisions), privacy and the audit log.
import type { z } from 'zod'
import { appChannels, appEvents } from './contract/app'
import { connectionChannels } from './contract/connections'
import { accountChannels } from './contract/account'
import { fileChannels } from './contract/files'
import { draftChannels, draftEvents } from './contract/drafts'
import { batchChannels, batchEvents } from './contract/batches'
import { resultChannels } from './contract/results'
import { privacyChannels } from './contract/privacy'

export {
  appInfoSchema,
  noticeSchema,
  publicSettingsSchema,
  recentFileViewSchema,
  settingsPatchSchema,
  type Notice,
  type PublicSettings,
  type RecentFileView,
  type SettingsPatch
} from './contract/app'
export {
  KEYCHAIN_PROBLEMS,
  apiKeySchema,
  keyTestSchema,
  keychainStatusSchema,
  newProfileSchema,
  profileViewSchema,
  type KeychainStatus,
  type ProfileView
} from './contract/connections'
export {
  accountSettingsSchema,
  continuousCheckSchema,
  customTypeInputSchema,
  customTypeSchema,
  healthReportSchema,
  type ContinuousCheckView,
  type CustomTypeView,
  type HealthReport
} from './contract/account'
export { downloadSchema, type Download } from './contract/fields'
export { fileRefSchema, sampleSchema, type FileRefView } from './contract/files'
export { columnMappingSchema } from './contract/drafts'
export { batchStartOptionsSchema, healthWarningSchema } from './contract/batches'
export { rowQuerySchema } from './contract/results'
export type { Language } from './settings'

/** channel -> request and response schemas. Channel names are `domain:verb`. */
export const channels = {
  ...appChannels,
  ...connectionChannels,
  ...accountChannels,
  ...fileChannels,
  ...draftChannels,
  ...batchChannels,
  ...resultChannels,
  ...privacyChannels
} as const

/** event name -> payload schema, for what the backend pushes to the renderer. */
export const events = {
  ...appEvents,
  ...draftEvents,
  ...batchEvents
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
