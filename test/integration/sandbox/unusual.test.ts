// The Sandbox's knobs for answers the documentation allows but Lote's own Sandbox never gave: unknown final
// statuses, checks stuck delayed, batches without report_id, lists in unknown shapes, continuous-check
// versions. Through the real client over HTTP, and through the test API.
import { describe, expect, it } from 'vitest'
import { TruoraError } from '../../../src/main/truora/errors'
import { isFinalCheckStatus, type UnknownShape } from '../../../src/main/truora/types'
import { CHECK_DONE_MS, clientFor, collect, useSandbox } from './harness'

const { sandbox, client } = useSandbox()

async function person(nationalId: string) {
  return client().createCheck({ country: 'CO', type: 'person', inputs: { national_id: nationalId } })
}

async function refusal(promise: Promise<unknown>): Promise<TruoraError> {
  const error = await promise.catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(TruoraError)
  return error as TruoraError
}

describe('unusual answers', () => {
  it('unknownStatusRate 1 ends every check in the configured unknown final status', async () => {
    sandbox().configure({ unknownStatusRate: 1, unknownStatus: 'manual_review' })
    const created = await person('1020304000')
    expect(created.status).toBe('not_started')
    sandbox().advance(CHECK_DONE_MS)
    const check = await client().getCheck(created.id)
    expect(check.status).toBe('manual_review')
    expect(isFinalCheckStatus(check.status)).toBe(true)
  })

  it('stuckRate 1 keeps every check delayed however long one waits', async () => {
    sandbox().configure({ stuckRate: 1 })
    const created = await person('1020304000')
    sandbox().advance(CHECK_DONE_MS * 1000)
    expect((await client().getCheck(created.id)).status).toBe('delayed')
  })

  it('omitReportId leaves report_id out of batch answers, while the checks still belong to the batch', async () => {
    sandbox().configure({ omitReportId: true })
    const created = await client().createBatch({ country: 'CO', type: 'person' })
    expect(created.raw.report_id).toBeUndefined()
    const batch = await client().getBatch(created.id)
    expect(batch.reportId).toBeNull()
  })

  it('listShape unknown makes every list an unknown_shape error, told to the listener with no values', async () => {
    const reports: UnknownShape[] = []
    const listening = clientFor(sandbox(), { onUnknownShape: (report) => reports.push(report) })
    const created = await person('1020304000')
    sandbox().configure({ listShape: 'unknown' })
    const listing = await refusal(collect(listening.listChecks()))
    expect(listing.kind).toBe('unknown_shape')
    expect(listing.message).toContain('does not know')
    expect(listing.message).toContain('GET /v1/checks')
    const details = await refusal(collect(listening.listDetails(created.id)))
    expect(details.kind).toBe('unknown_shape')
    const health = await refusal(listening.health('CO'))
    expect(health.kind).toBe('unknown_shape')
    expect(reports.map((r) => r.request)).toEqual([
      'GET /v1/checks',
      `GET /v1/checks/${created.id}/details`,
      'GET /v1/health'
    ])
    expect(reports[0].shape).toContain('records')
    expect(reports.map((r) => r.shape).join(' ')).not.toContain('1020304000')
    // A single check is not a list: it still reads.
    expect((await listening.getCheck(created.id)).id).toBe(created.id)
  })

  it('health is asked per ISO country; ALL is refused before any request', async () => {
    const before = sandbox().stats().requests['GET /v1/health'] ?? 0
    const error = await refusal(client().health('ALL'))
    expect(error.kind).toBe('invalid_input')
    expect(sandbox().stats().requests['GET /v1/health'] ?? 0).toBe(before)
    expect((await client().health('CO')).length).toBeGreaterThan(0)
  })

  it('continuous checks take the version on create (0 by default) and on update', async () => {
    const created = await person('1020304000')
    const plain = await client().createContinuousCheck({
      checkId: created.id,
      frequency: 'monthly',
      endDate: '2099-12-31'
    })
    expect(plain.raw.version).toBe(0)
    const second = await person('1020304100')
    const v1 = await client().createContinuousCheck({
      checkId: second.id,
      frequency: 'monthly',
      endDate: '2099-12-31',
      version: 1
    })
    expect(v1.raw.version).toBe(1)
    expect((await client().updateContinuousCheck(v1.id, { version: 0 })).raw.version).toBe(0)
  })

  it('the test API sets and validates the knobs', async () => {
    const response = await fetch(`${sandbox().url}/__sandbox/config`, {
      method: 'POST',
      body: JSON.stringify({
        unknownStatusRate: 0.3,
        stuckRate: 0.1,
        omitReportId: true,
        listShape: 'unknown'
      })
    })
    expect(await response.json()).toMatchObject({
      unknownStatusRate: 0.3,
      stuckRate: 0.1,
      omitReportId: true,
      listShape: 'unknown'
    })
    const refused = await fetch(`${sandbox().url}/__sandbox/config`, {
      method: 'POST',
      body: JSON.stringify({ stuckRate: 2 })
    })
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { message: string }).message).toContain('stuckRate')
  })
})
