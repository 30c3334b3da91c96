// What the Sandbox counts, so tests can prove what the client did (e.g. never created a check twice).
import type { FaultMode } from './knobs'

export interface SandboxStats {
  /** Requests that arrived, per endpoint (`POST /v1/checks`, `GET /v1/checks/{check_id}`, …). */
  requests: Record<string, number>
  /** Responses sent, per HTTP status. */
  responses: Record<string, number>
  /** 429 answers from the rate limit. */
  throttled: number
  /** 401 answers. */
  refusedKeys: number
  faults: Record<FaultMode | 'slow', number>
  checksCreated: number
  /** Creates answered with an earlier check because force_creation was not true. */
  checksReturnedExisting: number
  /** Checks created more than once for the same row token (custom_input). */
  duplicates: number
}

export class StatsCounter {
  requests: Record<string, number> = {}
  responses: Record<string, number> = {}
  throttled = 0
  refusedKeys = 0
  faults: Record<FaultMode | 'slow', number> = {
    'error-before': 0,
    'error-after': 0,
    'drop-before': 0,
    'drop-after': 0,
    slow: 0
  }

  request(endpoint: string): void {
    this.requests[endpoint] = (this.requests[endpoint] ?? 0) + 1
  }

  response(status: number): void {
    this.responses[status] = (this.responses[status] ?? 0) + 1
  }
}
