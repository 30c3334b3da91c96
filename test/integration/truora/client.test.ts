// The client against the running Sandbox over real HTTP, endpoint by endpoint.
import { describe, expect, it } from 'vitest'
import { collect, CHECK_DONE_MS, useSandbox } from '../sandbox/harness'
import { TruoraError } from '../../../src/main/truora/errors'

const { sandbox, client } = useSandbox({ timeScale: 1, pageSize: 2 })

async function person(nationalId: string, extra: Record<string, string> = {}) {
  return client().createCheck({
    country: 'CO',
    type: 'person',
    inputs: { national_id: nationalId, ...extra }
  })
}

describe('TruoraClient checks', () => {
  it('creates a check (201) that starts not_started and echoes its inputs and custom_input', async () => {
    const check = await person('1020304000', { custom_input: 'row-1' })
    expect(check.id).toMatch(/^CHK[0-9a-f]{32}$/)
    expect(check).toMatchObject({ status: 'not_started', score: -1, customInput: 'row-1', country: 'CO' })
    expect(check.inputs.national_id).toBe('1020304000')
    expect(sandbox().stats().responses['201']).toBe(1)
  })

  it('follows a check to completed with statuses, scores and summary', async () => {
    const created = await person('1020304000')
    sandbox().advance(CHECK_DONE_MS)
    const check = await client().getCheck(created.id)
    expect(check.status).toBe('completed')
    expect(check.score).toBe(1)
    expect(check.statuses.length).toBeGreaterThan(3)
    expect(check.statuses.every((status) => status.databaseId?.startsWith('DBI'))).toBe(true)
    expect(check.scores.map((score) => score.dataSet)).toContain('criminal_record')
    expect(check.summary?.identityStatus).toBe('found')
    expect(check.raw.check_id).toBe(created.id)
  })

  it('returns the earlier check for the same inputs unless force_creation is true', async () => {
    const first = await person('55501')
    const again = await person('55501')
    const forced = await client().createCheck({
      country: 'CO',
      type: 'person',
      inputs: { national_id: '55501' },
      forceCreation: true
    })
    expect(again.id).toBe(first.id)
    expect(forced.id).not.toBe(first.id)
    expect(forced.previousCheck).toBe(first.id)
    expect(sandbox().stats()).toMatchObject({ checksCreated: 2, checksReturnedExisting: 1 })
  })

  it('lists the checks of one report across pages', async () => {
    for (let i = 0; i < 5; i++)
      await client().createCheck({
        country: 'CO',
        type: 'person',
        inputs: { national_id: `7000${i}` },
        reportId: 'RPT1'
      })
    await person('80000')
    const { items, pages } = await collect(client().listChecks({ reportId: 'RPT1' }))
    expect(pages).toBe(3)
    expect(items.map((check) => check.reportId)).toEqual(Array(5).fill('RPT1'))
    expect(new Set(items.map((check) => check.id)).size).toBe(5)
    expect((await collect(client().listChecks())).items).toHaveLength(6)
  })

  it('pages through details, translated with lang', async () => {
    const check = await person('1234511')
    sandbox().advance(CHECK_DONE_MS)
    const spanish = await collect(client().listDetails(check.id))
    const english = await collect(client().listDetails(check.id, { lang: 'en' }))
    expect(spanish.pages).toBe(3)
    expect(spanish.items).toHaveLength(6)
    const record = english.items.find(
      (detail) => detail.dataSet === 'criminal_record' && detail.result === 'found'
    )
    expect(record?.tables[0].title).toBe('Records')
    expect(spanish.items.find((detail) => detail.id === record?.id)?.tables[0].title).toBe('Antecedentes')
  })

  it('summarizes a check in words', async () => {
    const check = await person('1234511')
    sandbox().advance(CHECK_DONE_MS)
    const summary = await client().summarize(check.id)
    expect(summary.status).toBe('completed')
    expect(summary.text).toContain('criminal_record')
  })

  it('lists attachments and downloads them as PDFs', async () => {
    const check = await person('1020304000')
    sandbox().advance(CHECK_DONE_MS)
    const attachments = await client().attachments(check.id)
    expect(attachments.length).toBeGreaterThan(0)
    expect(attachments[0]).toMatchObject({ checkId: check.id, contentType: 'application/pdf' })
    const bytes = await client().downloadAttachment(attachments[0])
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('requests a PDF, answers not_found until it is built, then downloads it', async () => {
    const check = await person('1020304000')
    sandbox().advance(CHECK_DONE_MS)
    await expect(client().downloadPdf(check.id)).rejects.toMatchObject({ kind: 'not_found' })
    expect(await client().requestPdf(check.id)).toEqual({ pdfPath: `/v1/checks/${check.id}/pdf` })
    await expect(client().downloadPdf(check.id)).rejects.toMatchObject({ kind: 'not_found' })
    sandbox().advance(5000)
    const pdf = await client().downloadPdf(check.id, { lang: 'en' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(1000)
  })

  it('deletes a check', async () => {
    const check = await person('1020304000')
    await client().deleteCheck(check.id)
    const error = await client()
      .getCheck(check.id)
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(TruoraError)
    expect(error).toMatchObject({ kind: 'not_found', code: 10404, apiMessage: 'The Check was not found' })
  })
})

describe('TruoraClient health, custom types, settings', () => {
  it('reports hourly database health for a local day', async () => {
    const at = Date.UTC(2024, 4, 10, 12)
    const health = await client().health('CO', { at, tzOffsetSeconds: -18000 })
    expect(health.length).toBeGreaterThan(5)
    expect(health[0].hourlyStatus).toHaveLength(24)
    expect(health[0].dataSets.length).toBe(1)
    sandbox().configure({ outages: [{ country: 'CO', database: 'co-policia', status: 'major_outage' }] })
    const forced = await client().health('CO', { at, tzOffsetSeconds: -18000 })
    expect(forced.find((entry) => entry.databaseName.startsWith('Policía'))?.hourlyStatus).toEqual(
      Array(24).fill('major_outage')
    )
  })

  it('creates, lists, updates, uses and deletes a custom type', async () => {
    const created = await client().createCustomType({
      country: 'CO',
      type: 'onboarding',
      weights: { criminal_record: 0.7, personal_identity: 0.3 }
    })
    expect(created).toEqual([
      {
        country: 'CO',
        type: 'onboarding',
        weights: [
          { dataSet: 'criminal_record', weight: 0.7 },
          { dataSet: 'personal_identity', weight: 0.3 }
        ]
      }
    ])
    await client().updateCustomType({ country: 'CO', type: 'onboarding', weights: { criminal_record: 1 } })
    expect((await client().listCustomTypes())[0].weights).toEqual([{ dataSet: 'criminal_record', weight: 1 }])
    const check = await client().createCheck({
      country: 'CO',
      type: 'onboarding',
      inputs: { national_id: '99900' }
    })
    sandbox().advance(CHECK_DONE_MS)
    expect((await client().getCheck(check.id)).scores.map((score) => score.dataSet)).toEqual([
      'criminal_record'
    ])
    expect(await client().deleteCustomType('CO', 'onboarding')).toEqual([])
  })

  it('updates settings', async () => {
    const settings = await client().updateSettings({
      maxDuration: '48h',
      namesMatchingType: 'exact',
      retries: true
    })
    expect(settings).toMatchObject({ maxDuration: '48h', namesMatchingType: 'exact', retries: true })
  })
})

describe('TruoraClient continuous checks', () => {
  it('creates, reads, updates, lists and shows the history of continuous checks', async () => {
    const check = await person('1020304000')
    const endDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)
    const continuous = await client().createContinuousCheck({
      checkId: check.id,
      frequency: 'daily',
      endDate
    })
    expect(continuous).toMatchObject({
      status: 'enabled',
      counter: 0,
      frequency: 'daily',
      endDate,
      scoreStatus: 'new'
    })
    expect(continuous.check?.id).toBe(check.id)

    sandbox().advance(2 * 86_400_000 + 1000)
    expect((await client().getContinuousCheck(continuous.id)).counter).toBe(2)
    const disabled = await client().updateContinuousCheck(continuous.id, { status: 'disabled', version: 1 })
    expect(disabled).toMatchObject({ status: 'disabled', counter: 2 })
    sandbox().advance(3 * 86_400_000)
    expect((await client().getContinuousCheck(continuous.id)).counter).toBe(2)

    for (let i = 0; i < 2; i++) {
      const other = await person(`3000${i}`)
      await client().createContinuousCheck({ checkId: other.id, frequency: '2w', endDate })
    }
    const all = await collect(client().listContinuousChecks())
    expect(all.items).toHaveLength(3)
    expect(all.pages).toBe(2)
    const history = await collect(client().continuousCheckHistory(continuous.id))
    expect(history.items.map((change) => change.event)).toEqual(['created', 'updated'])
    await expect(client().deleteCheck(check.id)).rejects.toMatchObject({ kind: 'invalid_input' })
  })
})
