// The Sandbox's checks: create rules (required inputs, force_creation), storage, and the JSON of a check,
// its details, summary and attachments at the current simulated time.
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
import {
  checkStatus,
  databaseState,
  datasetViews,
  lastChangeAt,
  planCheck,
  weightedScore,
  type CheckPlan,
  type DatabasePlan,
  type UnusualEnds
} from './check-plan'
import { ApiError, formBoolean, isoDate, paginate, withQuery } from './http'
import { decidingValue } from './magic-inputs'
import { seededHex } from './seeded'
import type { SimulatedClock } from './sim-clock'

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

export interface StoredCheck {
  id: string
  country: string
  type: string
  inputs: Record<string, string>
  reportId?: string
  previousCheck?: string
  createdReal: number
  createdSim: number
  plan: CheckPlan
  dedupeKey: string
  pdfRequestedSim?: number
  deleted: boolean
}

/** What the Sandbox keeps of its checks across restarts (src/main/sandbox/state.ts). */
export interface CheckStoreState {
  sequence: number
  created: number
  returnedExisting: number
  checks: StoredCheck[]
  /** Checks made per row token (Lote's custom_input), so duplicates are still counted after a restart. */
  createdPerToken: [string, number][]
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

type Lang = 'es' | 'en'

const WORDS: Record<Lang, Record<string, string>> = {
  es: {
    identity: 'Identidad',
    fullName: 'Nombre completo',
    document: 'Documento',
    documentStatus: 'Estado del documento',
    valid: 'Vigente',
    records: 'Antecedentes',
    date: 'Fecha',
    offence: 'Delito',
    court: 'Juzgado',
    state: 'Estado',
    convicted: 'Condenado',
    offence1: 'Hurto calificado',
    offence2: 'Estafa',
    nameMatches: 'Coincidencias por nombre',
    name: 'Nombre',
    vehicle: 'Vehículo',
    plate: 'Placa',
    brand: 'Marca',
    model: 'Modelo',
    year: 'Año',
    company: 'Empresa',
    companyName: 'Razón social',
    active: 'Activa',
    summaryClean: 'No se encontraron antecedentes.',
    summaryFound: 'Se encontraron registros en',
    summaryPending: 'La consulta sigue en curso.',
    summaryIdentity: 'No se encontró la identidad en el registro oficial.',
    summaryHomonyms: 'Hay coincidencias solo por nombre (posibles homónimos) en',
    summaryError: 'Varias fuentes respondieron con error.'
  },
  en: {
    identity: 'Identity',
    fullName: 'Full name',
    document: 'Document',
    documentStatus: 'Document status',
    valid: 'Valid',
    records: 'Records',
    date: 'Date',
    offence: 'Offence',
    court: 'Court',
    state: 'Status',
    convicted: 'Convicted',
    offence1: 'Aggravated theft',
    offence2: 'Fraud',
    nameMatches: 'Matches by name',
    name: 'Name',
    vehicle: 'Vehicle',
    plate: 'Plate',
    brand: 'Make',
    model: 'Model',
    year: 'Year',
    company: 'Company',
    companyName: 'Company name',
    active: 'Active',
    summaryClean: 'No records were found.',
    summaryFound: 'Records were found in',
    summaryPending: 'The check is still running.',
    summaryIdentity: 'The identity was not found in the official registry.',
    summaryHomonyms: 'There are matches by name only (possible homonyms) in',
    summaryError: 'Several sources answered with an error.'
  }
}

function cells(entries: [string, string][]) {
  return { cells: entries.map(([label, value]) => ({ label, value })) }
}

export class CheckStore {
  private readonly checks = new Map<string, StoredCheck>()
  private readonly byKey = new Map<string, StoredCheck>()
  private readonly createdPerToken = new Map<string, number>()
  /** Checks made per document (country, type and deciding input), for outcomes that change between checks. */
  private readonly perDocument = new Map<string, number>()
  private sequence = 0
  created = 0
  returnedExisting = 0

  constructor(
    private readonly clock: SimulatedClock,
    private readonly settings: () => {
      seed: number
      dedupeWindowMs: number
      legacy: boolean
      unusual: UnusualEnds
    },
    /** Where to look for a check this store does not hold (another process's Sandbox kept it). */
    private readonly elsewhere: (id: string) => StoredCheck | null = () => null
  ) {}

  /**
   * Without force_creation, the same inputs within the dedupe window return the earlier check. That is
   * what lets a client retry a lost create safely (docs/truora-api.md decision 7).
   */
  create(request: CreateCheckRequest): { check: StoredCheck; created: boolean } {
    const { seed, dedupeWindowMs, unusual } = this.settings()
    const now = this.clock.now()
    const dedupeKey = JSON.stringify([
      request.country,
      request.type,
      request.reportId ?? '',
      Object.entries(request.inputs).sort()
    ])
    const earlier = this.byKey.get(dedupeKey)
    const recent = earlier && !earlier.deleted && now - earlier.createdReal <= dedupeWindowMs
    if (recent && !request.force) {
      this.returnedExisting++
      return { check: earlier, created: false }
    }
    this.sequence++
    const documentKey = JSON.stringify([request.country, request.type, decidingValue(request.inputs)])
    const earlierChecks = this.perDocument.get(documentKey) ?? 0
    this.perDocument.set(documentKey, earlierChecks + 1)
    const check: StoredCheck = {
      id: `CHK${seededHex(32, 'check', seed, this.sequence, now)}`,
      country: request.country,
      type: request.type,
      inputs: request.inputs,
      reportId: request.reportId,
      previousCheck: earlier && !earlier.deleted ? earlier.id : undefined,
      createdReal: now,
      createdSim: this.clock.simNow(),
      plan: planCheck(
        request.country,
        request.type,
        request.inputs,
        request.weights,
        seed,
        unusual,
        earlierChecks
      ),
      dedupeKey,
      deleted: false
    }
    this.checks.set(check.id, check)
    this.byKey.set(dedupeKey, check)
    this.created++
    const token = request.inputs.custom_input
    if (token) this.createdPerToken.set(token, (this.createdPerToken.get(token) ?? 0) + 1)
    return { check, created: true }
  }

  /** Checks created more than once for the same row token (custom_input). */
  duplicates(): number {
    let duplicates = 0
    for (const count of this.createdPerToken.values()) duplicates += Math.max(0, count - 1)
    return duplicates
  }

  get(id: string): StoredCheck {
    const check = this.checks.get(id) ?? this.adopt(id)
    if (!check || check.deleted) throw new ApiError(404, 'The Check was not found')
    return check
  }

  /** A check made by another process's Sandbox on the same data folder, taken in. */
  private adopt(id: string): StoredCheck | null {
    const check = this.elsewhere(id)
    if (!check || check.id !== id) return null
    this.checks.set(check.id, check)
    if (!this.byKey.has(check.dedupeKey)) this.byKey.set(check.dedupeKey, check)
    return check
  }

  delete(id: string): void {
    this.get(id).deleted = true
  }

  /**
   * Removes checks for good, as if never made here: what a person's erasure in Lote asks of the Sandbox that
   * ran on this computer. Unlike `delete`, nothing of the check (its inputs) stays, even in memory.
   */
  forget(ids: readonly string[]): number {
    let forgotten = 0
    for (const id of ids) {
      const check = this.checks.get(id)
      if (!check) continue
      this.checks.delete(id)
      if (this.byKey.get(check.dedupeKey) === check) this.byKey.delete(check.dedupeKey)
      forgotten++
    }
    return forgotten
  }

  /** What is kept across a restart: every check but the deleted ones, which keep nothing of their person. */
  snapshot(): CheckStoreState {
    return {
      sequence: this.sequence,
      created: this.created,
      returnedExisting: this.returnedExisting,
      checks: [...this.checks.values()].filter((check) => !check.deleted),
      createdPerToken: [...this.createdPerToken]
    }
  }

  /** Takes back what `snapshot` kept (on a Sandbox that has made nothing yet). */
  restore(state: CheckStoreState): void {
    this.sequence = Math.max(this.sequence, state.sequence)
    this.created += state.created
    this.returnedExisting += state.returnedExisting
    for (const [token, count] of state.createdPerToken) this.createdPerToken.set(token, count)
    for (const check of [...state.checks].sort((a, b) => a.createdReal - b.createdReal)) {
      this.checks.set(check.id, check)
      this.byKey.set(check.dedupeKey, check)
      const documentKey = JSON.stringify([check.country, check.type, decidingValue(check.inputs)])
      this.perDocument.set(documentKey, (this.perDocument.get(documentKey) ?? 0) + 1)
    }
  }

  list(reportId: string | null): StoredCheck[] {
    return [...this.checks.values()].filter(
      (check) => !check.deleted && (!reportId || check.reportId === reportId)
    )
  }

  elapsed(check: StoredCheck): number {
    return this.clock.simNow() - check.createdSim
  }

  status(check: StoredCheck): string {
    return checkStatus(check.plan, this.elapsed(check))
  }

  /** The check object as GET /v1/checks/{id} shows it now. */
  view(check: StoredCheck): Record<string, unknown> {
    const { legacy } = this.settings()
    const elapsed = this.elapsed(check)
    const plan = check.plan
    const status = checkStatus(plan, elapsed)
    const updateReal = Math.min(
      this.clock.now(),
      this.clock.realAt(check.createdSim + lastChangeAt(plan, elapsed))
    )
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
    body.statuses = plan.databases.map((db) => this.databaseView(db, elapsed))
    Object.assign(body, this.summaries(check, elapsed))
    return body
  }

  output(check: StoredCheck): Record<string, unknown> {
    return {
      check: this.view(check),
      details: `/v1/checks/${check.id}/details`,
      self: `/v1/checks/${check.id}`
    }
  }

  private databaseView(db: DatabasePlan, elapsed: number): Record<string, unknown> {
    const state = databaseState(db, elapsed)
    // Like Truora, a database that has not answered yet shows only its short internal name.
    if (state === 'pending') return { database_name: db.db.short, status: 'not_started' }
    return { database_id: db.db.id, database_name: db.db.name, data_set: db.db.dataSet, status: state }
  }

  private summaries(check: StoredCheck, elapsed: number): Record<string, unknown> {
    const plan = check.plan
    const finished = (dataSet: string) =>
      plan.databases.some((db) => db.db.dataSet === dataSet && databaseState(db, elapsed) === 'completed')
    const out: Record<string, unknown> = {}
    const summary: Record<string, unknown> = {}
    if (finished('personal_identity')) {
      const missing = plan.outcome === 'identity_not_found'
      summary.identity_status = missing ? 'not_found' : 'found'
      summary.names_found = missing
        ? []
        : [{ first_name: plan.firstName, last_name: plan.lastName, count: 1 }]
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

  /** GET /v1/checks/{id}/details: one detail per database. */
  details(check: StoredCheck, lang: string | null, startKey: string | null, pageSize: number) {
    const words = WORDS[lang === 'en' ? 'en' : 'es']
    const elapsed = this.elapsed(check)
    const all = check.plan.databases.map((db) => this.detail(check, db, elapsed, words))
    const page = paginate(
      all,
      (detail) => detail.id,
      startKey,
      pageSize,
      (key) => withQuery(`/v1/checks/${check.id}/details`, { lang: lang ?? undefined, start_key: key })
    )
    return {
      details: page.items,
      next: page.next,
      self: withQuery(`/v1/checks/${check.id}/details`, { lang: lang ?? undefined })
    }
  }

  private detail(check: StoredCheck, db: DatabasePlan, elapsed: number, words: Record<string, string>) {
    const state = databaseState(db, elapsed)
    const plan = check.plan
    const fullName = `${plan.firstName} ${plan.lastName}`
    const documentNumber =
      check.inputs.national_id ??
      check.inputs.foreign_id ??
      check.inputs.ptp ??
      check.inputs.tax_id ??
      check.inputs.passport ??
      ''
    let result = 'not_found'
    let severity = 'none'
    let route = 'person'
    let tables: unknown = null
    const found: Record<string, string> = {}
    if (state === 'pending' || state === 'delayed') {
      result = 'pending'
      severity = 'unknown'
    } else if (state === 'error') {
      result = 'error'
      severity = 'unknown'
    } else if (db.found === 'by_id') {
      result = 'found'
      severity = 'high'
      tables = [
        {
          title: words.records,
          rows: [
            cells([
              [words.date, '2016-03-14'],
              [words.offence, words.offence1],
              [words.court, 'Juzgado 12 Penal'],
              [words.state, words.convicted]
            ]),
            cells([
              [words.date, '2019-08-02'],
              [words.offence, words.offence2],
              [words.court, 'Juzgado 3 Penal'],
              [words.state, words.convicted]
            ])
          ]
        }
      ]
    } else if (db.found === 'by_name') {
      result = 'found'
      severity = 'medium'
      route = 'person-name'
      tables = [
        {
          title: words.nameMatches,
          rows: [
            cells([
              [words.name, fullName],
              [words.document, '—'],
              [words.offence, words.offence1]
            ]),
            cells([
              [words.name, `${plan.firstName} Andrea ${plan.lastName}`],
              [words.document, '—'],
              [words.offence, words.offence2]
            ])
          ]
        }
      ]
    } else if (db.db.dataSet === 'personal_identity' && plan.outcome !== 'identity_not_found') {
      result = 'found'
      found.found_first_name = plan.firstName
      found.found_last_name = plan.lastName
      tables = [
        {
          title: words.identity,
          rows: [
            cells([
              [words.fullName, fullName],
              [words.document, documentNumber],
              [words.documentStatus, words.valid]
            ])
          ]
        }
      ]
    } else if (db.db.dataSet === 'vehicle_information' && check.inputs.license_plate) {
      result = 'found'
      route = 'vehicle'
      tables = [
        {
          title: words.vehicle,
          rows: [
            cells([
              [words.plate, check.inputs.license_plate],
              [words.brand, 'Chevrolet'],
              [words.model, 'Spark GT'],
              [words.year, '2019']
            ])
          ]
        }
      ]
    } else if (
      db.db.dataSet === 'business_background' &&
      (check.inputs.tax_id || check.inputs.company_name)
    ) {
      result = 'found'
      route = 'company'
      found.found_company_name = check.inputs.company_name ?? `Empresa ${check.inputs.tax_id}`
      tables = [
        {
          title: words.company,
          rows: [
            cells([
              [words.companyName, found.found_company_name],
              [words.state, words.active]
            ])
          ]
        }
      ]
    }
    return {
      id: `DTL${seededHex(32, 'detail', check.id, db.db.short)}`,
      check_id: check.id,
      data_set: db.db.dataSet,
      database_id: db.db.id,
      database_name: db.db.name,
      result,
      severity,
      route,
      depth: 0,
      ...found,
      update_date: isoDate(
        Math.min(this.clock.now(), this.clock.realAt(check.createdSim + Math.min(elapsed, db.finishAt)))
      ),
      tables
    }
  }

  /** GET /v1/checks/{id}/summarize: a short text for manual review, plus its parts. */
  summarize(check: StoredCheck): Record<string, unknown> {
    const words = WORDS.es
    const elapsed = this.elapsed(check)
    const status = checkStatus(check.plan, elapsed)
    const views = status === 'not_started' ? [] : datasetViews(check.plan, elapsed)
    const highlights = views
      .filter(
        (view) =>
          view.result === 'found' ||
          (view.by_id.result === 'not_found' && view.data_set === 'personal_identity' && view.score === 0)
      )
      .map((view) => ({ data_set: view.data_set, result: view.result, severity: view.severity }))
    const lines: string[] = []
    if (status === 'not_started' || status === 'in_progress' || status === 'delayed')
      lines.push(words.summaryPending)
    if (status === 'error') lines.push(words.summaryError)
    const foundById = views.filter(
      (view) => view.by_id.result === 'found' && view.data_set !== 'personal_identity'
    )
    const byNameOnly = views.filter(
      (view) => view.by_name.result === 'found' && view.by_id.result !== 'found'
    )
    if (foundById.length)
      lines.push(`${words.summaryFound} ${foundById.map((view) => view.data_set).join(', ')}.`)
    if (byNameOnly.length)
      lines.push(`${words.summaryHomonyms} ${byNameOnly.map((view) => view.data_set).join(', ')}.`)
    if (views.some((view) => view.data_set === 'personal_identity' && view.score === 0))
      lines.push(words.summaryIdentity)
    if (status === 'completed' && lines.length === 0) lines.push(words.summaryClean)
    return { check_id: check.id, status, score: this.view(check).score, summary: lines.join(' '), highlights }
  }

  /** Certificates of the identity and criminal-record databases that answered. */
  attachments(check: StoredCheck, origin: string): Record<string, unknown> {
    const elapsed = this.elapsed(check)
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

  attachment(check: StoredCheck, id: string): DatabasePlan {
    const db = check.plan.databases.find((candidate) => attachmentId(check, candidate) === id)
    if (!db || databaseState(db, this.elapsed(check)) !== 'completed')
      throw new ApiError(404, 'Resource not found')
    return db
  }
}

function attachmentId(check: StoredCheck, db: DatabasePlan): string {
  return `ATT${seededHex(32, 'attachment', check.id, db.db.short)}`
}

export function isFrequency(value: string): boolean {
  return FREQUENCY.test(value)
}
