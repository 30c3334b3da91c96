// The required-input table as Lote reads it: international person checks take one name, which may be a
// single word (a first or a last name), as the reference's "name" allows.
import { describe, expect, it } from 'vitest'
import { requiredInputsProblems, requirementsFor } from '../../../src/shared/checks/inputs'

describe('international names', () => {
  it('asks an international person for a first or a last name, not both', () => {
    expect(requirementsFor('ALL', 'person-national')).toMatchObject({
      required: [],
      alternatives: [['first_name', 'last_name']]
    })
    expect(requiredInputsProblems('ALL', 'person', { first_name: 'Madonna' })).toEqual([])
    expect(requiredInputsProblems('ALL', 'person', { last_name: 'Pelé' })).toEqual([])
    expect(requiredInputsProblems('ALL', 'person', {})).toEqual([
      { kind: 'missing-alternative', inputs: ['first_name', 'last_name'] }
    ])
  })

  it('still asks an international company for its name', () => {
    expect(requiredInputsProblems('ALL', 'company', {})).toEqual([{ kind: 'missing', input: 'company_name' }])
  })
})
