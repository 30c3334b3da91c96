// The same document always reads the same, whatever the file did to it: how reuse, grouping and a person's
// history find earlier checks.
import { describe, expect, it } from 'vitest'
import { comparableDocument, subjectOf } from '../../../src/shared/checks/subject'
import { completeCpf } from '../../../src/shared/sheets/documents'
import { normaliseInput } from '../../../src/shared/sheets/normalise'
import type { Country, InputName } from '../../../src/shared/checks/inputs'

/** A cell as the import reads it, then the subject the store keeps for the row. */
function subjectOfCell(country: Country, input: InputName, cell: string | number) {
  const value = normaliseInput(input, cell, { country, now: new Date('2026-01-10T00:00:00Z') }).value
  return subjectOf('person', { [input]: value ?? '' })
}

describe('the subject of a row', () => {
  it('reads 79.123.456, 79123456 and 079123456 as one Colombian cédula, typed or as a number', () => {
    const forms = ['79.123.456', '79123456', '079123456', ' 79 123 456 ', '79-123-456']
    const subjects = forms.map((form) => subjectOfCell('CO', 'national_id', form))
    subjects.push(subjectOfCell('CO', 'national_id', 79123456))
    for (const subject of subjects) expect(subject).toEqual({ input: 'national_id', document: '79123456' })
  })

  it('reads a CPF with and without punctuation (and a lost leading zero) as one', () => {
    const cpf = completeCpf('012345678')
    const punctuated = `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`
    const forms: (string | number)[] = [punctuated, cpf, Number(cpf)]
    const documents = forms.map((form) => subjectOfCell('BR', 'national_id', form)?.document)
    expect(new Set(documents)).toEqual(new Set([cpf.replace(/^0+/, '')]))
  })

  it('keeps different people apart', () => {
    expect(comparableDocument('national_id', '79123456')).not.toBe(
      comparableDocument('national_id', '79123457')
    )
    // A cédula and a foreigner's ID with the same digits are two people.
    expect(subjectOf('person', { national_id: '123456' })).not.toEqual(
      subjectOf('person', { foreign_id: '123456' })
    )
    expect(comparableDocument('national_id', '0')).toBe('0')
    expect(comparableDocument('national_id', '..-')).toBeNull()
  })

  it('identifies a vehicle by its plate and a company by its name without accents or case', () => {
    expect(subjectOf('vehicle', { license_plate: 'abc-123', owner_document_id: '1' })).toEqual({
      input: 'license_plate',
      document: 'ABC123'
    })
    expect(subjectOf('company', { company_name: 'Peña & Cía. S.A.S.' })?.document).toBe(
      subjectOf('company', { company_name: 'PENA & CIA SAS' })?.document
    )
    expect(subjectOf('person', { first_name: 'Ana', last_name: 'Peña' })).toBeNull()
  })
})
