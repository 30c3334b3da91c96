// What can be tuned on a running Sandbox: from startSandbox options, `lote sandbox` flags, or
// POST /__sandbox/config. One zod schema validates all three.
import { z } from 'zod'

export const FAULT_MODES = ['error-before', 'error-after', 'drop-before', 'drop-after'] as const
export type FaultMode = (typeof FAULT_MODES)[number]

export const HOURLY_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
  'deprecated',
  'undetermined'
] as const
export type HourlyStatusName = (typeof HOURLY_STATUSES)[number]

const probability = z.number().min(0).max(1)

export const knobsSchema = z.object({
  /** Makes outcomes, ids, faults and outages repeatable. */
  seed: z.number().int(),
  /** Simulated seconds per real second: 1 is Truora's pace, 1000 finishes checks in milliseconds. */
  timeScale: z.number().positive().max(1e7),
  /** Added to every API response. */
  latencyMs: z.number().min(0).max(60_000),
  /** Up to this much more, at random. */
  latencyJitterMs: z.number().min(0).max(60_000),
  /** Requests per second over the whole API before it answers 429; 0 = no limit. */
  rateLimit: z.number().min(0),
  /** Requests allowed back to back before the limit applies; 0 = a tenth of a second's worth. */
  rateLimitBurst: z.number().min(0),
  /** Share of API requests that fail on purpose. */
  faultRate: probability,
  /** Which failures to inject: a 5xx or a dropped connection, before or after the request took effect. */
  faultModes: z.array(z.enum(FAULT_MODES)).min(1),
  /** Status codes the injected 5xx answers use. */
  faultStatuses: z.array(z.number().int().min(500).max(599)).min(1),
  /** Share of API responses held back for `slowMs` (after the request took effect). */
  slowRate: probability,
  slowMs: z.number().min(0).max(600_000),
  /** Keys answered with 401. Any other non-empty key is accepted. */
  refusedKeys: z.array(z.string()),
  /** How long a batch upload link works, ms. */
  linkTtlMs: z.number().positive(),
  /** A create with the same inputs within this window returns the earlier check, unless force_creation=true. */
  dedupeWindowMs: z.number().min(0),
  /** Items per page of every list. */
  pageSize: z.number().int().min(1).max(1000),
  /** Whether GET /v1/batches/{id}/report answers with the file or with JSON holding a link to it. */
  reportDelivery: z.enum(['file', 'link']),
  /** `legacy` answers like the older public examples: homonym_score, string error codes. */
  responseStyle: z.enum(['current', 'legacy']),
  /** Chance that a database has an outage in a given hour of health. */
  outageRate: probability,
  /** Share of checks that end in a final status Lote does not know (`unknownStatus`) instead of completed. */
  unknownStatusRate: probability,
  /** The final status those checks end in. */
  unknownStatus: z.string().regex(/^[a-z][a-z_]{1,39}$/),
  /** Share of checks that stay `delayed` for ever. */
  stuckRate: probability,
  /** Batch responses carry no `report_id` (the reference does not document one). */
  omitReportId: z.boolean(),
  /**
   * `standard`: lists as section 9 of truora-api.md says. `unknown`: every list (checks, details,
   * attachments, continuous checks, history, health) answers in a shape no Truora document shows.
   */
  listShape: z.enum(['standard', 'unknown']),
  /** Forced database health: every hour of matching databases reports `status`. */
  outages: z.array(
    z.object({
      country: z.string(),
      /** Database name or short name; all of the country's databases when absent. */
      database: z.string().optional(),
      status: z.enum(HOURLY_STATUSES)
    })
  )
})

export type SandboxKnobs = z.infer<typeof knobsSchema>

export const DEFAULT_KNOBS: SandboxKnobs = {
  seed: 1,
  timeScale: 1,
  latencyMs: 0,
  latencyJitterMs: 0,
  rateLimit: 0,
  rateLimitBurst: 0,
  faultRate: 0,
  faultModes: [...FAULT_MODES],
  faultStatuses: [500, 502],
  slowRate: 0,
  slowMs: 0,
  refusedKeys: [],
  linkTtlMs: 30 * 60_000,
  dedupeWindowMs: 24 * 3_600_000,
  pageSize: 25,
  reportDelivery: 'file',
  responseStyle: 'current',
  outageRate: 0.02,
  unknownStatusRate: 0,
  unknownStatus: 'expired',
  stuckRate: 0,
  omitReportId: false,
  listShape: 'standard',
  outages: []
}

export const partialKnobsSchema = knobsSchema.partial().strict()

/** Validates a change; the message names the knob at fault. */
export function parseKnobChanges(value: unknown): Partial<SandboxKnobs> {
  const result = partialKnobsSchema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  throw new RangeError(`Invalid Sandbox setting ${where}${issue?.message ?? 'unknown problem'}`)
}
