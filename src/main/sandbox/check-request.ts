// What POST /v1/checks asks for, read and checked as Truora does: country and type, the person's
// authorisation, inputs in their documented forms, and the inputs each country and kind of check requires
// (src/shared/checks/inputs.ts). A bad request is a 400 that says exactly what is wrong.
import {
  INPUT_NAMES,
  isCountry,
  customTypeKey,
  isDefaultCheckType,
  kindFor,
  kindFromDatasets,
  requiredInputsProblems,
  DATE_INPUTS
} from '../../shared/checks/inputs'
import type { RequiredInputsProblem } from '../../shared/checks/inputs'
import type { Weights } from './catalog'
import { ApiError, formBoolean } from './http'

const NATIVE_COUNTRIES = ['CO', 'MX', 'PE', 'BR', 'EC', 'CL', 'VE']
const OWNER_DOCUMENT_TYPES = ['national-id', 'foreign-id', 'tax-id', 'passport']
const FREQUENCY = /^(daily|weekly|monthly|yearly|\d+[dwmy])$/

export interface CreateCheckRequest {
  country: string
  type: string
  inputs: Record<string, string>
  weights: Weights
  force: boolean
  reportId?: string
}

function describeProblem(problem: RequiredInputsProblem): string {
  switch (problem.kind) {
    case 'missing':
      return problem.input
    case 'missing-alternative':
      return `one of ${problem.inputs.join(' or ')}`
    case 'unsupported':
    case 'custom-kind-unknown':
      return ''
  }
}

/** Reads and validates a POST /v1/checks form; throws a 400 that says exactly what is wrong. */
export function readCreateRequest(
  form: URLSearchParams,
  weightsFor: (country: string, type: string) => Weights | null
): CreateCheckRequest {
  const country = form.get('country')?.trim() ?? ''
  if (!country) throw new ApiError(400, 'Missing required parameter country.')
  if (!isCountry(country))
    throw new ApiError(400, `country "${country}" is not supported; use ALL, BR, CL, CO, CR, MX or PE.`)
  const type = form.get('type')?.trim() ?? ''
  if (!type)
    throw new ApiError(400, 'Missing required parameter type (person, vehicle, company or a custom type).')
  const weights = weightsFor(country, type)
  if (!weights)
    throw new ApiError(
      400,
      `Unknown check type "${type}" for ${country}: create it with POST /v1/config first.`
    )
  if (formBoolean(form, 'user_authorized') !== true)
    throw new ApiError(400, 'user_authorized=true is required: the person must have authorized the check.')
  const force = formBoolean(form, 'force_creation') ?? false

  const inputs: Record<string, string> = {}
  for (const name of INPUT_NAMES) {
    const value = form.get(name)?.trim()
    if (value) inputs[name] = value
  }
  for (const name of DATE_INPUTS)
    if (inputs[name] && !/^\d{4}-\d{2}-\d{2}$/.test(inputs[name]))
      throw new ApiError(400, `${name} must be a date written YYYY-MM-DD, not "${inputs[name]}".`)
  if (inputs.custom_input && inputs.custom_input.length > 128)
    throw new ApiError(400, 'custom_input is longer than 128 characters.')
  if (inputs.native_country && !NATIVE_COUNTRIES.includes(inputs.native_country))
    throw new ApiError(400, `native_country must be one of ${NATIVE_COUNTRIES.join(', ')}.`)
  if (inputs.owner_document_type && !OWNER_DOCUMENT_TYPES.includes(inputs.owner_document_type))
    throw new ApiError(400, `owner_document_type must be one of ${OWNER_DOCUMENT_TYPES.join(', ')}.`)
  if (inputs.imei && !/^\d{15}$/.test(inputs.imei)) throw new ApiError(400, 'imei must have 15 digits.')
  const watch = form.get('watch')
  if (watch && !FREQUENCY.test(watch))
    throw new ApiError(400, `watch must be a frequency such as monthly or 3m, not "${watch}".`)

  // A custom type is checked by what its datasets make clear; one they leave open needs only some input.
  const customKind = isDefaultCheckType(type)
    ? undefined
    : (kindFromDatasets(Object.keys(weights)) ?? undefined)
  const problems = requiredInputsProblems(country, type, inputs, {
    [customTypeKey(country, type)]: customKind
  }).filter((problem) => problem.kind !== 'custom-kind-unknown')
  if (
    !isDefaultCheckType(type) &&
    !customKind &&
    Object.keys(inputs).every((name) => name === 'custom_input')
  )
    throw new ApiError(400, `A ${type} check needs at least one input.`)
  const kind = kindFor(type, inputs, customKind)
  if (problems.some((problem) => problem.kind === 'unsupported'))
    throw new ApiError(400, `${country} does not offer ${kind} checks.`)
  if (problems.length > 0)
    throw new ApiError(
      400,
      `Missing required input${problems.length > 1 ? 's' : ''} for a ${country} ${kind} check: ${problems.map(describeProblem).join(', ')}.`
    )
  const reportId = form.get('report_id')?.trim() || undefined
  return { country, type, inputs, weights, force, reportId }
}

export function isFrequency(value: string): boolean {
  return FREQUENCY.test(value)
}
