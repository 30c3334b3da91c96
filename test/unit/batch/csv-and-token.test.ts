import { describe, expect, it } from 'vitest'
import { csvField, csvLine } from '../../../src/main/export/csv'
import { rowToken } from '../../../src/main/batch/engine'

describe('csv fields', () => {
  it('quotes per RFC 4180 and defuses text Excel would run as a formula', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(csvField('+57 300')).toBe("'+57 300")
    expect(csvField('-2')).toBe("'-2")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`)
    expect(csvField(-0.5)).toBe('-0.5')
    expect(csvField(null)).toBe('')
    expect(csvField(new Date(Date.UTC(1990, 4, 12)))).toBe('1990-05-12')
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n')
  })
})

describe('row token', () => {
  it('is unique per row and re-run and fits custom_input', () => {
    expect(rowToken('b20261122-0123abcd', 0, 0)).toBe('lote:b20261122-0123abcd:1')
    expect(rowToken('b20261122-0123abcd', 99_999, 3)).toBe('lote:b20261122-0123abcd:100000:r3')
    expect(rowToken('b20261122-0123abcd', 99_999, 3).length).toBeLessThanOrEqual(128)
  })
})
