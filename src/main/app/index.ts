// The application layer: one module per thing the analyst works with, whose methods are the analyst's verbs
// and own their whole sequence and rules. The Electron IPC handlers, the browser host (through the same
// handlers) and every `lote` command call these; none of them reaches past them into the store or the engines.
import type { Connections } from '../connections/connections'
import type { Account } from './account'
import type { Batches } from './batches'
import type { Checks } from './checks'
import type { Decisions } from './decisions'
import type { Costs } from './costs'
import type { Drafts } from './drafts'
import type { Files } from './files'
import type { People } from './people'
import type { Preferences } from './preferences'
import type { Privacy } from './privacy'
import type { Reuse } from './reuse'
import type { Spreadsheets } from './spreadsheets'

export interface Application {
  /** The app's identity and notices, settings, recent files. */
  preferences: Preferences
  /** The Sandbox and Truora accounts, their keys and the keychain. */
  connections: Connections
  /** Custom types, account settings, continuous checks, database health. */
  account: Account
  /** Spreadsheets given to Lote and files saved from it. */
  files: Files
  /** What a spreadsheet holds, and the mapping suggested for it. */
  spreadsheets: Spreadsheets
  /** New batches before they start: reading a sheet, fixing and excluding rows. */
  drafts: Drafts
  /** Starting, following and stopping batches. */
  batches: Batches
  /** Results: the grid, one check, exports. */
  checks: Checks
  /** The audit log, erasing a person, retention. */
  privacy: Privacy
  /** The analyst's decision on each person, and its history. */
  decisions: Decisions
  /** Each connection's prices, currency and reuse window; what a batch will cost. */
  costs: Costs
  /** Earlier checks a draft can reuse instead of paying again, and the analyst's choices. */
  reuse: Reuse
  /** A person's checks across batches, and what changed between two of them. */
  people: People
}
