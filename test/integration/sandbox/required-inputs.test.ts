// Every country and kind of required-inputs.json: the Sandbox accepts a complete check and answers 400
// naming what is missing, over real HTTP.
import { describe, expect, it } from 'vitest'
import table from '../../../src/shared/checks/required-inputs.json'
import {
  requirementsFor,
  type CheckKind,
  type Country,
  type InputName
} from '../../../src/shared/checks/inputs'
import { TruoraError } from '../../../src/main/truora/errors'
import { useSandbox } from './harness'

const { client } = useSandbox()

function sampleValue(input: InputName): string {
  if (input === 'date_of_birth' || input === 'issue_date' || input === 'payment_date') return '1990-05-17'
  if (input === 'native_country') return 'VE'
  if (input === 'region') return 'SP'
  if (input === 'owner_document_type') return 'national-id'
  if (input === 'first_name') return 'Ana'
  if (input === 'last_name') return 'Pérez'
  if (input === 'company_name') return 'Acme SAS'
  if (input === 'license_plate') return 'ABC120'
  return '10203040'
}

function typeOf(kind: CheckKind): string {
  return kind.startsWith('vehicle') ? 'vehicle' : kind === 'company' ? 'company' : 'person'
}

function completeInputs(country: Country, kind: CheckKind): Record<string, string> {
  const requirements = requirementsFor(country, kind)
  if (!requirements) throw new Error('no requirements')
  const inputs: Record<string, string> = {}
  for (const input of requirements.required) inputs[input] = sampleValue(input)
  for (const group of requirements.alternatives) inputs[group[0]] = sampleValue(group[0])
  // A foreigner is someone identified by a foreign document; the table's ALL rows do not list one.
  if (kind.endsWith('foreigner') && !inputs.foreign_id && !inputs.ptp) inputs.foreign_id = 'E-778899'
  return inputs
}

async function refusal(promise: Promise<unknown>): Promise<TruoraError> {
  const error = await promise.catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(TruoraError)
  expect(error).toMatchObject({ kind: 'invalid_input', status: 400 })
  return error as TruoraError
}

const cases = Object.entries(table).flatMap(([country, kinds]) =>
  Object.entries(kinds).map(([kind, entry]) => ({
    country: country as Country,
    kind: kind as CheckKind,
    offered: entry !== null
  }))
)

describe('required inputs, per country and kind', () => {
  it('covers all 35 combinations of the table', () => {
    expect(cases).toHaveLength(35)
  })

  for (const { country, kind } of cases.filter((entry) => entry.offered)) {
    it(`${country} ${kind}: accepts complete inputs and names each missing one`, async () => {
      const type = typeOf(kind)
      const inputs = completeInputs(country, kind)
      const check = await client().createCheck({ country, type, inputs })
      expect(check).toMatchObject({ status: 'not_started', country, type })

      const requirements = requirementsFor(country, kind)!
      for (const input of requirements.required) {
        const { [input]: _removed, ...rest } = inputs
        const error = await refusal(client().createCheck({ country, type, inputs: rest }))
        // Without its foreign document a foreigner becomes a national, who lacks national_id instead.
        const identifying = kind.endsWith('foreigner') && (input === 'foreign_id' || input === 'ptp')
        expect(error.apiMessage).toContain(identifying ? 'national_id' : input)
      }
      for (const group of requirements.alternatives) {
        const rest = Object.fromEntries(
          Object.entries(inputs).filter(([name]) => !group.includes(name as InputName))
        )
        if (kind.endsWith('foreigner')) rest.passport = 'P-1'
        const error = await refusal(client().createCheck({ country, type, inputs: rest }))
        expect(error.apiMessage).toMatch(kind.endsWith('foreigner') ? /national_id|one of/ : /one of/)
      }
    })
  }

  for (const { country, kind } of cases.filter((entry) => !entry.offered)) {
    it(`${country} ${kind}: refused as not offered`, async () => {
      const inputs: Record<string, string> = {
        ...(kind === 'company' ? { tax_id: '900100200', company_name: 'Acme SAS' } : {}),
        ...(kind.startsWith('vehicle') ? { license_plate: 'ABC120' } : {}),
        ...(kind.endsWith('foreigner') ? { foreign_id: 'E-1' } : { national_id: '10203040' })
      }
      const error = await refusal(client().createCheck({ country, type: typeOf(kind), inputs }))
      expect(error.apiMessage).toBe(`${country} does not offer ${kind} checks.`)
    })
  }

  it('refuses malformed dates, unknown countries and types, and a missing authorization', async () => {
    const base = { country: 'CO', type: 'person', inputs: { national_id: '1' } }
    expect(
      (
        await refusal(
          client().createCheck({ ...base, inputs: { national_id: '1', date_of_birth: '17/05/1990' } })
        )
      ).apiMessage
    ).toMatch(/date_of_birth must be a date written YYYY-MM-DD/)
    expect((await refusal(client().createCheck({ ...base, country: 'AR' }))).apiMessage).toMatch(
      /country "AR"/
    )
    expect((await refusal(client().createCheck({ ...base, type: 'pet' }))).apiMessage).toMatch(
      /Unknown check type "pet"/
    )
    expect((await refusal(client().createCheck({ ...base, userAuthorized: false }))).apiMessage).toMatch(
      /user_authorized=true/
    )
    expect(
      (
        await refusal(
          client().createCheck({ ...base, inputs: { national_id: '1', custom_input: 'x'.repeat(129) } })
        )
      ).apiMessage
    ).toMatch(/custom_input/)
  })
})
