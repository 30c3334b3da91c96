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
  Summarization
} from './types'

function unexpected(what: string): TruoraError {
  return new TruoraError({
    kind: 'unexpected_response',
    message: `Truora sent an unexpected response: ${what}.`
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
  throw unexpected(`${what} without ${keys[0]}`)
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
  const source = isObject(value) && isObject(value.check) ? value.check : value
  if (!isObject(source)) throw unexpected('a check that is not a JSON object')
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
    inputs,
    raw: source
  }
}

function nextOf(value: JsonObject): string {
  return text(value.next) ?? ''
}

/** A list page: `{<key>: [...], next, self}`; a bare array is a single, last page. */
function page<T>(value: unknown, key: string, item: (entry: unknown) => T): Page<T> {
  if (Array.isArray(value)) return { items: value.map(item), next: '' }
  if (!isObject(value)) throw unexpected(`a ${key} list that is not a JSON object`)
  return { items: list(value[key]).map(item), next: nextOf(value) }
}

export function parseChecksPage(value: unknown): Page<Check> {
  return page(value, 'checks', parseCheck)
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
  if (!isObject(value)) throw unexpected('a check detail that is not a JSON object')
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

export function parseDetailsPage(value: unknown): Page<CheckDetail> {
  return page(value, 'details', parseDetail)
}

export function parseSummarization(value: unknown): Summarization {
  if (typeof value === 'string') return { checkId: null, status: null, text: value, raw: { text: value } }
  if (!isObject(value)) throw unexpected('a summary that is not a JSON object')
  return {
    checkId: text(value.check_id),
    status: text(value.status) ?? text(value.check_status),
    text: text(value.summary) ?? text(value.text) ?? '',
    raw: value
  }
}

export function parseAttachments(value: unknown): Page<Attachment> {
  return page(value, 'attachments', (entry) => {
    if (!isObject(entry)) throw unexpected('an attachment that is not a JSON object')
    return {
      id: text(entry.attachment_id) ?? text(entry.id),
      checkId: text(entry.check_id),
      fileName: text(entry.file_name) ?? text(entry.name),
      contentType: text(entry.content_type),
      url: requiredText(entry, ['url', 'download_url', 'link'], 'an attachment'),
      databaseName: text(entry.database_name),
      dataSet: text(entry.data_set),
      raw: entry
    }
  })
}

export function parseHealth(value: unknown): HealthEntry[] {
  const entries = Array.isArray(value)
    ? value
    : isObject(value)
      ? list(value.databases ?? value.health)
      : null
  if (!entries) throw unexpected('database health that is not a list')
  return entries.filter(isObject).map((entry) => ({
    databaseId: text(entry.database_id),
    databaseName: text(entry.database_name) ?? '',
    dataSets: list(entry.data_sets)
      .map(text)
      .filter((name): name is string => name !== null),
    hourlyStatus: list(entry.hourly_status).map((status) => text(status) ?? 'undetermined')
  }))
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
  if (!isObject(value)) throw unexpected('custom types that are not a JSON object')
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
  if (!isObject(source)) throw unexpected('a continuous check that is not a JSON object')
  return {
    id: requiredText(source, ['continuous_check_id', 'id'], 'a continuous check'),
    check: isObject(source.check) ? parseCheck(source.check) : null,
    frequency: text(source.frequency),
    status: text(source.status),
    scoreStatus: text(source.score_status),
    counter: numberOrNull(source.counter),
    endDate: text(source.end_date),
    nextRunDate: text(source.next_run_date),
    creationDate: text(source.creation_date),
    updateDate: text(source.update_date),
    raw: source
  }
}

export function parseContinuousChecksPage(value: unknown): Page<ContinuousCheck> {
  return page(value, 'continuous_checks', parseContinuousCheck)
}

export function parseHistoryPage(value: unknown): Page<ContinuousCheckChange> {
  return page(value, 'history', (entry) => {
    const source = isObject(entry) ? entry : {}
    return { date: text(source.date) ?? text(source.creation_date), event: text(source.event), raw: source }
  })
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
  if (!isObject(value)) throw unexpected('a created batch that is not a JSON object')
  const id = batchId(value)
  if (!id) throw unexpected('a created batch without batch_id')
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
  if (!isObject(source)) throw unexpected('a batch that is not a JSON object')
  const id = batchId(source)
  if (!id) throw unexpected('a batch without batch_id')
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
