// How Sandbox checks live: the lifecycle over (scaled) time, the magic inputs, determinism, health,
// and the /__sandbox/ test API.
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../../src/main/sandbox/server'
import { DELAY_MS } from '../../../src/main/sandbox/check-plan'
import type { Check } from '../../../src/main/truora/types'
import { CHECK_DONE_MS, clientFor, TEST_KEY, useSandbox, waitFor } from './harness'

const { sandbox, client } = useSandbox()

const create = (nationalId: string, type = 'person') =>
  client().createCheck({
    country: 'CO',
    type,
    inputs: { national_id: nationalId, license_plate: 'ABC123', tax_id: '900' }
  })

async function finished(nationalId: string, type = 'person'): Promise<Check> {
  const check = await create(nationalId, type)
  sandbox().advance(CHECK_DONE_MS)
  return client().getCheck(check.id)
}

const score = (check: Check, dataSet: string) => check.scores.find((entry) => entry.dataSet === dataSet)

describe('check lifecycle', () => {
  it('moves not_started -> in_progress -> completed as simulated time passes', async () => {
    const check = await create('1020304000')
    expect(check.status).toBe('not_started')
    sandbox().advance(3100)
    expect((await client().getCheck(check.id)).status).toBe('in_progress')
    sandbox().advance(CHECK_DONE_MS)
    const done = await client().getCheck(check.id)
    expect(done.status).toBe('completed')
    expect(Date.parse(done.updateDate!)).toBeGreaterThan(Date.parse(done.creationDate!))
  })

  it('completes within milliseconds at a high time scale, never going backwards', async () => {
    sandbox().configure({ timeScale: 20_000 })
    const check = await create('1020304000')
    const order = ['not_started', 'in_progress', 'completed']
    const seen: string[] = [check.status]
    await waitFor(
      async () => {
        const current = await client().getCheck(check.id)
        seen.push(current.status)
        return current.status
      },
      (status) => status === 'completed'
    )
    const ranks = seen.map((status) => order.indexOf(status))
    expect(ranks.every((rank, index) => rank >= 0 && (index === 0 || rank >= ranks[index - 1]))).toBe(true)
  })

  it('shows databases that have not answered by their short name only, without database_id', async () => {
    const check = await create('1020304000')
    sandbox().advance(3100)
    const running = await client().getCheck(check.id)
    expect(running.status).toBe('in_progress')
    const waiting = running.statuses.filter((status) => status.databaseId === null)
    expect(waiting.length).toBeGreaterThan(0)
    expect(waiting[0].databaseName).toMatch(/^[a-z-]+$/)
    expect(running.scores.some((entry) => entry.result === 'pending')).toBe(true)
  })
})

describe('magic inputs', () => {
  it('…00 is clean', async () => {
    const check = await finished('1020304000')
    expect(check).toMatchObject({ status: 'completed', score: 1, nameScore: 1 })
    expect(score(check, 'criminal_record')).toMatchObject({ result: 'not_found', severity: 'none' })
  })

  it('…11 has a criminal record, found by ID', async () => {
    const check = await finished('1020304011')
    expect(score(check, 'criminal_record')).toMatchObject({ result: 'found', score: 0, severity: 'high' })
    expect(check.score).toBeLessThan(1)
  })

  it('…22 has an identity that was not found', async () => {
    const check = await finished('1020304022')
    expect(check.summary?.identityStatus).toBe('not_found')
    expect(score(check, 'personal_identity')).toMatchObject({ result: 'not_found', score: 0 })
  })

  it('…33 has homonyms: records matched by name only', async () => {
    const check = await finished('1020304033')
    const criminal = score(check, 'criminal_record')
    expect(criminal).toMatchObject({
      result: 'found',
      byId: { result: 'not_found' },
      byName: { result: 'found' }
    })
    expect(check.score).toBe(1)
    expect(check.nameScore).toBeLessThan(1)
    expect(check.summary?.namesFound.length).toBeGreaterThan(1)
  })

  it('…44 is delayed for hours before it completes', async () => {
    const check = await create('1020304044')
    sandbox().advance(CHECK_DONE_MS)
    const delayed = await client().getCheck(check.id)
    expect(delayed.status).toBe('delayed')
    expect(delayed.statuses.some((status) => status.status === 'delayed')).toBe(true)
    sandbox().advance(DELAY_MS)
    expect((await client().getCheck(check.id)).status).toBe('completed')
  })

  it('…55 ends in error when most sources fail', async () => {
    const check = await finished('1020304055')
    expect(check.status).toBe('error')
    expect(
      check.statuses.filter((status) => status.status === 'error').length / check.statuses.length
    ).toBeGreaterThan(0.3)
  })

  it('vehicle and company checks carry their own summaries', async () => {
    const vehicle = await finished('1020304000', 'vehicle')
    expect(vehicle.raw.vehicle_summary).toMatchObject({ vehicle_status: 'found', license_plate: 'ABC123' })
    const company = await client().createCheck({
      country: 'CO',
      type: 'company',
      inputs: { tax_id: '900100200' }
    })
    sandbox().advance(CHECK_DONE_MS)
    expect((await client().getCheck(company.id)).raw.company_summary).toMatchObject({
      company_status: 'found'
    })
  })
})

describe('determinism', () => {
  it('gives the same results for the same inputs and seed, and may differ with another seed', async () => {
    const outcomes = async (seed: number) => {
      const other = await startSandbox({ seed })
      try {
        const otherClient = clientFor(other)
        const results: unknown[] = []
        for (let i = 0; i < 12; i++) {
          const check = await otherClient.createCheck({
            country: 'PE',
            type: 'person',
            inputs: { national_id: `4455667${i}`, date_of_birth: '1990-01-01' }
          })
          other.advance(CHECK_DONE_MS)
          const done = await otherClient.getCheck(check.id)
          results.push([done.status, done.score, done.nameScore, done.scores, done.summary?.raw])
        }
        return results
      } finally {
        await other.close()
      }
    }
    const first = await outcomes(7)
    expect(await outcomes(7)).toEqual(first)
    expect(await outcomes(8)).not.toEqual(first)
  })
})

describe('older response shapes', () => {
  it('answers like the old examples when responseStyle is legacy, and the client still reads them', async () => {
    sandbox().configure({ responseStyle: 'legacy' })
    const check = await finished('1020304033')
    expect(check.raw.homonym_score).toBeDefined()
    expect(check.raw.name_score).toBeUndefined()
    expect(check.nameScore).toBeLessThan(1)
  })
})

describe('health', () => {
  it('is the same for the same seed and day, and outages can be forced per database', async () => {
    const at = Date.UTC(2024, 0, 15, 12)
    const a = await client().health('MX', { at })
    const b = await client().health('MX', { at })
    expect(a).toEqual(b)
    sandbox().configure({ outageRate: 1 })
    const stormy = await client().health('MX', { at })
    expect(stormy.every((entry) => entry.hourlyStatus.every((status) => status !== 'operational'))).toBe(true)
    sandbox().configure({ outageRate: 0, outages: [{ country: 'MX', status: 'under_maintenance' }] })
    expect((await client().health('MX', { at })).flatMap((entry) => entry.hourlyStatus)).toEqual(
      Array(a.length * 24).fill('under_maintenance')
    )
  })

  it('answers undetermined for hours still to come, and 400 without its parameters', async () => {
    // A year ahead: earlier tests run the Sandbox's clock thousands of times faster, so late in the UTC day
    // "tomorrow" may already have begun for it.
    const today = await client().health('CO', { at: Date.now() + 365 * 86_400_000 })
    expect(today[0].hourlyStatus.every((status) => status === 'undetermined')).toBe(true)
    const response = await fetch(`${sandbox().url}/v1/health?country=CO`, {
      headers: { 'Truora-API-Key': TEST_KEY }
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { message: string }).message).toMatch(/unixTimestampSeconds/)
  })
})

describe('HTTP behaviour and the /__sandbox/ test API', () => {
  it('answers 404 with the Truora error body, 401 without a key, 405 on a wrong method', async () => {
    const missing = await fetch(`${sandbox().url}/v1/checks/CHKnope`, {
      headers: { 'Truora-API-Key': TEST_KEY }
    })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ code: 10404, http_code: 404, message: 'The Check was not found' })
    expect((await fetch(`${sandbox().url}/v1/checks/CHKnope`)).status).toBe(401)
    expect(
      (await fetch(`${sandbox().url}/v1/health`, { method: 'POST', headers: { 'Truora-API-Key': TEST_KEY } }))
        .status
    ).toBe(405)
  })

  it('rate limits with 429 and Retry-After', async () => {
    sandbox().configure({ rateLimit: 2, rateLimitBurst: 2 })
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${sandbox().url}/v1/checks`, { headers: { 'Truora-API-Key': TEST_KEY } })
      statuses.push(response.status)
      retryAfter ??= response.headers.get('retry-after')
    }
    expect(statuses).toEqual([200, 200, 429, 429])
    expect(retryAfter).toBe('1')
    expect(sandbox().stats().throttled).toBe(2)
  })

  it('changes knobs, reports stats, moves the clock and resets over HTTP', async () => {
    const base = sandbox().url
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' }
      })
    expect(await (await post('/__sandbox/config', { latencyMs: 1, seed: 9 })).json()).toMatchObject({
      latencyMs: 1,
      seed: 9
    })
    const bad = await post('/__sandbox/config', { faultRate: 2 })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toMatch(/faultRate/)
    expect((await post('/__sandbox/config', { noSuchKnob: 1 })).status).toBe(400)

    const check = await create('1020304000')
    expect((await post('/__sandbox/advance', { ms: CHECK_DONE_MS })).status).toBe(200)
    expect((await client().getCheck(check.id)).status).toBe('completed')
    const stats = (await (await fetch(`${base}/__sandbox/stats`)).json()) as Record<string, unknown>
    expect(stats).toMatchObject({
      checksCreated: 1,
      requests: { 'POST /v1/checks': 1, 'GET /v1/checks/{check_id}': 1 }
    })
    expect((await (await fetch(`${base}/__sandbox/config`)).json()) as object).toMatchObject({ seed: 9 })
    await post('/__sandbox/reset', {})
    expect(sandbox().stats()).toMatchObject({ checksCreated: 0, requests: {} })
    await expect(client().getCheck(check.id)).rejects.toMatchObject({ kind: 'not_found' })
  })
})
