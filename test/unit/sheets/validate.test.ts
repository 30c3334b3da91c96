import { describe, expect, it } from 'vitest'
import { summarise } from '../../../src/shared/sheets/summary'
import type { ColumnMapping, ImportedRow, MappingTarget } from '../../../src/shared/sheets/types'
import { RowValidator } from '../../../src/shared/sheets/validate'

const NOW = new Date(Date.UTC(2025, 5, 1, 12))

function validator(
  headers: string[],
  targets: (MappingTarget | null)[],
  defaults: ColumnMapping['defaults'] = {}
) {
  return new RowValidator({ headers, targets, defaults }, { now: NOW })
}

const codes = (row: ImportedRow) => row.issues.map((issue) => `${issue.level}:${issue.code}`)

describe('RowValidator', () => {
  const people = () =>
    validator(
      ['Cédula', 'Nombres', 'Fecha de nacimiento', 'Celular'],
      ['national_id', 'first_name', 'date_of_birth', 'phone_number'],
      { country: 'CO', type: 'person' }
    )

  it('produces normalised inputs, original cells and status ok for a good row', () => {
    const row = people().validateRow(4, ['1.020.304.050', 'María José', '14/05/1990', 3001234567])
    expect(row).toMatchObject({
      row: 4,
      country: 'CO',
      type: 'person',
      status: 'ok',
      inputs: {
        national_id: '1020304050',
        first_name: 'María José',
        date_of_birth: '1990-05-14',
        phone_number: '+573001234567'
      },
      cells: { Cédula: '1.020.304.050', Celular: 3001234567 }
    })
    expect(row.issues).toEqual([])
  })

  it('writes issues a person can act on: row, column, value, what is wrong, how to fix', () => {
    const row = people().validateRow(14, ['1.234.56A', 'Ana', '14/05/1990', ''])
    expect(row.status).toBe('error')
    expect(row.issues[0]).toMatchObject({
      row: 14,
      column: 'Cédula',
      input: 'national_id',
      value: '1.234.56A',
      code: 'document-letters',
      level: 'error',
      message: "Row 14, column Cédula: '1.234.56A' is not a Colombian cédula: it has a letter.",
      fix: 'Use digits only.'
    })
    expect(row.issues[0].params).toMatchObject({ row: 14, column: 'Cédula', document: 'Colombian cédula' })
  })

  it('reports a missing required input once, naming its column', () => {
    const row = people().validateRow(5, [null, 'Pedro', '22/11/1979', ''])
    expect(codes(row)).toEqual(['error:required-missing'])
    expect(row.issues[0].message).toBe(
      'Row 5, column Cédula: empty, but a Colombian person check needs the national ID.'
    )
  })

  it('asks for an unmapped input by name and does not repeat an invalid one as missing', () => {
    const v = validator(['CPF'], ['national_id'], { country: 'BR', type: 'person' })
    const row = v.validateRow(2, ['123.456.789-00'])
    expect(codes(row)).toEqual([
      'error:document-check-digit',
      'error:required-missing',
      'error:required-missing'
    ])
    expect(row.issues.map((i) => i.input)).toEqual(['national_id', 'date_of_birth', 'region'])
  })

  it('uses alternatives (Colombian foreigner: foreign ID or PPT)', () => {
    const v = validator(['PPT', 'F. Nac.', 'F. Exp.'], ['ptp', 'date_of_birth', 'issue_date'], {
      country: 'CO',
      type: 'person'
    })
    expect(codes(v.validateRow(2, ['1234567', '01/01/1990', '01/01/2010']))).toEqual([])
    const v2 = validator(['Doc'], ['foreign_id'], { country: 'CO', type: 'person' })
    expect(codes(v2.validateRow(2, ['E123456']))).toEqual([
      'error:required-missing',
      'error:required-missing'
    ])
  })

  it('says when Truora has no such check (no company checks in Chile)', () => {
    const v = validator(['RUT'], ['tax_id'], { country: 'CL', type: 'company' })
    expect(v.validateRow(2, ['76.086.428-5']).issues[0].message).toBe(
      'Row 2: Truora offers no company check in Chile.'
    )
  })

  it('takes country and type from columns in mixed batches', () => {
    const v = validator(
      ['País', 'Tipo', 'Documento', 'Placa'],
      ['country', 'type', 'national_id', 'license_plate']
    )
    const vehicle = v.validateRow(2, ['Colombia', 'Vehículo', '79876543', 'abc-123'])
    expect(vehicle).toMatchObject({
      country: 'CO',
      type: 'vehicle',
      status: 'ok',
      inputs: { license_plate: 'ABC123' }
    })
    expect(codes(v.validateRow(3, ['Argentina', 'persona', '20123456', '']))).toEqual([
      'error:country-unknown'
    ])
    expect(codes(v.validateRow(4, ['', 'persona', '20123456', '']))).toEqual(['error:country-missing'])
    const custom = v.validateRow(5, ['CO', 'antecedentes_plus', '79876543', ''])
    expect(custom.type).toBe('antecedentes_plus')
    // Nobody said what this custom type checks: Truora decides, and the row is not blocked.
    expect(codes(custom)).toEqual(['info:type-custom', 'warning:custom-type-kind-unknown'])
    expect(custom.status).toBe('warning')
  })

  it('validates a custom type by the kind its datasets or the analyst gave it', () => {
    const mapping: ColumnMapping = {
      headers: ['Tipo', 'Nombre', 'Cédula', 'Placa'],
      targets: ['type', 'first_name', 'national_id', 'license_plate'],
      defaults: { country: 'CO' }
    }
    const v = new RowValidator(mapping, {
      now: NOW,
      customTypeKinds: { 'CO/flota': 'vehicle', 'CO/listas': 'name' }
    })
    // A vehicle type without a plate is blocked as a vehicle check would be, not as a person check.
    expect(codes(v.validateRow(2, ['flota', 'Ana', '79876543', '']))).toContain('error:required-missing')
    expect(
      codes(v.validateRow(3, ['flota', '', '79876543', 'ABC123'])).filter((c) => c.startsWith('error'))
    ).toEqual([])
    // A name search needs a name, and nothing else.
    expect(codes(v.validateRow(4, ['listas', 'Madonna', '', '']))).toEqual(['info:type-custom'])
    expect(codes(v.validateRow(5, ['listas', '', '', '']))).toContain('error:alternative-missing')
  })

  it('warns about duplicates (same document, country and type) on the later row only', () => {
    const v = people()
    const first = v.validateRow(4, ['1020304050', 'Ana', '', ''])
    const second = v.validateRow(9, ['1.020.304.050', 'Ana', '', ''])
    const otherType = validator(['Cédula'], ['national_id'], { country: 'CO', type: 'vehicle' })
    expect(codes(first)).toEqual([])
    expect(codes(second)).toEqual(['warning:duplicate-row'])
    expect(second.status).toBe('warning')
    expect(second.issues[0].message).toBe(
      'Row 9, column Cédula: repeats row 4 (same national ID, country and check type).'
    )
    expect(codes(otherType.validateRow(10, ['1020304050']))).toEqual(['error:required-missing'])
  })
})

describe('incremental re-validation', () => {
  const setup = () => {
    const v = new RowValidator(
      {
        headers: ['Cédula', 'Nombres'],
        targets: ['national_id', 'first_name'],
        defaults: { country: 'CO', type: 'person' }
      },
      { now: NOW }
    )
    const rows = new Map<number, ImportedRow>()
    for (const [n, id] of [
      [2, '52345678'],
      [3, '1.234.56A'],
      [4, '52345678'],
      [5, '52345678']
    ] as const)
      rows.set(n, v.validateRow(n, [id, 'Ana']))
    return { v, rows }
  }

  it('fixing a cell in place re-checks only that row', () => {
    const { v, rows } = setup()
    const { row, affectedRows } = v.revalidateRow(rows.get(3)!, {
      kind: 'cell',
      column: 'Cédula',
      value: '1234567'
    })
    expect(row.status).toBe('ok')
    expect(row.inputs.national_id).toBe('1234567')
    expect(row.cells['Cédula']).toBe('1234567')
    expect(affectedRows).toEqual([])
  })

  it('changing the first of a set of duplicates hands "first" to the next row', () => {
    const { v, rows } = setup()
    expect(rows.get(4)!.status).toBe('warning')
    const { row, affectedRows } = v.revalidateRow(rows.get(2)!, {
      kind: 'cell',
      column: 'Cédula',
      value: '43567890'
    })
    expect(row.status).toBe('ok')
    expect(affectedRows.sort()).toEqual([4, 5])
    const four = v.refreshDuplicate(rows.get(4)!)
    const five = v.refreshDuplicate(rows.get(5)!)
    expect(four.status).toBe('ok')
    expect(five.issues[0].params.first).toBe(4)
  })

  it('excluding and including a row', () => {
    const { v, rows } = setup()
    const excluded = v.revalidateRow(rows.get(3)!, { kind: 'exclude' })
    expect(excluded.row.status).toBe('excluded')
    expect(codes(excluded.row)).toContain('info:row-excluded')
    const dupExcluded = v.revalidateRow(rows.get(2)!, { kind: 'exclude' })
    expect(dupExcluded.affectedRows.sort()).toEqual([4, 5])
    expect(v.refreshDuplicate(rows.get(4)!).status).toBe('ok')
    const back = v.revalidateRow(dupExcluded.row, { kind: 'include' })
    expect(back.row.status).toBe('ok')
    expect(back.affectedRows.sort()).toEqual([4, 5])
    expect(v.refreshDuplicate(rows.get(4)!).status).toBe('warning')
  })

  it('summarises counts by status, level and code with examples', () => {
    const { rows } = setup()
    const summary = summarise(rows.values())
    expect(summary.rows).toBe(4)
    expect(summary.byStatus).toEqual({ ok: 1, warning: 2, error: 1, excluded: 0 })
    expect(summary.byCode['duplicate-row']).toMatchObject({ level: 'warning', count: 2 })
    expect(summary.byCode['duplicate-row']!.examples[0].row).toBe(4)
  })
})
