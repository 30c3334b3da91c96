import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { captureIo } from '../../helpers/cli-io'

const capture = () => captureIo(join(import.meta.dirname, '..', '..', 'fixtures'))

describe('lote inspect', () => {
  it('prints sheets, header row, mapping with confidences and an issues summary', async () => {
    const io = capture()
    expect(await main(['inspect', 'candidatos-co.xlsx', '--country', 'co', '--type', 'persona'], io)).toBe(0)
    const text = io.lines.join('\n')
    expect(text).toContain('* Candidatos: 9 rows, header row 3')
    expect(text).toContain('Listas (hidden, skipped')
    expect(text).toMatch(/Cédula\s+-> national_id \(national ID\), 95% — header matches "Cédula"/)
    // Colombian person checks take no names: said, not mapped.
    expect(text).toMatch(
      /Nombres\s+-> not mapped — not first_name: this country and check type do not take it/
    )
    expect(text).toContain('Rows: 9 (4 ok, 1 with warnings, 4 with errors)')
    expect(text).toContain("Row 7, column Cédula: '1.234.56A' is not a Colombian cédula: it has a letter.")
  })

  it('with --json prints exactly one JSON document', async () => {
    const io = capture()
    expect(
      await main(['inspect', 'proveedores-latin1.csv', '--country', 'CO', '--type', 'company', '--json'], io)
    ).toBe(0)
    expect(io.lines).toHaveLength(1)
    const report = JSON.parse(io.lines[0])
    expect(report).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      sheet: 'proveedores-latin1',
      headerRow: 1,
      rowCount: 4
    })
    // A Colombian company check takes the NIT (and a national ID); the batch country wins over the column.
    expect(report.mapping.map((m: { target: string | null }) => m.target)).toEqual([
      null,
      'tax_id',
      null,
      null,
      null
    ])
    expect(report.summary.byStatus.ok).toBe(4)
  })

  it('fails clearly on a bad file and on bad options', async () => {
    const io = capture()
    expect(await main(['inspect', 'protected.xlsx'], io)).toBe(1)
    expect(io.errors.join('\n')).toContain('"protected.xlsx" is protected with a password')
    const json = capture()
    expect(await main(['inspect', 'legacy.xls', '--json'], json)).toBe(1)
    expect(JSON.parse(json.lines[0]).error.code).toBe('unsupported-format')
    const bad = capture()
    expect(await main(['inspect', 'candidatos-co.xlsx', '--country', 'AR'], bad)).toBe(2)
  })
})
