// Batches from create to downloaded report, and the upload link's rules, through the client.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { TruoraError } from '../../../src/main/truora/errors'
import { isFinalBatchStatus } from '../../../src/main/truora/types'
import { CHECK_DONE_MS, collect, useSandbox } from './harness'

const { sandbox, client } = useSandbox()

async function workbook(rows: (string | Date | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Checks')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

async function refusal(promise: Promise<unknown>): Promise<TruoraError> {
  const error = await promise.catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(TruoraError)
  return error as TruoraError
}

const mapping = { national_id: 0, date_of_birth: 1, custom_input: 2 }

describe('batches', () => {
  it('runs a batch from create to a downloaded xlsx report', async () => {
    const batch = await client().createBatch({ country: 'CO', type: 'person', columnsMapping: mapping })
    expect(batch.columns).toEqual([
      { input: 'national_id', index: 0 },
      { input: 'date_of_birth', index: 1 },
      { input: 'custom_input', index: 2 }
    ])
    expect(batch.fileUploadLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__uploads\//)
    const file = await workbook([
      ['national_id', 'date_of_birth', 'custom_input'],
      ['1020304000', new Date(Date.UTC(1990, 4, 17)), 'row-2'],
      ['1020304011', '1985-01-02', 'row-3'],
      [null, '1985-01-02', 'row-4'],
      ['1020304033', null, 'row-5'],
      [null, null, null],
      ['1020304055', 'not a date', 'row-7']
    ])
    await client().uploadBatchFile(batch.fileUploadLink, file)
    const started = await client().startBatch(batch.id)
    expect(started?.status).toBe('in_progress')
    await sandbox().idle()

    const running = await client().getBatch(batch.id)
    expect(running).toMatchObject({ status: 'in_progress', size: 5, createdChecks: 3, invalidChecks: 2 })
    expect(running.raw.row_errors).toEqual([
      { row: 4, message: 'Missing required input for a CO person-national check: national_id.' },
      { row: 7, message: 'date_of_birth must be a date written YYYY-MM-DD, not "not a date".' }
    ])
    const checks = await collect(client().listChecks({ reportId: running.reportId! }))
    expect(checks.items.map((check) => check.customInput)).toEqual(['row-2', 'row-3', 'row-5'])
    expect(checks.items[0].inputs.date_of_birth).toBe('1990-05-17')

    await client().requestBatchReport(batch.id, 'xlsx')
    expect(await client().getBatchReport(batch.id)).toEqual({ kind: 'pending' })
    sandbox().advance(CHECK_DONE_MS)
    const done = await client().getBatch(batch.id)
    expect(done.status).toBe('completed')
    expect(isFinalBatchStatus(done.status)).toBe(true)
    expect(done.completedChecks).toBe(3)

    const report = await client().getBatchReport(batch.id)
    if (report.kind !== 'file') throw new Error(`expected a file, got ${report.kind}`)
    expect(report.contentType).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(report.bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    expect(sheet.rowCount).toBe(6)
    expect(sheet.getRow(1).values).toContain('check_id')
    const statuses = [2, 3, 4, 5, 6].map((row) => sheet.getRow(row).getCell(6).value)
    expect(statuses).toEqual(['completed', 'completed', 'invalid', 'completed', 'invalid'])
  })

  it('delivers a csv report, or a link to it when the API answers with JSON', async () => {
    sandbox().configure({ reportDelivery: 'link' })
    const batch = await client().createBatch({
      country: 'MX',
      type: 'person',
      columnsMapping: { national_id: 0 }
    })
    await client().uploadBatchFile(
      batch.fileUploadLink,
      await workbook([['national_id'], ['GOMA800101'], ['LOPE900202']])
    )
    await client().startBatch(batch.id)
    await sandbox().idle()
    await client().requestBatchReport(batch.id, 'csv')
    sandbox().advance(CHECK_DONE_MS)
    const report = await client().getBatchReport(batch.id)
    if (report.kind !== 'link') throw new Error(`expected a link, got ${report.kind}`)
    const csv = (await client().downloadBatchReport(report.url)).toString('utf8')
    expect(csv.split('\r\n')[0]).toBe('row,national_id,check_id,status,score,id_score,name_score,error')
    expect(csv.trim().split('\r\n')).toHaveLength(3)
  })

  it('maps every input of the type when no columns_mapping is sent', async () => {
    const batch = await client().createBatch({ country: 'CO', type: 'company' })
    expect(batch.columns.map((column) => column.input)).toEqual([
      'national_id',
      'tax_id',
      'first_name',
      'last_name',
      'custom_input'
    ])
  })

  it('takes one upload per link', async () => {
    const batch = await client().createBatch({
      country: 'CO',
      type: 'person',
      columnsMapping: { national_id: 0 }
    })
    const file = await workbook([['national_id'], ['1020304000']])
    await client().uploadBatchFile(batch.fileUploadLink, file)
    const second = await refusal(client().uploadBatchFile(batch.fileUploadLink, file))
    expect(second).toMatchObject({ kind: 'upload_refused', status: 409 })
    expect(sandbox().stats().requests['PUT /__uploads/{batch_id}/{token}']).toBe(2)
  })

  it('refuses uploads once the link has expired (30 minutes by default)', async () => {
    const batch = await client().createBatch({
      country: 'CO',
      type: 'person',
      columnsMapping: { national_id: 0 }
    })
    sandbox().advance(30 * 60_000 + 1)
    const expired = await refusal(
      client().uploadBatchFile(batch.fileUploadLink, await workbook([['national_id'], ['1']]))
    )
    expect(expired).toMatchObject({ kind: 'upload_refused', status: 403 })
    expect(expired.message).toMatch(/expired/)
  })

  it('honours a shorter link lifetime set as a knob', async () => {
    sandbox().configure({ linkTtlMs: 1000 })
    const batch = await client().createBatch({
      country: 'CO',
      type: 'person',
      columnsMapping: { national_id: 0 }
    })
    expect(Date.parse(batch.linkExpiresAt!) - Date.parse(String(batch.raw.creation_date))).toBe(1000)
    sandbox().advance(1001)
    await expect(client().uploadBatchFile(batch.fileUploadLink, Buffer.from('x'))).rejects.toMatchObject({
      kind: 'upload_refused'
    })
  })

  it('will not start without a file, nor twice', async () => {
    const batch = await client().createBatch({
      country: 'CO',
      type: 'person',
      columnsMapping: { national_id: 0 }
    })
    const early = await refusal(client().startBatch(batch.id))
    expect(early).toMatchObject({ kind: 'invalid_input' })
    expect(early.apiMessage).toMatch(/Upload the xlsx file/)
    await client().uploadBatchFile(batch.fileUploadLink, await workbook([['national_id'], ['1020304000']]))
    await client().startBatch(batch.id)
    await expect(client().startBatch(batch.id)).rejects.toMatchObject({ kind: 'invalid_input' })
  })

  it('stops a batch that is running, and refuses to stop a finished one', async () => {
    const batch = await client().createBatch({
      country: 'CO',
      type: 'person',
      columnsMapping: { national_id: 0 }
    })
    await client().uploadBatchFile(batch.fileUploadLink, await workbook([['national_id'], ['1020304000']]))
    await client().startBatch(batch.id)
    const stopped = await client().stopBatch(batch.id)
    expect(stopped?.status).toBe('stopped')
    await expect(client().stopBatch(batch.id)).rejects.toMatchObject({ kind: 'invalid_input' })
    await sandbox().idle()
    expect((await client().getBatch(batch.id)).status).toBe('stopped')
  })

  it('fails a batch whose file is not an xlsx or whose headers do not follow the columns', async () => {
    const garbage = await client().createBatch({
      country: 'CO',
      type: 'person',
      columnsMapping: { national_id: 0 }
    })
    await client().uploadBatchFile(garbage.fileUploadLink, Buffer.from('name,id\nAna,1\n'))
    await client().startBatch(garbage.id)
    const wrongHeaders = await client().createBatch({
      country: 'CO',
      type: 'person',
      columnsMapping: { national_id: 0 }
    })
    await client().uploadBatchFile(wrongHeaders.fileUploadLink, await workbook([['cedula'], ['1020304000']]))
    await client().startBatch(wrongHeaders.id)
    await sandbox().idle()
    expect(await client().getBatch(garbage.id)).toMatchObject({
      status: 'failed',
      failureReason: 'The file is not a readable xlsx workbook.'
    })
    expect((await client().getBatch(wrongHeaders.id)).failureReason).toMatch(
      /Column A of row 1 should be "national_id" but is "cedula"/
    )
  })

  it('validates the create request', async () => {
    await expect(
      client().createBatch({
        country: 'CO',
        type: 'person',
        columnsMapping: { national_id: 0, date_of_birth: 0 }
      })
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      apiMessage: 'Two inputs are mapped to column index 0.'
    })
    await expect(client().createBatch({ country: 'XX', type: 'person' })).rejects.toMatchObject({
      kind: 'invalid_input'
    })
    await expect(
      client().createBatch({ country: 'CO', type: 'person', frequency: 'monthly' })
    ).rejects.toMatchObject({ kind: 'invalid_input' })
    await expect(client().getBatch('BATnope')).rejects.toMatchObject({ kind: 'not_found' })
  })
})
