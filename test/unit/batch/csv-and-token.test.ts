import { describe, expect, it } from 'vitest'
import { csvField, csvLine, csvText } from '../../../src/main/export/csv'
import { reportLocale } from '../../../src/main/export/i18n'
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
    expect(csvField({ number: '-0.5' })).toBe('-0.5')
    expect(csvField(null)).toBe('')
    expect(csvLine(['a', { number: '1' }, null])).toBe('a,1,\r\n')
    expect(csvLine(['a;b', 'c,d'], ';')).toBe('"a;b";c,d\r\n')
  })

  it('writes numbers, dates and moments as the analyst’s language and zone write them', () => {
    const es = reportLocale('es', 'America/Bogota')
    const en = reportLocale('en', 'America/Sao_Paulo')
    const day = new Date(Date.UTC(1990, 4, 12))
    expect(csvText(es, { kind: 'original' }, day)).toBe('12/05/1990')
    expect(csvText(en, { kind: 'original' }, day)).toBe('05/12/1990')
    expect(csvText(es, { kind: 'score' }, 0.8)).toEqual({ number: '0,80' })
    expect(csvText(en, { kind: 'score' }, 0.456)).toEqual({ number: '0.46' })
    expect(csvText(es, { kind: 'original' }, -0.5)).toEqual({ number: '-0,5' })
    expect(csvText(es, { kind: 'moment' }, '2026-01-31T02:30:00Z')).toBe('30/01/2026 21:30')
    expect(csvText(en, { kind: 'moment' }, '2026-01-31T02:30:00Z')).toBe('01/30/2026 23:30')
    expect(es.wallClock('2026-01-31T02:30:00Z').toISOString()).toBe('2026-01-30T21:30:00.000Z')
  })
})

describe('row token', () => {
  it('is unique per row and re-run and fits custom_input', () => {
    expect(rowToken('b20261122-0123abcd', 0, 0)).toBe('lote:b20261122-0123abcd:1')
    expect(rowToken('b20261122-0123abcd', 99_999, 3)).toBe('lote:b20261122-0123abcd:100000:r3')
    expect(rowToken('b20261122-0123abcd', 99_999, 3).length).toBeLessThanOrEqual(128)
  })
})
