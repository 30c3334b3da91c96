// A Sandbox check's details (one per database, with tables of what it found, in Spanish or English) and its
// short summary for manual review, as Truora answers GET /v1/checks/{id}/details and /summarize.
import { checkStatus, databaseState, datasetViews, type DatabasePlan } from './check-plan'
import type { StoredCheck } from './check-store'
import { elapsedOf } from './check-views'
import { isoDate, paginate, withQuery } from './http'
import { seededHex } from './seeded'
import type { SimulatedClock } from './sim-clock'

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

/** GET /v1/checks/{id}/details: one detail per database. */
export function checkDetails(
  check: StoredCheck,
  clock: SimulatedClock,
  lang: string | null,
  startKey: string | null,
  pageSize: number
) {
  const words = WORDS[lang === 'en' ? 'en' : 'es']
  const elapsed = elapsedOf(check, clock)
  const all = check.plan.databases.map((db) => detail(check, db, elapsed, words, clock))
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

function detail(
  check: StoredCheck,
  db: DatabasePlan,
  elapsed: number,
  words: Record<string, string>,
  clock: SimulatedClock
) {
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
  } else if (db.db.dataSet === 'business_background' && (check.inputs.tax_id || check.inputs.company_name)) {
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
      Math.min(clock.now(), clock.realAt(check.createdSim + Math.min(elapsed, db.finishAt)))
    ),
    tables
  }
}

/** GET /v1/checks/{id}/summarize: a short text for manual review, plus its parts. */
export function checkSummary(
  check: StoredCheck,
  clock: SimulatedClock,
  score: unknown
): Record<string, unknown> {
  const words = WORDS.es
  const elapsed = elapsedOf(check, clock)
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
  const byNameOnly = views.filter((view) => view.by_name.result === 'found' && view.by_id.result !== 'found')
  if (foundById.length)
    lines.push(`${words.summaryFound} ${foundById.map((view) => view.data_set).join(', ')}.`)
  if (byNameOnly.length)
    lines.push(`${words.summaryHomonyms} ${byNameOnly.map((view) => view.data_set).join(', ')}.`)
  if (views.some((view) => view.data_set === 'personal_identity' && view.score === 0))
    lines.push(words.summaryIdentity)
  if (status === 'completed' && lines.length === 0) lines.push(words.summaryClean)
  return { check_id: check.id, status, score, summary: lines.join(' '), highlights }
}
