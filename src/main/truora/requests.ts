// What the client's endpoints take: the options every call accepts and the request of each endpoint, in Lote's
// names (the endpoints turn them into Truora's form fields).
import type { DatasetName } from '../../shared/checks/datasets'
import type { InputName } from '../../shared/checks/inputs'

export interface CallOptions {
  signal?: AbortSignal
  /**
   * Called right before each attempt of a request that creates something leaves (after the rate limiter's
   * wait); throwing stops it unsent. The engines check here that they still hold the batch.
   */
  beforeSend?: () => void
}

export type CheckInputs = Partial<Record<InputName, string>>

export interface CreateCheckRequest {
  country: string
  /** person, vehicle, company or a custom type name. */
  type: string
  /** Include the row token as `custom_input` so a lost create can be matched back to its row. */
  inputs: CheckInputs
  /** Required `true` for V1 keys; defaults to true. */
  userAuthorized?: boolean
  /** Sent on the first attempt only; retries always send false (decision 7). */
  forceCreation?: boolean
  reportId?: string
  /** Frequency for re-checks, e.g. `monthly`. */
  watch?: string
}

export interface CustomTypeRequest {
  country: string
  type: string
  /** Weight 0..1 per dataset, summing to 1. A dataset left out is not searched. */
  weights: Partial<Record<DatasetName, number>>
}

export interface SettingsRequest {
  /** `<n>m` or `<n>h`, 15m..168h. */
  maxDuration?: string
  namesMatchingType?: 'soft' | 'exact'
  retries?: boolean
}

export interface ContinuousCheckRequest {
  checkId: string
  /** daily|weekly|monthly|yearly or <n>d|<n>w|<n>m|<n>y */
  frequency: string
  /** YYYY-MM-DD */
  endDate: string
  /** Must match the version of the API key its hooks run with (0 by default, as Truora's). */
  version?: 0 | 1
}

export interface ContinuousCheckUpdate {
  status?: 'enabled' | 'disabled'
  version?: 0 | 1
  frequency?: string
}

export interface CreateBatchRequest {
  country: string
  type: string
  /** Input name -> column index (0 = column A). Omitted: every input the type accepts is mapped. */
  columnsMapping?: Partial<Record<InputName, number>>
  frequency?: string
  endDate?: string
}

export interface HealthOptions extends CallOptions {
  /** The moment or day to report on (default now). */
  at?: Date | number
  /** Offset of the local day from UTC, e.g. -18000 for Colombia (default 0). */
  tzOffsetSeconds?: number
}
