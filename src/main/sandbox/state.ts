// What a Sandbox keeps across restarts, so checks made before the app closed are still there (and still
// progressing) when it opens again, as they are on Truora's side. The built-in Sandbox writes it sealed in the
// data folder (src/main/connections/builtin-sandbox.ts); it holds the inputs of real people.
import type { AccountSettings } from './account-config'
import type { StoredBatchState } from './batches'
import type { Weights } from './catalog'
import type { CheckStoreState } from './check-store'
import type { ContinuousCheckStore } from './continuous-checks'

export interface SandboxState {
  version: 1
  /** Where the real and simulated clocks stood when it was kept. */
  clock: { real: number; sim: number }
  checks: CheckStoreState
  /** Custom types: country → [type, weights]. */
  types: [string, [string, Weights][]][]
  settings: AccountSettings
  continuous: ReturnType<ContinuousCheckStore['snapshot']>
  batches: StoredBatchState[]
}

/** Reads a kept state; null when it is not one this version of Lote wrote. */
export function parseSandboxState(text: string): SandboxState | null {
  const value = JSON.parse(text) as Partial<SandboxState> | null
  if (
    !value ||
    value.version !== 1 ||
    !value.clock ||
    !value.checks ||
    !Array.isArray(value.checks.checks) ||
    !Array.isArray(value.types) ||
    !value.settings ||
    !Array.isArray(value.continuous) ||
    !Array.isArray(value.batches)
  )
    return null
  return value as SandboxState
}
