// Tolerant readers for Truora's JSON (docs/truora-api.md, decision 2): check what Lote relies on (ids,
// statuses, scores), accept the older shapes of the public examples, and let everything else pass through.
import { INPUT_NAMES } from '../../shared/checks/inputs'
import { TruoraError } from './errors'
import type {
  Attachment,
  Batch,
  BatchColumn,
  BatchCreated,
  Check,
  CheckDetail,
  CheckSummary,
  ContinuousCheck,
  ContinuousCheckChange,
  CustomType,
  DatabaseStatus,
  DatasetScore,
  DatasetWeight,
  DetailTable,
  HealthEntry,
  JsonObject,
  Page,
  ScoreDetail,
  Settings,
  Summarization,
  UnknownShape
} from './types'

/**
 * Told about every part of an answer that matches no shape Lote knows, with the part itself (the caller
 * describes it with `describeShape`, so only its structure travels further).
 */
export type ShapeReporter = (what: string, value: unknown) => void

const unreported: ShapeReporter = () => undefined

/** Keys that look like data rather than field names (a document number, an e-mail) are not repeated. */
function safeKey(key: string): string {
  return /\d{4,}|@|\s/.test(key) || key.length > 40 ? '<key>' : key
}

/**
 * The structure of a JSON value: key names and value types, never the values, so it can go to the log
 * without personal data. Arrays show their first element and their length.
 */
export function describeShape(value: unknown, depth = 3): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const first = depth > 0 ? describeShape(value[0], depth - 1) : '…'
    return `[${first}${value.length > 1 ? `, …${value.length} items` : ''}]`
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as JsonObject)
    if (depth <= 0) return entries.length ? '{…}' : '{}'
    const shown = entries
      .slice(0, 20)
      .map(([key, item]) => `${safeKey(key)}: ${describeShape(item, depth - 1)}`)
    if (entries.length > 20) shown.push(`…${entries.length - 20} more keys`)
    return `{${shown.join(', ')}}`
  }
  return typeof value
}

/** The log line for an unknown shape: what, where, and the structure alone. */
export function unknownShapeLogLine(report: UnknownShape): string {
  return `Truora answered ${report.request ?? 'a request'} in an unknown shape (${report.what}): ${report.shape}`
}

/** The error for an answer Lote cannot read at all: the analyst is told so; the shape goes to the log. */
export function unknownShape(what: string, value: unknown): TruoraError {
  return new TruoraError({
    kind: 'unknown_shape',
    shape: describeShape(value),
    message: `Truora answered in a way Lote does not know (${what}).`
  })
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return null
}

function booleanOrNull(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (value === 'true') return true
  if (value === 'false') return false
  return null
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function objects(value: unknown): JsonObject[] {
  return list(value).filter(isObject)
}

function requiredText(source: JsonObject, keys: string[], what: string): string {
  for (const key of keys) {
    const value = text(source[key])
    if (value) return value
  }
  throw unknownShape(`${what} without ${keys[0]}`, source)
}

function scoreDetail(value: unknown): ScoreDetail | null {
  if (!isObject(value)) return null
  return { result: text(value.result), score: numberOrNull(value.score), severity: text(value.severity) }
}

function datasetScore(value: JsonObject): DatasetScore {
  return {
    dataSet: text(value.data_set) ?? '',
    result: text(value.result),
    score: numberOrNull(value.score),
    severity: text(value.severity),
    byId: scoreDetail(value.by_id),
    byName: scoreDetail(value.by_name)
  }
}

function databaseStatus(value: JsonObject): DatabaseStatus {
  return {
    databaseId: text(value.database_id),
    databaseName: text(value.database_name) ?? text(value.database_id) ?? '',
    dataSet: text(value.data_set),
    status: text(value.status) ?? 'unknown',
    invalidInputs: list(value.invalid_inputs)
      .map(text)
      .filter((name): name is string => name !== null)
  }
}

function checkSummary(value: unknown): CheckSummary | null {
  if (!isObject(value)) return null
  return {
    identityStatus: text(value.identity_status),
    namesFound: objects(value.names_found).map((name) => ({
      firstName: text(name.first_name),
      lastName: text(name.last_name),
      count: numberOrNull(name.count)
    })),
    raw: value
  }
}

/** A check, from either `{check, details, self}` or a bare check object. */
export function parseCheck(value: unknown): Check {
  const wrapped = isObject(value) && isObject(value.check)
  const source = wrapped ? value.check : value
  if (!isObject(source)) throw unknownShape('a check that is not a JSON object', value)
  const outer = wrapped ? (value as JsonObject) : source
  const inputs: Record<string, string> = {}
  for (const name of INPUT_NAMES) {
    const input = text(source[name])
    if (input !== null && input !== '') inputs[name] = input
  }
  return {
    id: requiredText(source, ['check_id'], 'a check'),
    country: text(source.country) ?? '',
    type: text(source.type) ?? '',
    status: requiredText(source, ['status'], 'a check'),
    score: numberOrNull(source.score),
    idScore: numberOrNull(source.id_score),
    nameScore: numberOrNull(source.name_score) ?? numberOrNull(source.homonym_score),
    scores: objects(source.scores).map(datasetScore),
    statuses: objects(source.statuses).map(databaseStatus),
    summary: checkSummary(source.summary),
    creationDate: text(source.creation_date),
    updateDate: text(source.update_date),
    customInput: text(source.custom_input),
    reportId: text(source.report_id),
    previousCheck: text(source.previous_check),
    billingHub: text(source.billing_hub),
    detailsPath: text(outer.details) ?? (typeof source.details === 'string' ? source.details : null),
    selfPath: text(outer.self) ?? (typeof source.self === 'string' ? source.self : null),
    inputs,
    raw: source
  }
}

function nextOf(value: JsonObject): string {
  return text(value.next) ?? ''
}

/** Where lists of other APIs keep their items, tried when the documented key is absent. */
const OTHER_LIST_KEYS = ['items', 'data', 'results']

/**
 * A list page: `{<key>: [...], next, self}`; a bare array is a single, last page. A page with no list Lote
 * recognises is an unknown shape, never an empty list; an item that cannot be read is reported and left
 * out, so one odd item does not hide the others.
 */
function page<T>(
  value: unknown,
  key: string,
  item: (entry: unknown) => T,
  report: ShapeReporter,
  what: string
): Page<T> {
  let entries: unknown[]
  let next = ''
  if (Array.isArray(value)) entries = value
  else if (isObject(value)) {
    const found = [key, ...OTHER_LIST_KEYS].find((name) => Array.isArray(value[name]))
    if (found) entries = value[found] as unknown[]
    else if (key in value && value[key] === null) entries = []
    else throw unknownShape(`a list of ${what}`, value)
    next = nextOf(value)
  } else throw unknownShape(`a list of ${what}`, value)
  const items: T[] = []
  for (const entry of entries) {
    try {
      items.push(item(entry))
    } catch (error) {
      if (!(error instanceof TruoraError)) throw error
      report(what, entry)
    }
  }
  return { items, next }
}

/** The older spec's examples for the list show a single `{check, details, self}`: read as a one-check page. */
export function parseChecksPage(value: unknown, report: ShapeReporter = unreported): Page<Check> {
  if (isObject(value) && isObject(value.check) && !('checks' in value))
    return { items: [parseCheck(value)], next: nextOf(value) }
  return page(value, 'checks', parseCheck, report, 'checks')
}

function detailTables(value: unknown): DetailTable[] {
  return objects(value).map((table) => ({
    title: text(table.title) ?? '',
    rows: objects(table.rows).map((row) => ({
      cells: objects(row.cells).map((cell) => ({
        label: text(cell.label) ?? '',
        value: text(cell.value) ?? ''
      }))
    }))
  }))
}

export function parseDetail(value: unknown): CheckDetail {
  if (!isObject(value)) throw unknownShape('a check detail that is not a JSON object', value)
  return {
    id: requiredText(value, ['id', 'detail_id'], 'a check detail'),
    checkId: text(value.check_id),
    dataSet: text(value.data_set),
    databaseId: text(value.database_id),
    databaseName: text(value.database_name),
    result: text(value.result),
    severity: text(value.severity),
    route: text(value.route),
    tables: detailTables(value.tables),
    raw: value
  }
}

export function parseDetailsPage(value: unknown, report: ShapeReporter = unreported): Page<CheckDetail> {
  return page(value, 'details', parseDetail, report, 'check details')
}

export function parseSummarization(value: unknown): Summarization {
  if (typeof value === 'string') return { checkId: null, status: null, text: value, raw: { text: value } }
  if (!isObject(value)) throw unknownShape('a summary', value)
  return {
    checkId: text(value.check_id),
    status: text(value.status) ?? text(value.check_status),
    text: text(value.summary) ?? text(value.text) ?? '',
    raw: value
  }
}

const LINK_KEYS = ['url', 'download_url', 'link', 'href', 'file_url', 'pdf_url', 'attachment_url']

/** The attachment's link under a known name, else the one value that looks like a link. */
function attachmentLink(entry: JsonObject): string | null {
  for (const key of LINK_KEYS) {
    const link = text(entry[key])
    if (link) return link
  }
  const links = Object.values(entry).filter(
    (value): value is string => typeof value === 'string' && /^(https?:\/\/|\/v1\/)/i.test(value)
  )
  return links.length === 1 ? links[0] : null
}

/** An attachment without a link Lote recognises is kept (its name still tells what exists) and reported. */
export function parseAttachments(value: unknown, report: ShapeReporter = unreported): Page<Attachment> {
  return page(
    value,
    'attachments',
    (entry) => {
      if (!isObject(entry)) throw unknownShape('an attachment that is not a JSON object', entry)
      const url = attachmentLink(entry)
      if (url === null) report('attachment without a link', entry)
      return {
        id: text(entry.attachment_id) ?? text(entry.id),
        checkId: text(entry.check_id),
        fileName: text(entry.file_name) ?? text(entry.name),
        contentType: text(entry.content_type),
        url,
        databaseName: text(entry.database_name),
        dataSet: text(entry.data_set),
        raw: entry
      }
    },
    report,
    'attachments'
  )
}

/**
 * Health is an array of databases (the older spec); an object holding one under `databases`, `health` or
 * `data` is read the same way. Anything else is an unknown shape; so is a database without hourly statuses.
 */
export function parseHealth(value: unknown, report: ShapeReporter = unreported): HealthEntry[] {
  const entries = Array.isArray(value)
    ? value
    : isObject(value)
      ? [value.databases, value.health, value.data].find(Array.isArray)
      : undefined
  if (!entries) throw unknownShape('database health', value)
  const databases: HealthEntry[] = []
  for (const entry of entries) {
    if (
      !isObject(entry) ||
      !Array.isArray(entry.hourly_status) ||
      !text(entry.database_name ?? entry.database_id)
    ) {
      report('a database in health', entry)
      continue
    }
    databases.push({
      databaseId: text(entry.database_id),
      databaseName: text(entry.database_name) ?? text(entry.database_id) ?? '',
      dataSets: list(entry.data_sets)
        .map(text)
        .filter((name): name is string => name !== null),
      hourlyStatus: entry.hourly_status.map((status) => text(status) ?? 'undetermined')
    })
  }
  if (entries.length > 0 && databases.length === 0) throw unknownShape('database health', value)
  return databases
}

function weights(value: unknown): DatasetWeight[] {
  return objects(value).map((entry) => ({
    dataSet: text(entry.data_set) ?? '',
    weight: numberOrNull(entry.weight) ?? 0
  }))
}

/**
 * Custom types come as `{score_configs: {COUNTRY: {type: [{data_set, weight}]}}}` or as the bare
 * `{COUNTRY: {type: [...]}}` map; both are flattened.
 */
export function parseCustomTypes(value: unknown): CustomType[] {
  if (!isObject(value)) throw unknownShape('custom types', value)
  const map = isObject(value.score_configs) ? value.score_configs : value
  const types: CustomType[] = []
  for (const [country, byType] of Object.entries(map)) {
    if (!/^[A-Z]{2,3}$/.test(country) || !isObject(byType)) continue
    for (const [type, entries] of Object.entries(byType))
      if (Array.isArray(entries)) types.push({ country, type, weights: weights(entries) })
  }
  return types
}

export function parseSettings(value: unknown): Settings {
  const source = isObject(value) ? value : {}
  return {
    maxDuration: text(source.max_duration),
    namesMatchingType: text(source.names_matching_type),
    retries: booleanOrNull(source.retries),
    raw: source
  }
}

export function parseContinuousCheck(value: unknown): ContinuousCheck {
  const source = isObject(value) && isObject(value.continuous_check) ? value.continuous_check : value
  if (!isObject(source)) throw unknownShape('a continuous check', value)
  return {
    id: requiredText(source, ['continuous_check_id', 'id'], 'a continuous check'),
    check: isObject(source.check) ? parseCheck(source.check) : null,
    frequency: text(source.frequency),
    status: text(source.status),
    scoreStatus: text(source.score_status),
    counter: numberOrNull(source.counter) ?? numberOrNull(source.count),
    endDate: text(source.end_date),
    nextRunDate: text(source.next_run_date),
    creationDate: text(source.creation_date),
    updateDate: text(source.update_date),
    raw: source
  }
}

export function parseContinuousChecksPage(
  value: unknown,
  report: ShapeReporter = unreported
): Page<ContinuousCheck> {
  return page(value, 'continuous_checks', parseContinuousCheck, report, 'continuous checks')
}

export function parseHistoryPage(
  value: unknown,
  report: ShapeReporter = unreported
): Page<ContinuousCheckChange> {
  return page(
    value,
    'history',
    (entry) => {
      if (!isObject(entry)) throw unknownShape('a continuous check change', entry)
      return { date: text(entry.date) ?? text(entry.creation_date), event: text(entry.event), raw: entry }
    },
    report,
    'continuous check changes'
  )
}

function batchColumns(value: unknown): BatchColumn[] {
  return list(value)
    .map((entry, position): BatchColumn | null => {
      if (typeof entry === 'string') return { input: entry, index: position }
      if (!isObject(entry)) return null
      const input = text(entry.name) ?? text(entry.input)
      if (!input) return null
      return { input, index: numberOrNull(entry.index) ?? position }
    })
    .filter((column): column is BatchColumn => column !== null)
    .sort((a, b) => a.index - b.index)
}

function batchId(value: JsonObject): string | null {
  return text(value.batch_id) ?? text(value.id) ?? (isObject(value.batch) ? text(value.batch.batch_id) : null)
}

/** Decision 3: the id is `batch_id`, else `id`, else `batch.batch_id`. */
export function parseBatchCreated(value: unknown): BatchCreated {
  if (!isObject(value)) throw unknownShape('a created batch', value)
  const id = batchId(value)
  if (!id) throw unknownShape('a created batch without batch_id', value)
  return {
    id,
    columns: batchColumns(value.columns),
    fileUploadLink: requiredText(value, ['file_upload_link'], 'a created batch'),
    linkExpiresAt: text(value.file_upload_link_expiration) ?? text(value.expiration_date),
    raw: value
  }
}

export function parseBatch(value: unknown): Batch {
  const source = isObject(value) && isObject(value.batch) && !value.batch_id ? value.batch : value
  if (!isObject(source)) throw unknownShape('a batch', value)
  const id = batchId(source)
  if (!id) throw unknownShape('a batch without batch_id', source)
  return {
    id,
    status: text(source.status) ?? 'unknown',
    reportId: text(source.report_id),
    size: numberOrNull(source.size),
    createdChecks: numberOrNull(source.created_checks_count),
    invalidChecks: numberOrNull(source.invalid_checks_count),
    completedChecks: numberOrNull(source.completed_checks_count),
    failureReason: text(source.failure_reason) || null,
    creationDate: text(source.creation_date),
    raw: source
  }
}

/** Where a JSON batch report says the file is (decision 6). */
export function reportLink(value: unknown): string | null {
  if (!isObject(value)) return null
  for (const key of ['report_url', 'download_url', 'url', 'link', 'file_url']) {
    const link = text(value[key])
    if (link) return link
  }
  return null
}

/** Truora's error body `{code, http_code, message}`; `code` may be a number or a string. */
export function parseErrorBody(value: unknown): { code?: number | string; message?: string } {
  if (Array.isArray(value)) {
    const messages = value
      .map((entry) => (isObject(entry) ? text(entry.message) : text(entry)))
      .filter(Boolean)
    return { message: messages.join('; ') || undefined }
  }
  if (!isObject(value)) return {}
  const code = typeof value.code === 'number' || typeof value.code === 'string' ? value.code : undefined
  return { code, message: text(value.message) ?? text(value.error) ?? undefined }
}
