import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { main } from '../../../src/cli/index'
import { Spreadsheets } from '../../../src/main/app/spreadsheets'
import { captureIo } from '../../helpers/cli-io'

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures')
const capture = () => captureIo(fixtures)

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

  it("reads through the app's Spreadsheets use case, as import:inspect does, and opens no data folder", async () => {
    const inspect = vi.spyOn(Spreadsheets.prototype, 'inspect')
    const check = vi.spyOn(Spreadsheets.prototype, 'check')
    const dataDir = join(tmpdir(), `lote-inspect-${process.pid}-${Date.now()}`)
    try {
      const io = captureIo(fixtures, { LOTE_DATA_DIR: dataDir })
      expect(await main(['inspect', 'candidatos-co.xlsx', '--country', 'CO', '--header-row', '3'], io)).toBe(
        0
      )
      expect(io.lines.join('\n')).toContain('Sheet "Candidatos": header row 3, 9 rows')
      // Once for the workbook, once more for the chosen sheet at the given header row; then its rows checked.
      expect(inspect).toHaveBeenCalledTimes(2)
      expect(inspect.mock.calls[1][0]).toMatchObject({ fileId: expect.any(String), headerRow: 3 })
      expect(check).toHaveBeenCalledTimes(1)
      expect(existsSync(dataDir)).toBe(false)
      const missing = captureIo(fixtures, { LOTE_DATA_DIR: dataDir })
      expect(await main(['inspect', 'no-such-file.xlsx'], missing)).toBe(1)
      expect(missing.errors.join('\n')).toContain('The file no-such-file.xlsx could not be found')
    } finally {
      inspect.mockRestore()
      check.mockRestore()
    }
  })
})
