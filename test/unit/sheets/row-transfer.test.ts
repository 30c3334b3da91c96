import { describe, expect, it } from 'vitest'
import { decodeRows, encodeRows } from '../../../src/main/sheets/row-transfer'
import type { ImportedRow } from '../../../src/shared/sheets/types'

const row = (n: number, cells: ImportedRow['cells']): ImportedRow => ({
  row: n,
  cells,
  inputs: { national_id: '1020304050', first_name: 'Ana María' },
  country: 'CO',
  type: 'person',
  issues: [],
  status: 'ok'
})

describe('rows sent from the import worker', () => {
  it('come back equal, dates and unusual numbers included', () => {
    const rows: ImportedRow[] = [
      row(4, { Cédula: 1020304050, Nombres: 'Ana María', Nacimiento: new Date(Date.UTC(1990, 4, 14)) }),
      row(5, { Cédula: '52.345.678', Nombres: null, Nacimiento: new Date(Number.NaN) }),
      row(6, { Cédula: Number.NaN, Nombres: true, Nacimiento: -0 }),
      row(7, { Cédula: Number.POSITIVE_INFINITY, Nombres: Number.NEGATIVE_INFINITY, Nacimiento: 0.5 })
    ]
    rows[1].issues.push({
      row: 5,
      column: 'Cédula',
      input: 'national_id',
      value: '52.345.678',
      code: 'document-length',
      params: { row: 5, column: 'Cédula', value: '52.345.678', length: 8 },
      message: 'm',
      fix: 'f',
      level: 'error'
    })
    rows[1].status = 'error'
    rows[2].country = null
    const back = decodeRows(structuredClone(encodeRows(rows)))
    expect(back).toEqual(rows)
    expect(back[0].cells.Nacimiento).toBeInstanceOf(Date)
    expect(Number.isNaN((back[1].cells.Nacimiento as Date).getTime())).toBe(true)
    expect(Object.is(back[2].cells.Nacimiento, -0)).toBe(true)
    expect(back[2].cells.Cédula).toBeNaN()
    expect(Object.keys(back[0].cells)).toEqual(['Cédula', 'Nombres', 'Nacimiento'])
  })

  it('handle an empty chunk', () => {
    expect(decodeRows(encodeRows([]))).toEqual([])
  })
})
