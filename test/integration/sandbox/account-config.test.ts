// Custom-type weight rules, settings validation and continuous-check rules, as an API client meets them.
import { describe, expect, it } from 'vitest'
import { TEST_KEY, useSandbox } from './harness'

const { sandbox, client } = useSandbox()

async function call(method: string, path: string, form: Record<string, string> = {}) {
  const body = new URLSearchParams(form).toString()
  const response = await fetch(`${sandbox().url}${path}${method === 'DELETE' ? `?${body}` : ''}`, {
    method,
    headers: { 'Truora-API-Key': TEST_KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: method === 'DELETE' || method === 'GET' ? undefined : body
  })
  return { status: response.status, body: (await response.json()) as { message?: string; code?: number } }
}

const createType = (weights: Record<string, string>, extra: Record<string, string> = {}) =>
  call('POST', '/v1/config', { type: 'hiring', country: 'CO', ...weights, ...extra })

describe('custom type weight rules', () => {
  it('accepts weights between 0 and 1 that add up to 1 within 1e-6', async () => {
    const created = await createType({
      dataset_criminal_record: '0.3333333',
      dataset_personal_identity: '0.3333333',
      dataset_alert_in_media: '0.3333334'
    })
    expect(created.status).toBe(201)
    const zero = await call('POST', '/v1/config', {
      type: 'zero-ok',
      country: 'MX',
      dataset_criminal_record: '1',
      dataset_alert_in_media: '0'
    })
    expect(zero.status).toBe(201)
  })

  it.each([
    [
      { dataset_criminal_record: '0.5', dataset_personal_identity: '0.4' },
      /add up to 1; these add up to 0.9/
    ],
    [{ dataset_criminal_record: '0.50001', dataset_personal_identity: '0.5' }, /add up to 1/],
    [{ dataset_criminal_record: '1.2', dataset_personal_identity: '-0.2' }, /between 0 and 1/],
    [{ dataset_criminal_record: 'half' }, /between 0 and 1/],
    [{ dataset_credit_score: '1' }, /Unknown dataset "credit_score"/],
    [{}, /at least one dataset/]
  ])('refuses %j', async (weights, message) => {
    const refused = await createType(weights)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ code: 10400 })
    expect(refused.body.message).toMatch(message)
  })

  it('refuses to create or change the default types, and countries outside the custom-type list', async () => {
    for (const type of ['person', 'vehicle', 'company']) {
      for (const method of ['POST', 'PUT']) {
        const refused = await call(method, '/v1/config', {
          type,
          country: 'CO',
          dataset_criminal_record: '1'
        })
        expect(refused.status).toBe(400)
        expect(refused.body.message).toMatch(/default type/)
      }
      expect((await call('DELETE', '/v1/config', { type, country: 'CO' })).status).toBe(400)
    }
    const costaRica = await createType({ dataset_criminal_record: '1' }, { country: 'CR' })
    expect(costaRica.status).toBe(400)
    expect(costaRica.body.message).toMatch(/country must be one of ALL, BR, CL, CO, MX, PE/)
  })

  it('refuses a second create of the same type, an update or delete of an unknown one', async () => {
    expect((await createType({ dataset_criminal_record: '1' })).status).toBe(201)
    expect((await createType({ dataset_criminal_record: '1' })).body.message).toMatch(/already exists/)
    expect(
      (await call('PUT', '/v1/config', { type: 'nope', country: 'CO', dataset_criminal_record: '1' })).status
    ).toBe(404)
    expect((await call('DELETE', '/v1/config', { type: 'nope', country: 'CO' })).status).toBe(404)
    expect((await call('DELETE', '/v1/config', { country: 'CO' })).body.message).toMatch(/type/)
  })

  it('deleting shows the custom types that remain for the country', async () => {
    await client().createCustomType({ country: 'PE', type: 'a', weights: { criminal_record: 1 } })
    await client().createCustomType({ country: 'PE', type: 'b', weights: { criminal_record: 1 } })
    await client().createCustomType({ country: 'CO', type: 'c', weights: { criminal_record: 1 } })
    expect(
      (await client().deleteCustomType('PE', 'a')).map((type) => `${type.country}/${type.type}`)
    ).toEqual(['PE/b'])
  })

  it('an ALL custom type serves international checks only, not other countries', async () => {
    await client().createCustomType({
      country: 'ALL',
      type: 'global',
      weights: { international_background: 1 }
    })
    const international = await client().createCheck({
      country: 'ALL',
      type: 'global',
      inputs: { first_name: 'Madonna' }
    })
    expect(international.type).toBe('global')
    await expect(
      client().createCheck({ country: 'MX', type: 'global', inputs: { national_id: 'ABCD800101' } })
    ).rejects.toMatchObject({ kind: 'invalid_input', apiMessage: expect.stringContaining('"global" for MX') })
  })
})

describe('settings validation', () => {
  it.each([
    [{ max_duration: '15m' }, 200],
    [{ max_duration: '168h' }, 200],
    [{ max_duration: '14m' }, 400],
    [{ max_duration: '169h' }, 400],
    [{ max_duration: '2d' }, 400],
    [{ names_matching_type: 'exact' }, 200],
    [{ names_matching_type: 'fuzzy' }, 400],
    [{ retries: 'false' }, 200],
    [{ retries: 'yes' }, 400],
    [{}, 400]
  ])('%j -> %i', async (form, status) => {
    const answer = await call('POST', '/v1/settings', form)
    expect(answer.status).toBe(status)
    if (status === 400) expect(answer.body.message).toBeTruthy()
  })
})

describe('continuous check rules', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

  it('accepts the frequency formats and refuses others', async () => {
    const check = await client().createCheck({ country: 'CO', type: 'person', inputs: { national_id: '42' } })
    /** The status of making the check continuous at this frequency, until a date far enough away. */
    const follow = async (frequency: string) =>
      (await call('POST', '/v1/continuous-checks', { check_id: check.id, frequency, end_date: inDays(800) }))
        .status
    for (const frequency of ['daily', 'weekly', 'monthly', 'yearly', '3d', '2w', '1m', '1y'])
      expect(await follow(frequency)).toBe(201)
    for (const frequency of ['hourly', '0d', '5x', '']) expect(await follow(frequency)).toBe(400)
  })

  it('needs an end date that leaves room for a run, and an existing check', async () => {
    const check = await client().createCheck({ country: 'CO', type: 'person', inputs: { national_id: '42' } })
    const tooSoon = await call('POST', '/v1/continuous-checks', {
      check_id: check.id,
      frequency: 'monthly',
      end_date: inDays(10)
    })
    expect(tooSoon.status).toBe(400)
    expect(tooSoon.body.message).toMatch(/leaves no room/)
    expect(
      (
        await call('POST', '/v1/continuous-checks', {
          check_id: check.id,
          frequency: 'monthly',
          end_date: '2030-02-30'
        })
      ).status
    ).toBe(400)
    expect(
      (
        await call('POST', '/v1/continuous-checks', {
          check_id: 'CHKnope',
          frequency: 'daily',
          end_date: inDays(10)
        })
      ).status
    ).toBe(404)
  })

  it('validates updates', async () => {
    const check = await client().createCheck({ country: 'CO', type: 'person', inputs: { national_id: '42' } })
    const created = await client().createContinuousCheck({
      checkId: check.id,
      frequency: 'daily',
      endDate: inDays(30)
    })
    const path = `/v1/continuous-checks/${created.id}`
    expect((await call('PUT', path, { status: 'paused' })).status).toBe(400)
    expect((await call('PUT', path, { version: '2' })).status).toBe(400)
    expect((await call('PUT', path, { frequency: 'often' })).status).toBe(400)
    expect((await call('PUT', path, {})).status).toBe(400)
    expect((await call('PUT', path, { frequency: 'weekly' })).status).toBe(200)
    expect((await call('PUT', '/v1/continuous-checks/CCKnope', { status: 'enabled' })).status).toBe(404)
  })
})
