import { describe, expect, it } from 'vitest'
import { normaliseLabel } from '../../../src/shared/sheets/labels'
import {
  detectHeaderRow,
  headerSignature,
  mappingByHeader,
  mappingFromSuggestions,
  mappingProblems,
  keepChosenTargets,
  offeredTargets,
  suggestMapping,
  uniqueHeaders
} from '../../../src/shared/sheets/mapping'

function targets(headers: string[], options = {}) {
  return suggestMapping(headers, options).map((s) => s.target)
}

describe('header normalisation', () => {
  it('ignores case, accents, punctuation and spacing', () => {
    expect(normaliseLabel('  Fecha  de Nacimiento:')).toBe('fecha de nacimiento')
    expect(normaliseLabel('CÉDULA')).toBe('cedula')
    expect(normaliseLabel('Nº documento')).toBe('no documento')
  })
})

describe('suggestMapping', () => {
  it('maps Spanish headers with and without accents', () => {
    expect(targets(['Cédula', 'Nombres', 'Apellidos', 'Fecha de nacimiento', 'Teléfono'])).toEqual([
      'national_id',
      'first_name',
      'last_name',
      'date_of_birth',
      'phone_number'
    ])
    expect(targets(['CEDULA', 'FECHA NACIMIENTO', 'TELEFONO'])).toEqual([
      'national_id',
      'date_of_birth',
      'phone_number'
    ])
  })
  it('maps Portuguese and English headers', () => {
    expect(targets(['CPF', 'Nome', 'Sobrenome', 'Data de nascimento', 'UF', 'Telefone'])).toEqual([
      'national_id',
      'first_name',
      'last_name',
      'date_of_birth',
      'region',
      'phone_number'
    ])
    expect(targets(['National ID', 'First name', 'Last name', 'Date of birth', 'License plate'])).toEqual([
      'national_id',
      'first_name',
      'last_name',
      'date_of_birth',
      'license_plate'
    ])
  })
  it('maps abbreviations and punctuation: C.C., F. Nac., No. documento, Razón social, NIT, Placa, Patente', () => {
    expect(targets(['C.C.'])).toEqual(['national_id'])
    expect(targets(['F. Nac.'])).toEqual(['date_of_birth'])
    expect(targets(['No. documento'])).toEqual(['national_id'])
    expect(targets(['Razón social', 'NIT'])).toEqual(['company_name', 'tax_id'])
    expect(targets(['Patente'])).toEqual(['license_plate'])
    // A type column needs values that are check types (see mapping-understands.test.ts).
    expect(targets(['País', 'Tipo'])).toEqual(['country', null])
    expect(
      targets(['País', 'Tipo'], {
        samples: [
          ['CO', 'persona'],
          ['CL', 'vehículo'],
          ['BR', 'empresa']
        ]
      })
    ).toEqual(['country', 'type'])
  })
  it('gives exact matches more confidence than token matches, and those more than typos', () => {
    const [exact, token, fuzzy] = suggestMapping(['Cédula', 'Teléfono celular del candidato', 'Apelidos'])
    expect(exact).toMatchObject({ target: 'national_id', match: 'exact' })
    expect(token).toMatchObject({ target: 'phone_number', match: 'token' })
    expect(fuzzy).toMatchObject({ target: 'last_name', match: 'fuzzy' })
    expect(exact.confidence).toBeGreaterThan(token.confidence)
    expect(token.confidence).toBeGreaterThan(fuzzy.confidence)
  })
  it('never maps two columns to one input: the better match wins, the other column is offered alternatives', () => {
    const suggestions = suggestMapping([
      'Número de documento de identidad',
      'Cédula',
      'Celular',
      'Teléfono fijo'
    ])
    const mapped = suggestions.map((s) => s.target).filter(Boolean)
    expect(new Set(mapped).size).toBe(mapped.length)
    expect(suggestions[1].target).toBe('national_id')
    expect(suggestions[0].target).toBeNull()
    expect(suggestions[0].alternatives[0].target).toBe('national_id')
  })
  it('leaves unknown headers unmapped', () => {
    expect(targets(['Correo', 'Cargo', 'Observaciones internas xyz'])).toEqual([null, null, 'custom_input'])
    expect(targets(['Correo', 'Cargo'])).toEqual([null, null])
  })
  it('ranks inputs the batch country never takes lower', () => {
    const [uf] = suggestMapping(['Estado'], { country: 'CO' })
    const [ufBr] = suggestMapping(['Estado'], { country: 'BR' })
    expect(ufBr.confidence).toBeGreaterThan(uf.confidence)
  })
  it('a saved mapping wins over suggestions, including "not mapped"', () => {
    const suggestions = suggestMapping(['Documento', 'Nombre'], {
      saved: { documento: 'tax_id', nombre: null }
    })
    expect(suggestions.map((s) => [s.target, s.match])).toEqual([
      ['tax_id', 'saved'],
      [null, 'none']
    ])
  })
})

describe('a mapping for another country or kind', () => {
  const headers = ['Documento', 'Nome completo', 'UF']
  const samples = [
    ['577.463.706-91', 'Ana Beatriz Souza', 'SP'],
    ['330.445.294-09', 'João Pedro Oliveira', 'RJ']
  ]
  // Confirmed for Colombia: the UF column was nothing to a Colombian check, so it was left out.
  const savedForColombia = { documento: 'national_id', 'nome completo': 'full_name', uf: null } as const

  it('keeps the columns it mapped and proposes the ones it left out again', () => {
    const suggestions = suggestMapping(headers, {
      country: 'BR',
      type: 'person',
      samples,
      saved: { ...savedForColombia },
      savedForScope: false
    })
    expect(suggestions.map((s) => [s.target, s.match])).toEqual([
      ['national_id', 'saved'],
      // A Brazilian person check takes no names: the saved target is not offered, nor proposed.
      [null, 'none'],
      ['region', 'exact']
    ])
  })
  it('a column left out for the same country and type stays out', () => {
    const [, , uf] = suggestMapping(headers, {
      country: 'BR',
      type: 'person',
      samples,
      saved: { ...savedForColombia },
      savedForScope: true
    })
    expect(uf.target).toBeNull()
  })
  it('a saved target the new batch does not take is proposed afresh', () => {
    const [placa] = suggestMapping(['Placa'], {
      country: 'CO',
      type: 'person',
      saved: { placa: 'license_plate' },
      savedForScope: false
    })
    expect(placa.target).not.toBe('license_plate')
  })
})

describe('a new proposal keeps what the analyst chose by hand', () => {
  const headers = ['Documento', 'UF', 'Referencia', 'Celular']
  const offered = offeredTargets('BR', 'person')
  const suggestions = [
    { target: 'national_id' as const },
    { target: 'region' as const },
    { target: null },
    { target: 'phone_number' as const }
  ]
  it('keeps choices the new batch takes, proposes the rest', () => {
    expect(
      keepChosenTargets(headers, suggestions, { Referencia: 'custom_input', Celular: null }, offered)
    ).toEqual(['national_id', 'region', 'custom_input', null])
  })
  it('a choice the new batch does not take gives way to the proposal', () => {
    expect(keepChosenTargets(headers, suggestions, { Documento: 'license_plate' }, offered)).toEqual([
      'national_id',
      'region',
      null,
      'phone_number'
    ])
  })
  it('a kept choice wins its input over a proposal for another column', () => {
    expect(keepChosenTargets(headers, suggestions, { Referencia: 'national_id' }, offered)).toEqual([
      null,
      'region',
      'national_id',
      'phone_number'
    ])
  })
})

describe('inputs on offer for a custom type follow its kind', () => {
  it('a vehicle custom type offers the plate, not a person’s names', () => {
    const offered = offeredTargets('CO', 'flota-propia', 'vehicle')
    expect(offered.has('license_plate')).toBe(true)
    expect(offered.has('first_name')).toBe(false)
  })
  it('a company custom type offers the tax id, not a plate or a document type', () => {
    const offered = offeredTargets('CO', 'proveedores', 'company')
    expect(offered.has('tax_id')).toBe(true)
    expect(offered.has('license_plate')).toBe(false)
    expect(offered.has('document_type')).toBe(false)
  })
  it('a search by name offers names only (and the reference)', () => {
    expect([...offeredTargets('CO', 'nombres', 'name')].sort()).toEqual(
      ['company_name', 'custom_input', 'first_name', 'full_name', 'last_name'].sort()
    )
  })
  it('a person custom type offers what a person check takes', () => {
    expect(offeredTargets('BR', 'vip', 'person')).toEqual(offeredTargets('BR', 'person'))
  })
  it('one whose kind nobody knows offers every kind’s inputs of its country', () => {
    const offered = offeredTargets('CO', 'misterioso', null)
    expect(offered.has('license_plate')).toBe(true)
    expect(offered.has('foreign_id')).toBe(true)
    expect(offered.has('tax_id')).toBe(true)
  })
  it('suggests a plate column for a vehicle custom type', () => {
    const [plate] = suggestMapping(['Placa'], { country: 'CO', type: 'flota', customKind: 'vehicle' })
    expect(plate.target).toBe('license_plate')
  })
})

describe('mappings', () => {
  it('headerSignature ignores order, case and accents', () => {
    expect(headerSignature(['Cédula', 'Nombres'])).toBe(headerSignature(['NOMBRES', 'cedula']))
    expect(headerSignature(['Cédula', 'Nombres'])).not.toBe(headerSignature(['Cédula', 'Apellidos']))
  })
  it('reports two columns on one target', () => {
    const mapping = { headers: ['A', 'B'], targets: ['national_id', 'national_id'] as const, defaults: {} }
    expect(mappingProblems({ ...mapping, targets: [...mapping.targets] })).toHaveLength(1)
  })
  it('round-trips through its saved form', () => {
    const headers = ['Cédula', 'Correo']
    const mapping = mappingFromSuggestions(headers, suggestMapping(headers))
    expect(mappingByHeader(mapping)).toEqual({ cedula: 'national_id', correo: null })
  })
  it('uniqueHeaders names blank and repeated headers', () => {
    expect(uniqueHeaders(['Teléfono', null, 'teléfono', ' '])).toEqual([
      'Teléfono',
      'Column B',
      'teléfono (2)',
      'Column D'
    ])
  })
})

describe('detectHeaderRow', () => {
  it('skips a merged title and notes above the headers', () => {
    const rows = [
      ['Listado de candidatos – enero 2025', null, null],
      ['Generado por: RRHH', 'Fecha: 12/01/2025', null],
      ['Cédula', 'Nombres', 'Fecha de nacimiento'],
      [1020304050, 'Ana', new Date()]
    ]
    expect(detectHeaderRow(rows)).toBe(2)
  })
  it('does not take a data row of numbers and dates for headers', () => {
    expect(
      detectHeaderRow([
        ['Documento', 'Nombre'],
        ['123', 'Ana']
      ])
    ).toBe(0)
    expect(detectHeaderRow([['52.345.678', '14/05/1990']])).toBe(0)
  })
})
