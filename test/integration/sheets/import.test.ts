import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importSpreadsheet } from '../../../src/main/sheets/import'
import { runImportInWorker } from '../../../src/main/sheets/workers'
import { SheetError } from '../../../src/main/sheets/errors'
import { SavedMappings } from '../../../src/main/sheets/saved-mappings'
import { suggestMapping } from '../../../src/shared/sheets/mapping'
import type { ImportProgress, ImportedRow } from '../../../src/shared/sheets/types'

const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'fixtures', name)
const NOW = new Date(Date.UTC(2025, 5, 1, 12))

async function collect(file: string, options: Parameters<typeof importSpreadsheet>[1] = {}) {
  const rows: ImportedRow[] = []
  const result = await importSpreadsheet(file, {
    now: NOW,
    ...options,
    onRows: (chunk) => void rows.push(...chunk)
  })
  return { rows, result }
}

describe('importSpreadsheet', () => {
  it('picks the data sheet, maps, normalises and validates every row', async () => {
    const { rows, result } = await collect(fixture('candidatos-co.xlsx'), {
      defaults: { country: 'CO', type: 'person' }
    })
    expect(result).toMatchObject({ sheet: 'Candidatos', headerRow: 3 })
    // Colombian person checks take no names: the name columns are not mapped.
    expect(result.mapping.targets.slice(1, 7)).toEqual([
      'national_id',
      null,
      null,
      'date_of_birth',
      'issue_date',
      'phone_number'
    ])
    expect(result.suggestions[2].reasons).toContainEqual({ kind: 'not-taken', target: 'first_name' })
    expect(rows.map((r) => r.row)).toEqual([4, 5, 7, 8, 9, 10, 11, 12, 13])
    const byRow = new Map(rows.map((r) => [r.row, r]))
    expect(byRow.get(4)!.inputs).toEqual({
      national_id: '1020304050',
      date_of_birth: '1990-05-14',
      issue_date: '2008-06-12',
      phone_number: '+573001234567'
    })
    expect(byRow.get(5)!.inputs.date_of_birth).toBe('1985-04-03')
    expect(byRow.get(8)!.inputs.date_of_birth).toBe('1990-01-01')
    expect(byRow.get(12)!.inputs).toMatchObject({ date_of_birth: '1988-03-07', issue_date: '2006-08-19' })
    expect(byRow.get(7)!.issues.map((i) => i.code)).toEqual(['document-letters', 'date-invalid'])
    expect(byRow.get(9)!.issues.map((i) => i.code)).toEqual(['duplicate-row'])
    expect(result.summary).toMatchObject({ rows: 9, byStatus: { ok: 4, warning: 1, error: 4, excluded: 0 } })
    expect(result.summary.byCode['document-letters']!.examples[0].message).toContain("'1.234.56A'")
  })

  it('handles a mixed batch with country and type columns and leading zeros lost in Excel', async () => {
    const { rows } = await collect(fixture('mixed-latam.xlsx'))
    const status = Object.fromEntries(rows.map((r) => [r.row, [r.country, r.type, r.status]]))
    expect(status[2]).toEqual(['CL', 'person', 'ok'])
    expect(status[4]).toEqual(['BR', 'person', 'ok'])
    expect(status[6]).toEqual(['MX', 'person', 'ok'])
    expect(status[9]).toEqual(['CO', 'vehicle', 'ok'])
    expect(status[11]).toEqual(['CO', 'company', 'error'])
    expect(status[12]).toEqual([null, 'person', 'error'])
    const brazil = rows.find((r) => r.row === 4)!
    expect(brazil.inputs).toMatchObject({
      national_id: '01234567890',
      region: 'SP',
      phone_number: '+5511987654321'
    })
    expect(brazil.issues.map((i) => `${i.level}:${i.code}`)).toEqual(['info:document-zeros-restored'])
    expect(rows.find((r) => r.row === 7)!.inputs.national_id).toBe('01234567')
  })

  it('settles a date column by its values, then by the other date columns of the file', async () => {
    // Colombia takes both dates (a date of birth and the document's issue date).
    const { rows, result } = await collect(fixture('fechas-ambiguas.csv'), {
      defaults: { country: 'CO', type: 'person' }
    })
    expect(result.dateColumns).toEqual({
      3: { order: 'mdy', ambiguous: false, settledBy: 'values' },
      4: { order: 'mdy', ambiguous: false, settledBy: 'other-columns' }
    })
    expect(rows[2].inputs.date_of_birth).toBe('1988-03-04')
    expect(rows[0].inputs.issue_date).toBe('2010-03-04')
    expect(rows.flatMap((r) => r.issues).filter((i) => i.code === 'date-ambiguous')).toEqual([])
  })

  it("settles a date column nothing in the file settles by the country's convention, else warns once", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lote-dates-'))
    const file = join(dir, 'fechas.csv')
    await writeFile(
      file,
      'País,Cédula,Fecha de nacimiento\nCO,1020304050,03/04/1990\nCO,52345678,05/06/1991\nInternacional,,07/08/1992\n'
    )
    const colombian = await collect(file, { defaults: { country: 'CO', type: 'person' } })
    expect(colombian.result.dateColumns[2]).toEqual({ order: 'dmy', ambiguous: false, settledBy: 'country' })
    // Each row's country from a column, one of them international: no convention settles the column.
    const mixed = await collect(file, { defaults: { type: 'person' } })
    expect(mixed.result.mapping.targets).toEqual(['country', 'national_id', 'date_of_birth'])
    expect(mixed.result.dateColumns[2]).toEqual({ order: 'dmy', ambiguous: true, warnRow: 2 })
    const warnings = mixed.rows.flatMap((r) => r.issues).filter((i) => i.code === 'date-ambiguous')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ row: 2, column: 'Fecha de nacimiento', level: 'warning' })
    expect(warnings[0].message).toContain('the dates of this column can be read day first or month first')
    expect(mixed.rows[0].inputs).toMatchObject({ date_of_birth: '1990-04-03' })
  })

  it('applies a confirmed mapping by header and the batch defaults', async () => {
    const headers = ['Nombres', 'Apellidos', 'RUT', 'Fecha de nacimiento', 'Teléfono', 'Observaciones']
    const { rows } = await collect(fixture('empleados-bom.csv'), {
      mapping: {
        headers,
        targets: ['first_name', 'last_name', 'national_id', null, null, null],
        defaults: {}
      },
      defaults: { country: 'CL', type: 'person' }
    })
    expect(rows[0].inputs).toEqual({
      first_name: 'Camila Andrea',
      last_name: 'Muñoz Pérez',
      national_id: '123456785'
    })
    expect(rows[3].issues.map((i) => i.code)).toEqual(['document-check-digit'])
  })

  it('streams thousands of rows in chunks with throttled progress, beyond the date sample', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lote-import-'))
    const file = join(dir, 'grande.csv')
    const lines = ['Cédula;Nombres;Fecha de nacimiento']
    for (let i = 0; i < 5000; i++)
      lines.push(`${10_000_000 + i};Ana María;${(i % 28) + 1}/0${(i % 9) + 1}/1990`)
    await writeFile(file, lines.join('\n'), 'latin1')
    const chunks: number[] = []
    const progress: ImportProgress[] = []
    const result = await importSpreadsheet(file, {
      defaults: { country: 'CO', type: 'person' },
      encoding: 'windows-1252',
      now: NOW,
      chunkSize: 1000,
      progressIntervalMs: 0,
      onRows: (rows) => void chunks.push(rows.length),
      onProgress: (p) => progress.push(p)
    })
    expect(chunks).toEqual([1000, 1000, 1000, 1000, 1000])
    expect(result.summary.byStatus.ok).toBe(5000)
    expect(progress.at(-1)).toMatchObject({ rows: 5000, fraction: 1 })
  })

  it('stops when aborted', async () => {
    const controller = new AbortController()
    const error = await importSpreadsheet(fixture('mixed-latam.xlsx'), {
      signal: controller.signal,
      onRows: () => controller.abort()
    }).catch((e) => e)
    expect(error).toMatchObject({ code: 'aborted' })
  })
})

/** A file whose instructions list more field names than its real header row (row 4) has. */
async function reportWithTitleBlock(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lote-header-row-'))
  const file = join(dir, 'reporte.csv')
  const lines = [
    'Documento;Nombres;Apellidos;Fecha de nacimiento;Celular;Correo;Ciudad;Cargo',
    'Llene;las;columnas;de;abajo;sin;cambiar;nada',
    '',
    'CC;Nombres;Apellidos',
    '1020304050;Ana María;Gómez',
    '79123456;Luis;Pérez'
  ]
  await writeFile(file, lines.join('\n'), 'utf8')
  return file
}

describe('importSpreadsheet with an explicit header row', () => {
  it('uses that row instead of the detected one and skips the rows above it', async () => {
    const file = await reportWithTitleBlock()
    const detected = await collect(file, { defaults: { country: 'CL', type: 'person' } })
    expect(detected.result.headerRow).toBe(1)

    // Chile's foreigner checks take names, so they are mapped there.
    const { rows, result } = await collect(file, {
      headerRow: 4,
      defaults: { country: 'CL', type: 'person' }
    })
    expect(result).toMatchObject({ headerRow: 4, headers: ['CC', 'Nombres', 'Apellidos'] })
    expect(result.mapping.targets).toEqual(['national_id', 'first_name', 'last_name'])
    expect(rows.map((r) => r.row)).toEqual([5, 6])
    expect(rows[0].inputs).toMatchObject({ first_name: 'Ana María', last_name: 'Gómez' })
  })

  it('refuses a header row beyond the data with a SheetError', async () => {
    const file = await reportWithTitleBlock()
    const error = await importSpreadsheet(file, { headerRow: 40 }).catch((e) => e)
    expect(error).toBeInstanceOf(SheetError)
    expect(error).toMatchObject({ code: 'header-row-invalid' })
    expect(error.message).toContain('last row with data is 6')
    await expect(importSpreadsheet(file, { headerRow: 0 })).rejects.toMatchObject({
      code: 'header-row-invalid'
    })
  })

  it('passes the header row to the sheet it names in a workbook', async () => {
    const { result } = await collect(fixture('candidatos-co.xlsx'), {
      sheet: 'Candidatos',
      headerRow: 3,
      defaults: { country: 'CO', type: 'person' }
    })
    expect(result).toMatchObject({ sheet: 'Candidatos', headerRow: 3, summary: { rows: 9 } })
  })
})

describe('runImportInWorker', () => {
  it('gives the same rows and summary as the in-thread pipeline', async () => {
    const inThread = await collect(fixture('mixed-latam.xlsx'))
    const rows: ImportedRow[] = []
    const progress: ImportProgress[] = []
    const result = await runImportInWorker(fixture('mixed-latam.xlsx'), {
      now: NOW,
      chunkSize: 5,
      onRows: async (chunk) => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        rows.push(...chunk)
      },
      onProgress: (p) => progress.push(p)
    })
    expect(rows).toEqual(inThread.rows)
    expect(result.summary).toEqual(inThread.result.summary)
    expect(progress.length).toBeGreaterThan(0)
  })

  it('takes an explicit header row and passes its errors back', async () => {
    const file = await reportWithTitleBlock()
    const rows: ImportedRow[] = []
    const result = await runImportInWorker(file, {
      headerRow: 4,
      defaults: { country: 'CO', type: 'person' },
      now: NOW,
      onRows: (chunk) => void rows.push(...chunk)
    })
    expect(result).toMatchObject({ headerRow: 4, headers: ['CC', 'Nombres', 'Apellidos'] })
    expect(rows.map((r) => r.inputs.national_id)).toEqual(['1020304050', '79123456'])
    const error = await runImportInWorker(file, { headerRow: 7 }).catch((e) => e)
    expect(error).toMatchObject({ name: 'SheetError', code: 'header-row-invalid' })
    expect(error.message).toContain('no data at or below row 7')
  })

  it('passes back an error met while reading rows, after the sheet was chosen', async () => {
    const error = await runImportInWorker(fixture('mixed-latam.xlsx'), { limits: { maxRows: 5 } }).catch(
      (e) => e
    )
    expect(error).toMatchObject({ name: 'SheetError', code: 'too-many-rows' })
  })

  it('passes typed errors back from the worker', async () => {
    const error = await runImportInWorker(fixture('protected.xlsx')).catch((e) => e)
    expect(error).toMatchObject({ name: 'SheetError', code: 'password-protected' })
  })

  it('can be cancelled', async () => {
    const controller = new AbortController()
    const pending = runImportInWorker(fixture('candidatos-co.xlsx'), { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'aborted' })
  })
})

describe('SavedMappings', () => {
  it('offers a confirmed mapping again for the same headers in any order, and survives a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lote-mappings-'))
    const store = new SavedMappings(dir, () => NOW)
    const headers = ['Documento', 'Nombre', 'Correo']
    await store.save({
      headers,
      targets: ['tax_id', 'company_name', null],
      defaults: { country: 'CO', type: 'company' }
    })
    const again = await new SavedMappings(dir).find(['CORREO', 'nombre', 'Documento'])
    expect(again).toEqual({
      targets: { documento: 'tax_id', nombre: 'company_name', correo: null },
      defaults: { country: 'CO', type: 'company' },
      savedAt: NOW.toISOString()
    })
    expect(suggestMapping(['Nombre', 'Documento'], { saved: again!.targets }).map((s) => s.target)).toEqual([
      'company_name',
      'tax_id'
    ])
    expect(await store.find(['Documento'])).toBeNull()
    expect(JSON.parse(await readFile(join(dir, 'saved-mappings.json'), 'utf8')).version).toBe(1)
  })

  it('starts empty when the file is damaged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lote-mappings-'))
    await writeFile(join(dir, 'saved-mappings.json'), '{not json')
    expect(await new SavedMappings(dir).find(['a'])).toBeNull()
  })
})
