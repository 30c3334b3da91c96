import { describe, expect, it } from 'vitest'
import type { Country, InputName } from '../../../src/shared/checks/inputs'
import { excelSerialToIso, parseDateCell, settleDateColumns } from '../../../src/shared/sheets/dates'
import { normaliseInput, type NormaliseContext } from '../../../src/shared/sheets/normalise'
import { plateProblem, normalisePlate } from '../../../src/shared/sheets/plates'
import type { CellValue } from '../../../src/shared/sheets/types'

const NOW = new Date(Date.UTC(2025, 5, 1, 12))

function norm(
  input: InputName,
  cell: CellValue,
  country: Country | null = 'CO',
  extra: Partial<NormaliseContext> = {}
) {
  const result = normaliseInput(input, cell, { country, now: NOW, ...extra })
  return { value: result.value, codes: result.problems.map((p) => `${p.level}:${p.code}`) }
}

describe('national_id per country', () => {
  it('Colombia: strips dots and spaces, keeps numbers typed as numbers', () => {
    expect(norm('national_id', '1.020.304.050')).toEqual({ value: '1020304050', codes: [] })
    expect(norm('national_id', 52345678)).toEqual({ value: '52345678', codes: [] })
    expect(norm('national_id', ' 43 567 890 ')).toEqual({ value: '43567890', codes: [] })
  })
  it('Colombia: a letter is an error that says so', () => {
    expect(norm('national_id', '1.234.56A').codes).toEqual(['error:document-letters'])
    expect(norm('national_id', '12345678901').codes).toEqual(['error:document-length'])
  })
  it('Chile: keeps the verifier, upper-cases k, drops dots and dash', () => {
    expect(norm('national_id', '12.345.678-5', 'CL')).toEqual({ value: '123456785', codes: [] })
    expect(norm('national_id', '8.765.432-k', 'CL')).toEqual({ value: '8765432K', codes: [] })
    expect(norm('national_id', '12.345.678-9', 'CL').codes).toEqual(['error:document-check-digit'])
    expect(norm('national_id', '12345', 'CL').codes).toEqual(['error:document-pattern'])
  })
  it('Brazil: CPF gets its leading zeros back and its check digits checked', () => {
    expect(norm('national_id', '529.982.247-25', 'BR')).toEqual({ value: '52998224725', codes: [] })
    expect(norm('national_id', 1234567890, 'BR')).toEqual({
      value: '01234567890',
      codes: ['info:document-zeros-restored']
    })
    expect(norm('national_id', '123.456.789-00', 'BR').codes).toEqual(['error:document-check-digit'])
  })
  it('Peru: DNI is 8 digits, zeros restored', () => {
    expect(norm('national_id', 1234567, 'PE')).toEqual({
      value: '01234567',
      codes: ['info:document-zeros-restored']
    })
    expect(norm('national_id', '45678912', 'PE')).toEqual({ value: '45678912', codes: [] })
    expect(norm('national_id', '123', 'PE').codes).toEqual(['error:document-length'])
  })
  it('Mexico: CURP is upper-cased and its check digit verified', () => {
    expect(norm('national_id', 'hegg560427mvzrrl04', 'MX')).toEqual({
      value: 'HEGG560427MVZRRL04',
      codes: []
    })
    expect(norm('national_id', 'HEGG560427MVZRRL05', 'MX').codes).toEqual(['error:document-check-digit'])
    expect(norm('national_id', 'HEGG5604', 'MX').codes).toEqual(['error:document-length'])
  })
  it('Costa Rica: 1-0234-0567 and 01-0234-0567 are the same 9 digits', () => {
    expect(norm('national_id', '1-0234-0567', 'CR').value).toBe('102340567')
    expect(norm('national_id', '01-0234-0567', 'CR').value).toBe('102340567')
  })
  it('flags a number Excel stored with lost digits', () => {
    expect(norm('national_id', 1.234567890123456e17).codes).toEqual(['error:number-precision-lost'])
  })
  it('removes the apostrophe Excel users type to force text', () => {
    expect(norm('national_id', "'0012345678", 'CO').value).toBe('0012345678')
  })
})

describe('tax_id per country', () => {
  it('Colombia: a NIT with its verification digit loses it after checking it', () => {
    expect(norm('tax_id', '900.123.456-8')).toEqual({
      value: '900123456',
      codes: ['info:document-verifier-removed']
    })
    expect(norm('tax_id', '890903938-7').codes).toEqual(['error:document-check-digit'])
    expect(norm('tax_id', '8909039388')).toEqual({
      value: '890903938',
      codes: ['info:document-verifier-removed']
    })
    expect(norm('tax_id', '900123456')).toEqual({ value: '900123456', codes: [] })
  })
  it('Brazil: CNPJ with punctuation and lost zeros', () => {
    expect(norm('tax_id', '11.222.333/0001-81', 'BR')).toEqual({ value: '11222333000181', codes: [] })
    expect(norm('tax_id', '11.222.333/0001-82', 'BR').codes).toEqual(['error:document-check-digit'])
  })
  it('Mexico: RFC pattern is an error, a wrong check digit only a warning', () => {
    expect(norm('tax_id', 'SAT-970701-NN3', 'MX')).toEqual({ value: 'SAT970701NN3', codes: [] })
    expect(norm('tax_id', 'SAT970701NN4', 'MX').codes).toEqual(['warning:document-check-digit'])
    expect(norm('tax_id', 'XAXX010101000', 'MX').codes).toEqual([])
    expect(norm('tax_id', 'SA970701', 'MX').codes).toEqual(['error:document-pattern'])
  })
  it('Peru: RUC check digit; Chile: company RUT', () => {
    expect(norm('tax_id', '20100070970', 'PE').codes).toEqual([])
    expect(norm('tax_id', '20100070971', 'PE').codes).toEqual(['error:document-check-digit'])
    expect(norm('tax_id', '76.086.428-5', 'CL').codes).toEqual([])
    expect(norm('tax_id', '76.086.428-6', 'CL').codes).toEqual(['error:document-check-digit'])
  })
})

describe('license plates', () => {
  it('upper-cases and removes separators', () => {
    expect(normalisePlate(' abc-123 ')).toBe('ABC123')
    expect(norm('license_plate', 'bc·df·12', 'CL').value).toBe('BCDF12')
  })
  it.each([
    ['CO', 'ABC123', true],
    ['CO', 'ABC12D', true],
    ['CO', 'AB1234', false],
    ['CL', 'BCDF12', true],
    ['CL', 'AB1234', true],
    ['CL', 'ABCD12', false],
    ['BR', 'BRA2E19', true],
    ['BR', 'ABC1234', true],
    ['BR', 'AB12345', false],
    ['MX', 'ABC1234', true],
    ['MX', '123ABC', true],
    ['PE', 'A1B234', true],
    ['PE', '1234AB', true],
    ['PE', '12345', false],
    ['CR', 'BCD123', true],
    ['CR', '123456', true],
    ['CR', 'ABCDEFG', false]
  ] as const)('%s %s valid: %s', (country, plate, valid) => {
    expect(plateProblem(country, plate) === null).toBe(valid)
  })
  it('an invalid plate names the country and its formats', () => {
    const result = normaliseInput('license_plate', 'AB1234', { country: 'CO', now: NOW })
    expect(result.problems[0].code).toBe('plate-pattern')
    expect(result.problems[0].params.examples).toContain('ABC123')
  })
})

describe('phone numbers to E.164', () => {
  it.each([
    ['CO', '300 123 4567', '+573001234567'],
    ['CO', 3001234567, '+573001234567'],
    ['CO', '(601) 765 4321', '+576017654321'],
    ['CO', '57 300 123 4567', '+573001234567'],
    ['CL', '9 8765 4321', '+56987654321'],
    ['MX', '55 1234 5678', '+525512345678'],
    ['BR', '(11) 98765-4321', '+5511987654321'],
    ['BR', '011 98765-4321', '+5511987654321'],
    ['PE', '987 654 321', '+51987654321'],
    ['CR', '8888-7777', '+50688887777'],
    ['CO', '+57 310 555 1234', '+573105551234'],
    ['MX', '0052 55 1234 5678', '+525512345678']
  ] as const)('%s %s -> %s', (country, raw, expected) => {
    expect(norm('phone_number', raw, country)).toEqual({ value: expected, codes: [] })
  })
  it('rejects numbers of the wrong length for the country', () => {
    expect(norm('phone_number', '12345', 'CO').codes).toEqual(['error:phone-invalid'])
    expect(norm('phone_number', '300 123 456', 'CO').codes).toEqual(['error:phone-invalid'])
  })
  it('warns when no country tells the calling code', () => {
    expect(norm('phone_number', '3001234567', 'ALL').codes).toEqual(['warning:phone-country-unknown'])
  })
})

describe('dates', () => {
  const opts = { order: 'dmy' as const, ambiguousColumn: false, now: NOW }
  it('reads Excel serials in the 1900 system, including its leap-year bug', () => {
    expect(excelSerialToIso(1)).toEqual({ ok: true, iso: '1900-01-01', ambiguous: false })
    expect(excelSerialToIso(59)).toEqual({ ok: true, iso: '1900-02-28', ambiguous: false })
    expect(excelSerialToIso(60)).toEqual({ ok: false, reason: 'excel-1900-02-29' })
    expect(excelSerialToIso(61)).toEqual({ ok: true, iso: '1900-03-01', ambiguous: false })
    expect(excelSerialToIso(32874)).toEqual({ ok: true, iso: '1990-01-01', ambiguous: false })
    expect(excelSerialToIso(45658)).toEqual({ ok: true, iso: '2025-01-01', ambiguous: false })
  })
  it.each([
    ['14/05/1990', '1990-05-14'],
    ['14-05-1990', '1990-05-14'],
    ['14.05.1990', '1990-05-14'],
    ['7/3/88', '1988-03-07'],
    ['3/11/05', '2005-11-03'],
    ['1990-05-14', '1990-05-14'],
    ['1990-05-14T00:00:00Z', '1990-05-14'],
    ['19900514', '1990-05-14'],
    ['14 de mayo de 1990', '1990-05-14'],
    ['14-may-90', '1990-05-14'],
    ['21 de março de 1985', '1985-03-21'],
    ['32874', '1990-01-01']
  ])('%s -> %s', (text, iso) => {
    expect(parseDateCell(text, opts)).toEqual({ ok: true, iso, ambiguous: false })
  })
  it('reads JS dates from exceljs as their UTC day, even a few ms early', () => {
    expect(parseDateCell(new Date(Date.UTC(1990, 4, 14)), opts)).toMatchObject({ iso: '1990-05-14' })
    expect(parseDateCell(new Date(Date.UTC(1990, 4, 14) - 3), opts)).toMatchObject({ iso: '1990-05-14' })
  })
  it('rejects days that do not exist and text that is no date', () => {
    expect(parseDateCell('31/04/1992', opts)).toEqual({ ok: false, reason: 'nonexistent' })
    expect(parseDateCell('29/02/1991', opts)).toEqual({ ok: false, reason: 'nonexistent' })
    expect(parseDateCell('29/02/1992', opts)).toMatchObject({ iso: '1992-02-29' })
    expect(parseDateCell('pendiente', opts)).toEqual({ ok: false, reason: 'unreadable' })
  })
  it('reads month first when the column says so, and flags ambiguous days in an undecided column', () => {
    expect(parseDateCell('12/31/1985', { ...opts, order: 'mdy' })).toMatchObject({ iso: '1985-12-31' })
    expect(parseDateCell('03/04/1990', { ...opts, ambiguousColumn: true })).toEqual({
      ok: true,
      iso: '1990-04-03',
      ambiguous: true
    })
    expect(parseDateCell('13/04/1990', { ...opts, ambiguousColumn: true })).toMatchObject({
      ambiguous: false
    })
  })
  it('settles a column order from its evidence, the other date columns, then the country', () => {
    const settle = (values: string[], dayFirstCountry = false, other: string[] = []) =>
      settleDateColumns(
        [0, 1],
        values.map((value, i) => ({ row: i + 2, cells: [value, other[i] ?? null] })),
        dayFirstCountry
      )[0]
    expect(settle(['22/11/1979', '03/04/1985'])).toEqual({
      order: 'dmy',
      ambiguous: false,
      settledBy: 'values'
    })
    expect(settle(['12/31/1985', '03/04/1988'])).toEqual({
      order: 'mdy',
      ambiguous: false,
      settledBy: 'values'
    })
    expect(settle(['03/04/2010', '05/06/2012'], false, ['12/31/1985', '01/02/1990'])).toEqual({
      order: 'mdy',
      ambiguous: false,
      settledBy: 'other-columns'
    })
    expect(settle(['03/04/2010', '05/06/2012'], true)).toEqual({
      order: 'dmy',
      ambiguous: false,
      settledBy: 'country'
    })
    expect(settle(['03/04/2010', '05/06/2012'])).toEqual({ order: 'dmy', ambiguous: true, warnRow: 2 })
    expect(settle(['22/11/1979', '12/31/1985'])).toEqual({ order: 'dmy', ambiguous: true })
  })
  it('date inputs: future is an error, odd ages warn, very old is an error', () => {
    expect(norm('date_of_birth', '14/05/2030').codes).toEqual(['error:date-future'])
    expect(norm('date_of_birth', '01/01/2020').codes).toEqual(['warning:date-implausible-age'])
    expect(norm('date_of_birth', '01/01/1890').codes).toEqual(['error:date-too-old'])
    expect(norm('issue_date', '01/01/2026').codes).toEqual(['error:date-future'])
    expect(norm('date_of_birth', '29/02/1991')).toEqual({ value: null, codes: ['error:date-invalid'] })
    expect(norm('date_of_birth', 32874)).toEqual({ value: '1990-01-01', codes: [] })
  })
})

describe('other inputs', () => {
  it('custom_input takes at most 128 characters', () => {
    expect(norm('custom_input', 'x'.repeat(128)).codes).toEqual([])
    expect(norm('custom_input', 'x'.repeat(129)).codes).toEqual(['error:text-too-long'])
  })
  it('names collapse spaces and warn about digits', () => {
    expect(norm('first_name', '  María   José ')).toEqual({ value: 'María José', codes: [] })
    expect(norm('last_name', 'Gómez 2').codes).toEqual(['warning:name-has-digits'])
  })
  it('native country, Brazilian state and owner document type accept names', () => {
    expect(norm('native_country', 'Venezolana').value).toBe('VE')
    expect(norm('native_country', 'Argentina').codes).toEqual(['error:value-not-allowed'])
    expect(norm('region', 'São Paulo', 'BR').value).toBe('SP')
    expect(norm('region', 'rj', 'BR').value).toBe('RJ')
    expect(norm('owner_document_type', 'Cédula de extranjería').value).toBe('foreign-id')
    expect(norm('owner_document_type', 'CC').value).toBe('national-id')
  })
  it('IMEI must pass its Luhn check', () => {
    expect(norm('imei', '49-015420-323751-8').value).toBe('490154203237518')
    expect(norm('imei', '490154203237519').codes).toEqual(['error:imei-invalid'])
  })
  it('empty cells give no value and no problem', () => {
    expect(norm('national_id', null)).toEqual({ value: null, codes: [] })
    expect(norm('national_id', '   ')).toEqual({ value: null, codes: [] })
  })
})
