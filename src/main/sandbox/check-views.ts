// The JSON of a Sandbox check as Truora shows it at the current simulated time: the check with its scores,
// databases and summaries (GET /v1/checks/{id}), and its attachments. Nothing here is stored: a check's
// progress is computed from its plan and the clock.
import {
  checkStatus,
  databaseState,
  datasetViews,
  lastChangeAt,
  weightedScore,
  type DatabasePlan
} from './check-plan'
import type { StoredCheck } from './check-store'
import { ApiError, isoDate } from './http'
import { seededHex } from './seeded'
import type { SimulatedClock } from './sim-clock'

/** Simulated time since the check was made. */
export function elapsedOf(check: StoredCheck, clock: SimulatedClock): number {
  return clock.simNow() - check.createdSim
}

/** The check object as GET /v1/checks/{id} shows it now. */
export function checkView(
  check: StoredCheck,
  clock: SimulatedClock,
  legacy: boolean
): Record<string, unknown> {
  const elapsed = elapsedOf(check, clock)
  const plan = check.plan
  const status = checkStatus(plan, elapsed)
  const updateReal = Math.min(clock.now(), clock.realAt(check.createdSim + lastChangeAt(plan, elapsed)))
  const body: Record<string, unknown> = {
    check_id: check.id,
    country: check.country,
    type: check.type,
    status,
    creation_date: isoDate(check.createdReal),
    update_date: isoDate(Math.max(check.createdReal, updateReal)),
    billing_hub: 'hub',
    ...check.inputs
  }
  if (check.reportId) body.report_id = check.reportId
  if (check.previousCheck) body.previous_check = check.previousCheck
  const nameScoreField = legacy ? 'homonym_score' : 'name_score'
  if (status === 'not_started') {
    return { ...body, score: -1, id_score: 0, [nameScoreField]: 0 }
  }
  const views = datasetViews(plan, elapsed)
  body.score = weightedScore(plan, views, (view) => view.by_id)
  body.id_score = body.score
  body[nameScoreField] = weightedScore(plan, views, (view) => view.by_name)
  if (plan.outcome === 'homonyms' && views.some((view) => view.by_name.result === 'found'))
    body.homonym_probability = 0.8
  body.scores = views
  body.statuses = plan.databases.map((db) => databaseView(db, elapsed))
  Object.assign(body, summaries(check, elapsed))
  return body
}

export function checkOutput(
  check: StoredCheck,
  clock: SimulatedClock,
  legacy: boolean
): Record<string, unknown> {
  return {
    check: checkView(check, clock, legacy),
    details: `/v1/checks/${check.id}/details`,
    self: `/v1/checks/${check.id}`
  }
}

function databaseView(db: DatabasePlan, elapsed: number): Record<string, unknown> {
  const state = databaseState(db, elapsed)
  // Like Truora, a database that has not answered yet shows only its short internal name.
  if (state === 'pending') return { database_name: db.db.short, status: 'not_started' }
  return { database_id: db.db.id, database_name: db.db.name, data_set: db.db.dataSet, status: state }
}

function summaries(check: StoredCheck, elapsed: number): Record<string, unknown> {
  const plan = check.plan
  const finished = (dataSet: string) =>
    plan.databases.some((db) => db.db.dataSet === dataSet && databaseState(db, elapsed) === 'completed')
  const out: Record<string, unknown> = {}
  const summary: Record<string, unknown> = {}
  if (finished('personal_identity')) {
    const missing = plan.outcome === 'identity_not_found'
    summary.identity_status = missing ? 'not_found' : 'found'
    summary.names_found = missing ? [] : [{ first_name: plan.firstName, last_name: plan.lastName, count: 1 }]
    if (!missing && check.inputs.date_of_birth) summary.date_of_birth = check.inputs.date_of_birth
  }
  if (plan.outcome === 'homonyms' && finished('criminal_record')) {
    const names = (summary.names_found as unknown[] | undefined) ?? []
    summary.names_found = [
      ...names,
      { first_name: plan.firstName, last_name: plan.lastName, count: 3 },
      { first_name: `${plan.firstName} Andrea`, last_name: plan.lastName, count: 1 }
    ]
  }
  if (check.type !== 'company' && check.type !== 'vehicle') out.summary = summary
  if (check.type === 'company')
    out.company_summary = finished('business_background')
      ? {
          company_status: 'found',
          names_found: [
            { company_name: check.inputs.company_name ?? `Empresa ${check.inputs.tax_id ?? ''}`.trim() }
          ]
        }
      : {}
  if (check.type === 'vehicle') {
    out.summary = summary
    out.vehicle_summary = finished('vehicle_information')
      ? {
          vehicle_status: 'found',
          license_plate: check.inputs.license_plate,
          manufacturer: 'Chevrolet',
          model: 'Spark GT',
          year: 2019,
          color: 'Rojo',
          vehicle_type: 'Automóvil',
          service_type: 'Particular'
        }
      : {}
  }
  return out
}

/** Certificates of the identity and criminal-record databases that answered. */
export function checkAttachments(
  check: StoredCheck,
  clock: SimulatedClock,
  origin: string
): Record<string, unknown> {
  const elapsed = elapsedOf(check, clock)
  const attachments = check.plan.databases
    .filter((db) => ['criminal_record', 'personal_identity'].includes(db.db.dataSet))
    .filter((db) => databaseState(db, elapsed) === 'completed')
    .map((db) => {
      const id = attachmentId(check, db)
      return {
        attachment_id: id,
        check_id: check.id,
        database_id: db.db.id,
        database_name: db.db.name,
        data_set: db.db.dataSet,
        file_name: `${db.db.short}-certificado.pdf`,
        content_type: 'application/pdf',
        url: `${origin}/v1/checks/${check.id}/attachments/${id}`
      }
    })
  return { attachments, next: '', self: `/v1/checks/${check.id}/attachments` }
}

export function checkAttachment(check: StoredCheck, clock: SimulatedClock, id: string): DatabasePlan {
  const db = check.plan.databases.find((candidate) => attachmentId(check, candidate) === id)
  if (!db || databaseState(db, elapsedOf(check, clock)) !== 'completed')
    throw new ApiError(404, 'Resource not found')
  return db
}

function attachmentId(check: StoredCheck, db: DatabasePlan): string {
  return `ATT${seededHex(32, 'attachment', check.id, db.db.short)}`
}
