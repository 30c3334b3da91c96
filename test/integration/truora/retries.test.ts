// Decision 7 under fire: faults (5xx, dropped connections after the create took effect, slow answers)
// and a tight rate limit must still give exactly one check per row.
import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../../src/main/truora/rate-limiter'
import type { Check } from '../../../src/main/truora/types'
import { clientFor, useSandbox } from '../sandbox/harness'

const { sandbox } = useSandbox({ timeScale: 1000, seed: 42 })

async function runPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>
): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++
        results[index] = await task(index)
      }
    })
  )
  return results
}

describe('creates under faults and a rate limit', () => {
  it('200 creates with 20% faults give exactly 200 checks and no duplicate', async () => {
    // The client's timeout leaves room for this process being slow under load: a request the client gives
    // up on before the Sandbox even read it could otherwise be acted on after its own retry.
    sandbox().configure({ faultRate: 0.2, rateLimit: 150, rateLimitBurst: 10, slowRate: 0.02, slowMs: 1500 })
    const limiter = new RateLimiter({ rate: 200, minRate: 20 })
    const client = clientFor(sandbox(), {
      limiter,
      maxRetries: 10,
      timeoutMs: 1000,
      retryBaseMs: 5,
      retryMaxMs: 50
    })

    const checks: Check[] = await runPool(200, 12, (index) =>
      client.createCheck({
        country: 'CO',
        type: 'person',
        // force_creation=true on the first attempt: only the retry rule keeps a lost create from doubling.
        forceCreation: true,
        inputs: { national_id: String(100_000 + index), custom_input: `row-${index}` }
      })
    )

    const stats = sandbox().stats()
    expect(new Set(checks.map((check) => check.id)).size).toBe(200)
    expect(checks.map((check) => check.customInput)).toEqual(checks.map((_, index) => `row-${index}`))
    expect(stats.checksCreated).toBe(200)
    expect(stats.duplicates).toBe(0)
    // The faults really happened, including drops after the create had taken effect.
    expect(stats.faults['drop-after']).toBeGreaterThan(0)
    expect(stats.faults['error-after']).toBeGreaterThan(0)
    expect(stats.faults['drop-before'] + stats.faults['error-before']).toBeGreaterThan(0)
    expect(stats.checksReturnedExisting).toBeGreaterThan(0)
    expect(stats.throttled).toBeGreaterThan(0)
    expect(limiter.snapshot().throttled).toBe(stats.throttled)
    expect(limiter.snapshot().decreases).toBeGreaterThan(0)
  })
})
