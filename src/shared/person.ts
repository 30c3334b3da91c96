// Who a row is about, for display only (the drawer's title, the summary PDF, file names of per-check PDFs): the
// name sent to Truora, else the name columns of the analyst's sheet, else the name Truora found for the
// document. Never used to decide anything.
import type { CellValue } from './sheets/types'

/** Headers of name columns in the analyst's sheets, in Spanish, Portuguese and English. */
const NAME_HEADER =
  /^(nombres?|nome|name|first[ _-]?name|primer[ _-]?nombre|apellidos?|sobrenome|last[ _-]?name|surname|nombre[ _-]?completo|nome[ _-]?completo|full[ _-]?name|raz[oó]n[ _-]?social|raz[aã]o[ _-]?social|company|empresa)$/i

function text(value: CellValue | undefined): string {
  return typeof value === 'string' ? value.trim() : ''
}

/** Names Truora found for the document (`summary.names_found`), first one. */
export function nameFoundByTruora(raw: Record<string, unknown> | null | undefined): string {
  const summary = (raw?.summary ?? raw?.company_summary) as { names_found?: unknown } | undefined
  const names = Array.isArray(summary?.names_found) ? (summary.names_found as Record<string, unknown>[]) : []
  const first = names[0]
  if (!first || typeof first !== 'object') return ''
  return [first.first_name, first.last_name, first.name]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ')
    .trim()
}

export function personName(
  row: { inputs: Record<string, string>; cells?: Record<string, CellValue> },
  raw?: Record<string, unknown> | null
): string {
  const { first_name, last_name, company_name } = row.inputs
  const sent = [first_name, last_name].filter(Boolean).join(' ') || company_name || ''
  if (sent.trim()) return sent.trim()
  const fromSheet = Object.entries(row.cells ?? {})
    .filter(([header]) => NAME_HEADER.test(header.trim()))
    .map(([, value]) => text(value))
    .filter(Boolean)
    .join(' ')
  if (fromSheet) return fromSheet
  return nameFoundByTruora(raw)
}

const DOCUMENT_INPUTS = [
  'national_id',
  'foreign_id',
  'tax_id',
  'passport',
  'pep',
  'ptp',
  'license_plate',
  'vehicle_id',
  'driver_license',
  'owner_document_id',
  'native_national_id',
  'diplomatic_id',
  'professional_card',
  'birth_certificate',
  'imei',
  'phone_number'
]

/** The first document-like input of a row (ID, tax ID, plate…). */
export function personDocument(row: { inputs: Record<string, string> }): string {
  for (const name of DOCUMENT_INPUTS) if (row.inputs[name]) return row.inputs[name]
  return ''
}
