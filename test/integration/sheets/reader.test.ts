import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SheetError } from '../../../src/main/sheets/errors'
import { inspectSpreadsheet } from '../../../src/main/sheets/read'

const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'fixtures', name)

describe('inspectSpreadsheet on xlsx', () => {
  it('lists visible sheets, flags the hidden one, finds the header below a merged title and a blank row', async () => {
    const info = await inspectSpreadsheet(fixture('candidatos-co.xlsx'))
    expect(info.format).toBe('xlsx')
    expect(info.sheets.map((s) => s.name)).toEqual(['Instrucciones', 'Candidatos'])
    expect(info.hiddenSheets).toEqual(['Listas'])
    const sheet = info.sheets[1]
    expect(sheet.headerRow).toBe(3)
    expect(sheet.headers).toEqual([
      'No.',
      'Cédula',
      'Nombres',
      'Apellidos',
      'Fecha de nacimiento',
      'Fecha de expedición',
      'Celular',
      'Correo'
    ])
    expect(sheet.rowCount).toBe(9)
    expect(sheet.preview[0][1]).toBe(1020304050)
    expect(sheet.preview[0][4]).toEqual(new Date(Date.UTC(1990, 4, 14)))
    expect(sheet.preview[0][5]).toBe('12/06/2008')
  })

  it('reads hidden sheets when asked', async () => {
    const info = await inspectSpreadsheet(fixture('candidatos-co.xlsx'), { includeHidden: true })
    expect(info.sheets.find((s) => s.name === 'Listas')).toMatchObject({ hidden: true, rowCount: 1 })
  })

  it('reads a workbook written without exceljs (shared strings stored last, inline strings, date style)', async () => {
    const info = await inspectSpreadsheet(fixture('handmade-br.xlsx'))
    expect(info.hiddenSheets).toEqual(['Oculta'])
    const [sheet] = info.sheets
    expect(sheet).toMatchObject({ name: 'Cadastro', headerRow: 1, rowCount: 4 })
    expect(sheet.headers).toEqual(['CPF', 'Nome', 'Sobrenome', 'Data de nascimento', 'UF', 'Telefone'])
    expect(sheet.preview[0]).toEqual([
      '529.982.247-25',
      'Beatriz',
      'Oliveira Santos',
      new Date(Date.UTC(1992, 6, 21)),
      'SP',
      '(11) 91234-5678'
    ])
    expect(sheet.preview[1][0]).toBe(345678958)
    expect(sheet.preview[1][1]).toBe('Carlos Eduardo')
  })
})

describe('inspectSpreadsheet on csv', () => {
  it('decodes a Windows-1252 file separated by ; with quoted line breaks, skipping empty rows', async () => {
    const info = await inspectSpreadsheet(fixture('proveedores-latin1.csv'))
    expect(info).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';' })
    const [sheet] = info.sheets
    expect(sheet.headers).toEqual(['Razón social', 'NIT', 'País', 'Teléfono', 'Dirección'])
    expect(sheet.rowCount).toBe(4)
    expect(sheet.preview[1][0]).toBe('Distribuidora "El Ñandú" Ltda.')
    expect(sheet.preview[0][4]).toBe('Calle 100 # 15-20; Of. 301')
    expect(sheet.preview[1][4]).toBe('Carrera 43A # 1-50\r\nTorre 2')
  })

  it('drops the UTF-8 BOM and keeps accents', async () => {
    const info = await inspectSpreadsheet(fixture('empleados-bom.csv'))
    expect(info).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',' })
    expect(info.sheets[0].headers[0]).toBe('Nombres')
    expect(info.sheets[0].preview[0][1]).toBe('Muñoz Pérez')
    expect(info.sheets[0].preview[1][5]).toBe('Turno noche, bodega')
  })
})

describe('bad files get a typed error naming the file', () => {
  it.each([
    ['corrupt.xlsx', 'corrupt'],
    ['not-a-sheet.xlsx', 'corrupt'],
    ['protected.xlsx', 'password-protected'],
    ['legacy.xls', 'unsupported-format'],
    ['report.pdf', 'unsupported-format'],
    ['empty.csv', 'empty'],
    ['missing.xlsx', 'not-found']
  ])('%s -> %s', async (name, code) => {
    const error = await inspectSpreadsheet(fixture(name)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SheetError)
    expect((error as SheetError).code).toBe(code)
    expect((error as SheetError).message).toContain(`"${name}"`)
  })

  it('refuses files over the size or row limit', async () => {
    const big = await inspectSpreadsheet(fixture('candidatos-co.xlsx'), { limits: { maxBytes: 1000 } }).catch(
      (e) => e
    )
    expect(big).toMatchObject({ code: 'too-large' })
    expect(big.message).toContain('Split it')
    const many = await inspectSpreadsheet(fixture('mixed-latam.xlsx'), { limits: { maxRows: 5 } }).catch(
      (e) => e
    )
    expect(many).toMatchObject({ code: 'too-many-rows' })
  })

  it('names the sheets when the asked one does not exist', async () => {
    const error = await inspectSpreadsheet(fixture('candidatos-co.xlsx'), { sheet: 'Hoja1' }).catch((e) => e)
    expect(error).toMatchObject({ code: 'sheet-not-found' })
    expect(error.message).toContain('"Candidatos"')
  })
})

describe('inspectSpreadsheet with an explicit header row', () => {
  const inspect = (headerRow: number) =>
    inspectSpreadsheet(fixture('candidatos-co.xlsx'), { sheet: 'Candidatos', headerRow, previewRows: 1 })

  it('takes the headers from that row and skips the rows above it', async () => {
    const detected = (await inspect(3)).sheets[0]
    expect(detected).toMatchObject({ headerRow: 3, rowCount: 9 })
    expect(detected.headers.slice(0, 3)).toEqual(['No.', 'Cédula', 'Nombres'])

    const title = (await inspect(1)).sheets[0]
    expect(title).toMatchObject({ headerRow: 1, rowCount: 10 })
    expect(title.headers[0]).toBe('Listado de candidatos – Proceso de selección enero 2025')
    expect(title.headers[1]).toBe('Column B')
    expect(title.preview[0].slice(0, 2)).toEqual(['No.', 'Cédula'])

    const lower = (await inspect(4)).sheets[0]
    expect(lower).toMatchObject({ headerRow: 4, rowCount: 8 })
    expect(lower.headers.slice(0, 3)).toEqual(['1', '1020304050', 'María José'])
    expect(lower.preview[0][2]).toBe('Juan Carlos')
  })

  it('refuses a row beyond the data, an empty row and a number that is not a row', async () => {
    const beyond = await inspect(14).catch((e: unknown) => e)
    expect(beyond).toBeInstanceOf(SheetError)
    expect(beyond).toMatchObject({ code: 'header-row-invalid' })
    expect((beyond as SheetError).message).toContain('no data at or below row 14')
    expect((beyond as SheetError).message).toContain('last row with data is 13')

    const empty = await inspect(2).catch((e: unknown) => e)
    expect(empty).toMatchObject({ code: 'header-row-invalid' })
    expect((empty as SheetError).message).toContain('Row 2 of sheet "Candidatos"')

    for (const row of [0, -1, 2.5, Number.NaN]) {
      const error = await inspect(row).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'header-row-invalid' })
      expect((error as SheetError).message).toContain('must be a row number')
    }
  })

  it('works on csv files too', async () => {
    const info = await inspectSpreadsheet(fixture('empleados-bom.csv'), { headerRow: 2, previewRows: 1 })
    const [sheet] = info.sheets
    expect(sheet.headerRow).toBe(2)
    const detected = (await inspectSpreadsheet(fixture('empleados-bom.csv'))).sheets[0]
    expect(sheet.rowCount).toBe(detected.rowCount - (2 - detected.headerRow!))
  })
})
