// Costs: each connection's contract prices, currency and reuse window, as the analyst typed them in Settings,
// and the estimate of what starting a batch will cost with them.
import {
  DEFAULT_CONNECTION_PREFERENCES,
  estimateCost,
  type ConnectionPreferences,
  type CostEstimate
} from '../../shared/costs'
import { AppError } from '../../shared/result'
import { connectionPreferencesSchema } from '../../shared/settings'
import type { SettingsStore } from '../store/settings'
import type { Preferences } from './preferences'

export class Costs {
  constructor(
    private readonly settings: SettingsStore,
    private readonly preferences: Preferences,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10)
  ) {}

  private requireProfile(profileId: string): void {
    if (!this.settings.get().profiles.some((p) => p.id === profileId))
      throw new AppError('not_found', 'That connection no longer exists. Pick another one.')
  }

  /** A connection's reuse window, currency and prices (the defaults until the analyst sets them). */
  of(profileId: string): ConnectionPreferences {
    return structuredClone(
      this.settings.get().connectionPreferences[profileId] ?? DEFAULT_CONNECTION_PREFERENCES
    )
  }

  /** Changes what is given and keeps the rest; every window hears of it. */
  update(profileId: string, patch: Partial<ConnectionPreferences>): ConnectionPreferences {
    this.requireProfile(profileId)
    const next = connectionPreferencesSchema.parse({ ...this.of(profileId), ...patch })
    const all = { ...this.settings.get().connectionPreferences, [profileId]: next }
    this.preferences.update({ connectionPreferences: all })
    return this.of(profileId)
  }

  /** What starting a batch with these new checks will cost on this connection. */
  estimate(
    profileId: string,
    plan: {
      newChecks: { country: string; type: string; checks: number }[]
      reusedRows: number
      groupedRows: number
      reuseDays: number
      continuous?: { frequency: string; endDate: string } | null
    }
  ): CostEstimate {
    return estimateCost({
      preferences: { ...this.of(profileId), reuseDays: plan.reuseDays },
      newChecks: plan.newChecks,
      reusedRows: plan.reusedRows,
      groupedRows: plan.groupedRows,
      continuous: plan.continuous,
      today: this.today(),
      at: new Date().toISOString()
    })
  }
}
