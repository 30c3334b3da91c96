// The mapping understands the file: document-type columns route numbers, the check type comes only from the
// analyst or a column of check types, targets the batch does not take are never suggested, values count as
// much as headers, full names are split where names are needed.
import { describe, expect, it } from 'vitest'
import type { Country } from '../../../src/shared/checks/inputs'
import { splitFullName } from '../../../src/shared/sheets/names'
import { mappingFromSuggestions, offeredTargets, suggestMapping } from '../../../src/shared/sheets/mapping'
import type { CellValue, ColumnMapping } from '../../../src/shared/sheets/types'
import { RowValidator } from '../../../src/shared/sheets/validate'
import { completeCpf } from '../../../src/shared/sheets/documents'
import { CORPUS_PEOPLE } from '../../fixtures/corpus/people'

const NOW = new Date(Date.UTC(2025, 0, 15))

function targets(
  headers: string[],
  samples: CellValue[][],
  options: { country?: Country; type?: string } = {}
) {
  return suggestMapping(headers, { ...options, samples }).map((s) => s.target)
}

const HR_HEADERS = CORPUS_PEOPLE.headers
const HR_ROWS: CellValue[][] = [
  [
    'CC',
    1020304050,
    'María José',
    'Gómez Restrepo',
    new Date(Date.UTC(1990, 4, 14)),
    new Date(Date.UTC(2008, 5, 12)),
    3001234567
  ],
  [
    'CE',
    452187,
    'Juan Carlos',
    'Pérez Ríos',
    new Date(Date.UTC(1985, 3, 3)),
    new Date(Date.UTC(2019, 3, 10)),
    3007654321
  ],
  [
    'PPT',
    6543210,
    'Luis Fernando',
    'Castaño Mejía',
    new Date(Date.UTC(1988, 0, 20)),
    new Date(Date.UTC(2022, 0, 20)),
    3105551235
  ],
  [
    'PA',
    'AB123456',
    'Sofía',
    'Vargas',
    new Date(Date.UTC(1988, 2, 7)),
    new Date(Date.UTC(2006, 7, 19)),
    3004445566
  ]
]

describe('document-type columns', () => {
  it.each([
    'Tipo de Documento',
    'Tipo Doc',
    'Tipo de identificación',
    'Tipo ID',
    'Tipo de documento de identidad',
    'Tipo'
  ])('"%s" with CC/CE values is the document type, never the check type', (header) => {
    const samples: CellValue[][] = [['CC'], ['CE'], ['CC'], ['TI']]
    expect(targets([header], samples, { country: 'CO', type: 'person' })).toEqual(['document_type'])
    // Even when the check type comes from a column, CC and CE are not check types.
    expect(targets([header], samples, { country: 'CO' })).toEqual(['document_type'])
  })

  it('a column whose values are check types is the type column, and only when the type comes from a column', () => {
    const samples: CellValue[][] = [['persona'], ['vehículo'], ['Persona'], ['empresa']]
    expect(targets(['Tipo'], samples, { country: 'CO' })).toEqual(['type'])
    const chosen = suggestMapping(['Tipo'], { country: 'CO', type: 'person', samples })
    expect(chosen[0].target).toBeNull()
  })

  it('routes each row by its document type in Colombia: CC national, CE foreign, PPT ptp, PA refused', () => {
    const mapping = mappingFromSuggestions(
      HR_HEADERS,
      suggestMapping(HR_HEADERS, { country: 'CO', type: 'person', samples: HR_ROWS }),
      { country: 'CO', type: 'person' }
    )
    expect(mapping.targets).toEqual(CORPUS_PEOPLE.colombianPersonMapping)
    const validator = new RowValidator(mapping, { now: NOW })
    const [cc, ce, ppt, pa] = HR_ROWS.map((cells, i) => validator.validateRow(i + 2, cells))
    expect(cc.inputs).toMatchObject({ national_id: '1020304050' })
    expect(cc.status).toBe('ok')
    expect(ce.inputs).toMatchObject({
      foreign_id: '452187',
      date_of_birth: '1985-04-03',
      issue_date: '2019-04-10'
    })
    expect(ce.inputs.national_id).toBeUndefined()
    expect(ce.status).toBe('ok')
    expect(ppt.inputs).toMatchObject({ ptp: '6543210' })
    expect(ppt.status).toBe('ok')
    expect(pa.status).toBe('error')
    expect(pa.issues.map((issue) => issue.code)).toEqual(['document-type-unsupported'])
    expect(pa.issues[0].message).toContain("Truora's checks in Colombia do not take a PA")
  })

  it('a foreigner missing what the foreign requirement set needs is told so', () => {
    const mapping: ColumnMapping = {
      headers: ['Tipo doc', 'Documento'],
      targets: ['document_type', 'national_id'],
      defaults: { country: 'CO', type: 'person' }
    }
    const row = new RowValidator(mapping, { now: NOW }).validateRow(2, ['CE', 452187])
    expect(row.inputs).toEqual({ foreign_id: '452187' })
    expect(row.issues.map((issue) => [issue.code, issue.input])).toEqual([
      ['required-missing', 'date_of_birth'],
      ['required-missing', 'issue_date']
    ])
  })

  it.each([
    ['PE', 'DNI', 'national_id'],
    ['PE', 'CE', 'foreign_id'],
    ['CL', 'RUN', 'national_id'],
    ['CL', 'Pasaporte', 'foreign_id'],
    ['CR', 'DIMEX', 'foreign_id'],
    ['MX', 'Tarjeta de residente', 'foreign_id']
  ] as [Country, string, string][])('in %s a %s number goes to %s', (country, documentType, input) => {
    const mapping: ColumnMapping = {
      headers: ['Tipo de documento', 'Número'],
      targets: ['document_type', 'national_id'],
      defaults: { country, type: 'person' }
    }
    const row = new RowValidator(mapping, { now: NOW }).validateRow(2, [documentType, 'AB12345'])
    expect(Object.keys(row.inputs)).toContain(input)
  })
})

describe('targets the batch does not take are never suggested', () => {
  it('in Mexico "Estado" is not the Brazilian state (UF), and says why', () => {
    const [estado] = suggestMapping(['Estado'], { country: 'MX', type: 'person' })
    expect(estado.target).toBeNull()
    expect(estado.reasons).toContainEqual({ kind: 'not-taken', target: 'region' })
    expect(targets(['Estado'], [], { country: 'BR', type: 'person' })).toEqual(['region'])
  })

  it('a company batch never maps a trade name to first_name', () => {
    expect(targets(['Nombre Comercial', 'NIT'], [], { country: 'CO', type: 'company' })).toEqual([
      null,
      'tax_id'
    ])
    expect(targets(['Nombre Comercial'], [], { country: 'ALL', type: 'company' })).toEqual(['company_name'])
  })

  it.each([
    ['CO', 'person', ['national_id', null, 'date_of_birth']],
    ['BR', 'person', ['national_id', null, 'date_of_birth']],
    ['CL', 'person', ['national_id', 'full_name', 'date_of_birth']],
    ['ALL', 'person', [null, 'full_name', null]],
    ['CO', 'vehicle', ['national_id', null, 'date_of_birth']],
    ['PE', 'vehicle', ['national_id', null, 'date_of_birth']]
  ] as [Country, string, (string | null)[]][])(
    '%s %s: full names only where names are taken',
    (country, type, expected) => {
      expect(targets(['Cédula', 'Nombre completo', 'Fecha de nacimiento'], [], { country, type })).toEqual(
        expected
      )
    }
  )
})

describe('values decide too', () => {
  it('a column of valid CPFs is the CPF whatever its header', () => {
    const samples: CellValue[][] = ['123456789', '987654321', '111444777', '529982247'].map((base) => [
      completeCpf(base)
    ])
    const [suggestion] = suggestMapping(['Código'], { country: 'BR', type: 'person', samples })
    expect(suggestion).toMatchObject({ target: 'national_id', match: 'values' })
    expect(suggestion.reasons[0]).toMatchObject({ kind: 'values', evidence: 'cpf', share: 1 })
  })

  it('a header match whose values are dates is set aside, and said so', () => {
    const dates = [
      [new Date(Date.UTC(1990, 1, 1))],
      [new Date(Date.UTC(1991, 2, 2))],
      [new Date(Date.UTC(1992, 3, 3))]
    ]
    const [phone] = suggestMapping(['Teléfono'], { country: 'CO', type: 'person', samples: dates })
    expect(phone.target).toBeNull()
    expect(phone.reasons).toContainEqual({
      kind: 'contradicted',
      target: 'phone_number',
      evidence: 'date',
      share: 1
    })
  })

  it('gives its reasons: the header words and what the values look like', () => {
    const samples: CellValue[][] = [['+57 300 123 4567'], ['300 765 4321'], ['3105551234']]
    const [phone] = suggestMapping(['Celular'], { country: 'CO', type: 'person', samples })
    expect(phone.target).toBe('phone_number')
    expect(phone.reasons).toEqual([
      { kind: 'header', match: 'exact', synonym: 'Celular' },
      { kind: 'values', evidence: 'phone', share: 1 }
    ])
  })
})

describe('full names', () => {
  it.each([
    ['María José Gómez Restrepo', false, { first: 'María José', last: 'Gómez Restrepo' }],
    ['Juan Pérez', false, { first: 'Juan', last: 'Pérez' }],
    ['Ana Lucía Martínez', false, { first: 'Ana', last: 'Lucía Martínez' }],
    ['João Carlos dos Santos Silva', false, { first: 'João Carlos', last: 'dos Santos Silva' }],
    ['Gómez Restrepo María José', true, { first: 'María José', last: 'Gómez Restrepo' }],
    ['Gómez Restrepo, María José', false, { first: 'María José', last: 'Gómez Restrepo' }]
  ])('splits "%s"', (text, surnameFirst, expected) => {
    expect(splitFullName(text, surnameFirst)).toEqual(expected)
  })

  it('is split where the check takes names and left out where it does not', () => {
    const international: ColumnMapping = {
      headers: ['Nombre completo', 'Pasaporte'],
      targets: ['full_name', 'passport'],
      defaults: { country: 'ALL', type: 'person' }
    }
    const row = new RowValidator(international, { now: NOW }).validateRow(2, [
      'María José Gómez Restrepo',
      'AB123456'
    ])
    expect(row.inputs).toMatchObject({ first_name: 'María José', last_name: 'Gómez Restrepo' })
    expect(row.status).toBe('ok')
    const colombian: ColumnMapping = {
      headers: ['Nombre completo', 'Cédula'],
      targets: ['full_name', 'national_id'],
      defaults: { country: 'CO', type: 'person' }
    }
    const co = new RowValidator(colombian, { now: NOW }).validateRow(2, [
      'María José Gómez Restrepo',
      1020304050
    ])
    expect(co.inputs).toEqual({ national_id: '1020304050' })
  })
})

describe('--type always wins', () => {
  it('a type column is ignored when the batch has a type', () => {
    const mapping: ColumnMapping = {
      headers: ['Tipo', 'Cédula'],
      targets: ['type', 'national_id'],
      defaults: { country: 'CO', type: 'person' }
    }
    const row = new RowValidator(mapping, { now: NOW }).validateRow(2, ['CC', 1020304050])
    expect(row.type).toBe('person')
    expect(row.status).toBe('ok')
  })
})

describe('per country and check kind', () => {
  const HEADERS = [
    'Tipo de documento',
    'Número de documento',
    'Cédula de extranjería',
    'PPT',
    'Nombres',
    'Apellidos',
    'Nombre completo',
    'Razón social',
    'NIT',
    'Placa',
    'Fecha de nacimiento',
    'Fecha de expedición',
    'Celular',
    'Estado',
    'Nacionalidad',
    'Tipo',
    'País'
  ]
  const cases = (['CO', 'PE', 'CL', 'CR', 'MX', 'BR', 'ALL'] as Country[]).flatMap((country) =>
    ['person', 'vehicle', 'company'].map((type) => [country, type] as const)
  )
  it.each(cases)(
    '%s %s: every suggestion is a target the check takes, never the type or country',
    (country, type) => {
      const offered = offeredTargets(country, type)
      const suggested = suggestMapping(HEADERS, { country, type }).map((s) => s.target)
      for (const target of suggested) if (target) expect(offered.has(target), `${target}`).toBe(true)
      expect(suggested).not.toContain('type')
      expect(suggested).not.toContain('country')
      if (type === 'company') {
        expect(suggested).not.toContain('first_name')
        expect(suggested).not.toContain('document_type')
      }
    }
  )
})
