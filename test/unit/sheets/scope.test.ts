// The country and check type a sheet is about, proposed from its values and headers alone (the samples'
// metadata taken away), each with the reason the wizard shows.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectSpreadsheet } from '../../../src/main/sheets/read'
import { proposeScope, type ScopeInput } from '../../../src/shared/sheets/scope'

const SAMPLES = join(__dirname, '../../../resources/samples')
const FIXTURES = join(__dirname, '../../fixtures')
const fallback = { country: 'CO' as const, type: 'person' }

async function sheetOf(file: string): Promise<Omit<ScopeInput, 'fallback'>> {
  const workbook = await inspectSpreadsheet(file)
  const sheet = workbook.sheets.find((s) => s.name === workbook.dataSheet) ?? workbook.sheets[0]
  return { headers: sheet.headers, rows: sheet.preview }
}

describe('proposing the country and check type from what a sheet holds', () => {
  it.each([
    ['br-person.xlsx', 'BR', 'person', 'documents'],
    ['br-vehicle.xlsx', 'BR', 'vehicle', 'plates'],
    ['br-company.xlsx', 'BR', 'company', 'documents'],
    ['cl-person.xlsx', 'CL', 'person', 'documents'],
    ['cl-vehicle.xlsx', 'CL', 'vehicle', 'documents'],
    ['mx-person.xlsx', 'MX', 'person', 'documents'],
    ['mx-company.xlsx', 'MX', 'company', 'documents'],
    ['pe-person.xlsx', 'PE', 'person', 'headers'],
    ['pe-vehicle.xlsx', 'PE', 'vehicle', 'plates'],
    ['co-person.xlsx', 'CO', 'person', 'phones'],
    ['co-company.xlsx', 'CO', 'company', 'headers']
  ])('%s, without its metadata, is %s %s (%s)', async (file, country, type, reason) => {
    // The analyst's default is elsewhere, so a proposal that merely repeats it cannot pass.
    const other = { country: country === 'CR' ? ('CO' as const) : ('CR' as const), type: 'person' }
    const proposal = proposeScope({ ...(await sheetOf(join(SAMPLES, file))), fallback: other })
    expect(proposal).toMatchObject({ country, type, countryReason: { code: reason } })
  })

  it('takes a bundled sample at its word', async () => {
    const proposal = proposeScope({
      ...(await sheetOf(join(SAMPLES, 'br-person.xlsx'))),
      sample: { country: 'BR', type: 'person' },
      fallback
    })
    expect(proposal).toEqual({
      country: 'BR',
      countryReason: { code: 'sample' },
      type: 'person',
      typeReason: { code: 'sample' }
    })
  })

  it('reads a Brazilian payroll csv as Brazil from its CPFs, under a header that does not say so', async () => {
    const proposal = proposeScope({ ...(await sheetOf(join(FIXTURES, 'colaboradores-br.csv'))), fallback })
    expect(proposal).toMatchObject({
      country: 'BR',
      countryReason: { code: 'documents', document: 'cpf', column: 'Documento', matches: 12, of: 12 },
      type: 'person',
      typeReason: { code: 'person', column: 'Documento' }
    })
  })

  it('proposes the analyst’s default, saying so, when the sheet gives no evidence', () => {
    const proposal = proposeScope({
      headers: ['Nombres', 'Ciudad'],
      rows: [
        ['Ana', 'Madrid'],
        ['Luis', 'Lima']
      ],
      fallback: { country: 'CL', type: 'company' }
    })
    expect(proposal).toMatchObject({ country: 'CL', countryReason: { code: 'default' } })
  })

  it('takes the country row by row from a column of countries', () => {
    const proposal = proposeScope({
      headers: ['Documento', 'País'],
      rows: [
        ['123', 'Colombia'],
        ['456', 'México'],
        ['789', 'Perú']
      ],
      fallback
    })
    expect(proposal).toMatchObject({ country: 'column', countryReason: { code: 'column', column: 'País' } })
  })
})
