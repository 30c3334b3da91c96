// Validates rows against the mapping: per-cell normalisation, required inputs for the row's country and kind,
// and duplicates within the file. Pure, so the renderer can re-check an edited cell at once.
import {
  COUNTRIES,
  customTypeKey,
  kindFor,
  requirementsFor,
  type CustomTypeKinds,
  requiredInputsProblems,
  type RequiredInputsProblem,
  type CheckKind,
  type Country,
  type InputName
} from '../checks/inputs'
import { identityInput, subjectOf } from '../checks/subject'
import { cellText } from './cells'
import {
  acceptedDocumentCodes,
  documentCode,
  parseDocumentType,
  routeDocument,
  ROUTABLE_INPUTS,
  type DocumentKind
} from './document-types'
import { splitFullName, surnameFirstHeader } from './names'
import type { DateColumnDecision, DateOrder } from './dates'
import { fieldLabel } from './fields'
import { englishIssueText, type IssueParams } from './messages'
import { normaliseInput, type NormaliseContext } from './normalise'
import type {
  CellValue,
  ColumnMapping,
  ImportedRow,
  IssueCode,
  IssueLevel,
  MappingTarget,
  RowIssue,
  RowStatus
} from './types'
import { COUNTRY_NAMES_EN, parseCheckType, parseCountry } from './values'

export type { DateColumnDecision } from './dates'

export interface RowValidatorOptions {
  /** Today, for "in the past" and age checks; a parameter so tests and re-validation agree. */
  now?: Date
  /** Per column index: how its slash dates are read. Columns not listed are read day first. */
  dateColumns?: Record<number, DateColumnDecision>
  /** What the account's custom types check; rows of a custom type not listed are not blocked. */
  customTypeKinds?: CustomTypeKinds
}

export type RowEdit =
  | { kind: 'cell'; column: string; value: CellValue }
  | { kind: 'exclude' }
  | { kind: 'include' }
  /** Checked again as it is (a column read another way), excluded or not as before. */
  | { kind: 'recheck' }

export interface Revalidation {
  row: ImportedRow
  /** Other rows whose duplicate issue may have changed; pass each to `refreshDuplicate`. */
  affectedRows: number[]
}

const KIND_LABELS: Record<CheckKind, string> = {
  'person-national': 'person',
  'person-foreigner': 'foreign person',
  company: 'company',
  'vehicle-national': 'vehicle',
  'vehicle-foreigner': 'vehicle with a foreign owner'
}

/** Row numbers per identity; a single row is stored as a number to keep 100,000 rows small. */
export class DuplicateIndex {
  private readonly rows = new Map<string, number | number[]>()

  static keyOf(row: Pick<ImportedRow, 'country' | 'type' | 'inputs'>): string | null {
    if (!row.country) return null
    const subject = subjectOf(row.type, row.inputs)
    if (!subject) return null
    return `${row.country}\u0000${row.type}\u0000${subject.input}\u0000${subject.document}`
  }

  add(key: string, row: number): void {
    const current = this.rows.get(key)
    if (current === undefined) this.rows.set(key, row)
    else if (typeof current === 'number') {
      if (current !== row) this.rows.set(key, current < row ? [current, row] : [row, current])
    } else if (row > current[current.length - 1]) current.push(row)
    else if (!current.includes(row)) {
      // Only edits add rows out of order; an import adds them in order and takes the push above.
      current.push(row)
      current.sort((a, b) => a - b)
    }
  }

  remove(key: string, row: number): void {
    const current = this.rows.get(key)
    if (current === undefined) return
    if (typeof current === 'number') {
      if (current === row) this.rows.delete(key)
      return
    }
    const rest = current.filter((other) => other !== row)
    if (rest.length === 1) this.rows.set(key, rest[0])
    else this.rows.set(key, rest)
  }

  rowsOf(key: string): number[] {
    const current = this.rows.get(key)
    return current === undefined ? [] : typeof current === 'number' ? [current] : current
  }

  /** The earliest other row with the same key, when this row is not the earliest. */
  firstBefore(key: string, row: number): number | null {
    const first = this.rowsOf(key)[0]
    return first !== undefined && first < row ? first : null
  }
}

export function makeIssue(
  row: number,
  column: string | null,
  input: MappingTarget | null,
  value: string,
  code: IssueCode,
  level: IssueLevel,
  params: IssueParams = {}
): RowIssue {
  const all = { ...params, row, column: column ?? '', value }
  const text = englishIssueText(code, all)
  return { row, column, input, value, code, params: all, message: text.message, fix: text.fix, level }
}

export function statusOf(issues: RowIssue[], excluded = false): RowStatus {
  if (excluded) return 'excluded'
  let status: RowStatus = 'ok'
  for (const issue of issues) {
    if (issue.level === 'error') return 'error'
    if (issue.level === 'warning') status = 'warning'
  }
  return status
}

/** A cell as issues quote it. */
function rawText(cell: CellValue): string {
  return cellText(cell).trim()
}

/**
 * Validates rows of one sheet under one mapping. Keeps the duplicate index, so rows must be validated once
 * each (import) and then changed only through `revalidateRow`.
 */
export class RowValidator {
  readonly duplicates = new DuplicateIndex()
  private readonly now: Date
  private readonly dateColumns: Record<number, DateColumnDecision>
  private readonly customTypeKinds: CustomTypeKinds
  private readonly countryColumn: number
  private readonly typeColumn: number
  private readonly documentTypeColumn: number
  private readonly fullNameColumn: number
  /** With a document-type column: the column of document numbers, which the row's type routes. */
  private readonly numberColumn: number
  private readonly inputColumns: {
    column: number
    input: InputName
    header: string
    dateOrder?: DateOrder
    ambiguousDates?: boolean
  }[]
  private readonly columnOfInput = new Map<InputName, string>()
  /** The distinct mapped inputs; bit i of a row's "filled" mask stands for filledInputs[i]. */
  private readonly filledInputs: InputName[] = []
  /** Country and type cells repeat a handful of values: each text is parsed once. */
  private readonly countryTexts = new Map<string, Country | null>()
  private readonly typeTexts = new Map<string, { type: string; custom: boolean } | null>()

  constructor(
    readonly mapping: ColumnMapping,
    options: RowValidatorOptions = {}
  ) {
    this.now = options.now ?? new Date()
    this.dateColumns = options.dateColumns ?? {}
    this.customTypeKinds = options.customTypeKinds ?? {}
    // The analyst's batch country and type win over columns (`lote run --type` always does).
    this.countryColumn = mapping.defaults.country ? -1 : mapping.targets.indexOf('country')
    this.typeColumn = mapping.defaults.type ? -1 : mapping.targets.indexOf('type')
    this.documentTypeColumn = mapping.targets.indexOf('document_type')
    this.fullNameColumn = mapping.targets.indexOf('full_name')
    this.numberColumn =
      this.documentTypeColumn === -1
        ? -1
        : mapping.targets.findIndex((target) => target !== null && ROUTABLE_INPUTS.has(target as InputName))
    this.inputColumns = []
    mapping.targets.forEach((target, column) => {
      if (
        !target ||
        target === 'country' ||
        target === 'type' ||
        target === 'document_type' ||
        target === 'full_name'
      )
        return
      const header = mapping.headers[column]
      const decision = this.dateColumns[column]
      this.inputColumns.push({
        column,
        input: target,
        header,
        dateOrder: decision?.order,
        ambiguousDates: decision?.ambiguous
      })
      this.columnOfInput.set(target, header)
      if (!this.filledInputs.includes(target)) this.filledInputs.push(target)
    })
  }

  /** Normalises and validates one row and records it for duplicate detection. */
  validateRow(row: number, cells: CellValue[]): ImportedRow {
    const result = this.check(row, cells)
    const key = DuplicateIndex.keyOf(result)
    if (key !== null) {
      this.duplicates.add(key, row)
      if (this.addDuplicateIssue(result, key)) result.status = statusOf(result.issues)
    }
    return result
  }

  /** Applies an edit or an exclusion to a row already validated, without touching any other row. */
  revalidateRow(previous: ImportedRow, edit: RowEdit): Revalidation {
    const oldKey = previous.status === 'excluded' ? null : DuplicateIndex.keyOf(previous)
    const affected = new Set<number>()
    if (oldKey !== null) {
      this.duplicates.remove(oldKey, previous.row)
      for (const other of this.duplicates.rowsOf(oldKey)) affected.add(other)
    }
    const cells = this.mapping.headers.map((header) => previous.cells[header] ?? null)
    if (edit.kind === 'cell') {
      const index = this.mapping.headers.indexOf(edit.column)
      if (index === -1) throw new Error(`No column "${edit.column}" in this sheet.`)
      cells[index] = edit.value
    }
    const next = this.check(previous.row, cells)
    if (edit.kind === 'exclude' || (edit.kind === 'recheck' && previous.status === 'excluded')) {
      next.issues.push(makeIssue(next.row, null, null, '', 'row-excluded', 'info'))
      next.status = 'excluded'
      return { row: next, affectedRows: [...affected] }
    }
    const key = DuplicateIndex.keyOf(next)
    if (key !== null) {
      this.duplicates.add(key, next.row)
      for (const other of this.duplicates.rowsOf(key)) if (other !== next.row) affected.add(other)
      this.addDuplicateIssue(next, key)
    }
    next.status = statusOf(next.issues)
    return { row: next, affectedRows: [...affected] }
  }

  /** Brings a row's duplicate issue up to date after another row changed (see Revalidation.affectedRows). */
  refreshDuplicate(row: ImportedRow): ImportedRow {
    if (row.status === 'excluded') return row
    const next: ImportedRow = { ...row, issues: row.issues.filter((issue) => issue.code !== 'duplicate-row') }
    const key = DuplicateIndex.keyOf(next)
    if (key !== null) this.addDuplicateIssue(next, key)
    next.status = statusOf(next.issues)
    return next
  }

  /** Adds the duplicate warning when an earlier row has the same key; says whether it did. */
  private addDuplicateIssue(row: ImportedRow, key: string): boolean {
    const first = this.duplicates.firstBefore(key, row.row)
    if (first === null || !row.type) return false
    const input = identityInput(row.type, row.inputs) as InputName
    row.issues.push(
      makeIssue(
        row.row,
        this.columnOfInput.get(input) ?? null,
        input,
        row.inputs[input] ?? '',
        'duplicate-row',
        'warning',
        {
          first,
          label: fieldLabel(input)
        }
      )
    )
    return true
  }

  private check(row: number, cells: CellValue[]): ImportedRow {
    const issues: RowIssue[] = []
    const record: Record<string, CellValue> = {}
    const headers = this.mapping.headers
    for (let i = 0; i < headers.length; i++) record[headers[i]] = cells[i] ?? null

    const country = this.countryOf(row, cells, issues)
    const type = this.typeOf(row, cells, issues)
    const routed = this.routeOf(row, cells, country, issues)
    // A document number whose type was refused is not checked as anything else.
    const skipped = routed === 'refused' ? this.numberColumn : -1
    const inputs: Partial<Record<InputName, string>> = {}
    const context: NormaliseContext = { country, now: this.now }
    for (const { column, input: mapped, header, dateOrder, ambiguousDates } of this.inputColumns) {
      const cell = cells[column] ?? null
      if (cell === null || column === skipped) continue
      const input = column === this.numberColumn && routed && routed !== 'refused' ? routed : mapped
      context.dateOrder = dateOrder
      context.ambiguousDates = ambiguousDates
      const normalised = normaliseInput(input, cell, context)
      if (normalised.value !== null) inputs[input] = normalised.value
      for (const found of normalised.problems) {
        if (found.code === 'date-ambiguous' && !this.warnsAmbiguity(column, row)) continue
        issues.push(makeIssue(row, header, input, rawText(cell), found.code, found.level, found.params))
      }
    }
    if (country && type) this.addSplitName(row, cells, country, type, inputs, issues)
    if (country && type) this.checkRequired(row, country, type, inputs, cells, issues)
    return { row, cells: record, inputs, country, type, issues, status: statusOf(issues) }
  }

  /** An ambiguous date column warns once: on its first row with a value that reads two ways. */
  private warnsAmbiguity(column: number, row: number): boolean {
    const decision = this.dateColumns[column]
    if (!decision) return true
    decision.warnRow ??= row
    return decision.warnRow === row
  }

  /**
   * The input the row's document type sends its document number to; null without a document type;
   * 'refused' when the type is unknown or the country's checks do not take it (the issue says so).
   */
  private routeOf(
    row: number,
    cells: CellValue[],
    country: Country | null,
    issues: RowIssue[]
  ): InputName | 'refused' | null {
    if (this.documentTypeColumn === -1) return null
    const header = this.mapping.headers[this.documentTypeColumn]
    const text = rawText(cells[this.documentTypeColumn] ?? null)
    if (text === '' || !country || country === 'ALL') return null
    const kind: DocumentKind | null = parseDocumentType(text)
    const accepted = acceptedDocumentCodes(country).join(', ')
    if (!kind) {
      issues.push(
        makeIssue(row, header, 'document_type', text, 'document-type-unknown', 'error', {
          country: countryName(country),
          accepted
        })
      )
      return 'refused'
    }
    const input = routeDocument(country, kind)
    if (!input) {
      issues.push(
        makeIssue(row, header, 'document_type', text, 'document-type-unsupported', 'error', {
          document: documentCode(country, kind),
          country: countryName(country),
          accepted
        })
      )
      return 'refused'
    }
    return input
  }

  /**
   * A full-name column gives first_name and last_name where the row's check takes names and no column of
   * its own gives them; where the check takes none it is left out.
   */
  private addSplitName(
    row: number,
    cells: CellValue[],
    country: Country,
    type: string,
    inputs: Partial<Record<InputName, string>>,
    issues: RowIssue[]
  ): void {
    if (this.fullNameColumn === -1 || inputs.first_name || inputs.last_name) return
    const requirements = requirementsFor(country, kindFor(type, inputs))
    if (!requirements) return
    const taken = [...requirements.required, ...requirements.alternatives.flat(), ...requirements.optional]
    if (!taken.includes('first_name') && !taken.includes('last_name')) return
    const header = this.mapping.headers[this.fullNameColumn]
    const text = rawText(cells[this.fullNameColumn] ?? null)
    if (text === '') return
    const split = splitFullName(text, surnameFirstHeader(header))
    if (!split) {
      issues.push(makeIssue(row, header, 'full_name', text, 'name-not-split', 'warning'))
      return
    }
    const context: NormaliseContext = { country, now: this.now }
    for (const [input, part] of [
      ['first_name', split.first],
      ['last_name', split.last]
    ] as const) {
      const normalised = normaliseInput(input, part, context)
      if (normalised.value !== null) inputs[input] = normalised.value
      for (const found of normalised.problems)
        issues.push(makeIssue(row, header, input, text, found.code, found.level, found.params))
    }
  }

  private countryOf(row: number, cells: CellValue[], issues: RowIssue[]): Country | null {
    const header = this.countryColumn === -1 ? null : this.mapping.headers[this.countryColumn]
    const text = this.countryColumn === -1 ? '' : rawText(cells[this.countryColumn] ?? null)
    if (text !== '') {
      let country = this.countryTexts.get(text)
      if (country === undefined) country = remember(this.countryTexts, text, parseCountry(text))
      if (!country)
        issues.push(
          makeIssue(row, header, 'country', text, 'country-unknown', 'error', { known: COUNTRIES.join(', ') })
        )
      return country
    }
    if (this.mapping.defaults.country) return this.mapping.defaults.country
    issues.push(makeIssue(row, header, 'country', '', 'country-missing', 'error'))
    return null
  }

  private typeOf(row: number, cells: CellValue[], issues: RowIssue[]): string | null {
    const header = this.typeColumn === -1 ? null : this.mapping.headers[this.typeColumn]
    const text = this.typeColumn === -1 ? '' : rawText(cells[this.typeColumn] ?? null)
    if (text !== '') {
      let parsed = this.typeTexts.get(text)
      if (parsed === undefined) parsed = remember(this.typeTexts, text, parseCheckType(text))
      if (parsed?.custom) issues.push(makeIssue(row, header, 'type', text, 'type-custom', 'info'))
      return parsed?.type ?? null
    }
    if (this.mapping.defaults.type) return this.mapping.defaults.type
    issues.push(makeIssue(row, header, 'type', '', 'type-missing', 'error'))
    return null
  }

  private readonly requiredCache = new Map<string, Map<number, RequiredInputsProblem[]>>()
  private requiredCached = 0

  /**
   * The answer depends only on which inputs are filled in, so it is kept per country, type and that set (a
   * bit mask over the mapped inputs: the others are never filled in).
   */
  private requiredProblems(country: Country, type: string, inputs: Partial<Record<InputName, string>>) {
    let filled = 0
    for (let i = 0; i < this.filledInputs.length; i++) if (inputs[this.filledInputs[i]]) filled |= 1 << i
    const group = `${country}|${type}`
    let byFilled = this.requiredCache.get(group)
    let problems = byFilled?.get(filled)
    if (!problems) {
      problems = requiredInputsProblems(country, type, inputs, this.customTypeKinds)
      if (this.requiredCached < 10_000) {
        if (!byFilled) this.requiredCache.set(group, (byFilled = new Map()))
        byFilled.set(filled, problems)
        this.requiredCached++
      }
    }
    return problems
  }

  private checkRequired(
    row: number,
    country: Country,
    type: string,
    inputs: Partial<Record<InputName, string>>,
    cells: CellValue[],
    issues: RowIssue[]
  ): void {
    const kind = kindFor(type, inputs, this.customTypeKinds[customTypeKey(country, type)])
    const check =
      country === 'ALL'
        ? `international ${KIND_LABELS[kind]}`
        : `${COUNTRY_NAMES_EN[country]} ${KIND_LABELS[kind]}`
    for (const found of this.requiredProblems(country, type, inputs)) {
      if (found.kind === 'unsupported') {
        issues.push(
          makeIssue(row, null, null, '', 'unsupported-check', 'error', {
            check: KIND_LABELS[kind],
            country: countryName(country)
          })
        )
      } else if (found.kind === 'missing') {
        // A value that failed its own check is reported there; saying it is also missing would be noise. So is
        // a document number whose document type was refused.
        if (issues.some((issue) => issue.input === found.input && issue.level === 'error')) continue
        if (
          ROUTABLE_INPUTS.has(found.input) &&
          issues.some(
            (issue) => issue.code === 'document-type-unknown' || issue.code === 'document-type-unsupported'
          )
        )
          continue
        const column = this.columnOfInput.get(found.input) ?? null
        const index = column === null ? -1 : this.mapping.headers.indexOf(column)
        issues.push(
          makeIssue(
            row,
            column,
            found.input,
            index === -1 ? '' : rawText(cells[index] ?? null),
            'required-missing',
            'error',
            {
              check,
              label: fieldLabel(found.input)
            }
          )
        )
      } else if (found.kind === 'custom-kind-unknown') {
        // Truora alone knows what this custom type needs: say so, and let the row go.
        issues.push(makeIssue(row, null, 'type', type, 'custom-type-kind-unknown', 'warning', { type }))
      } else {
        issues.push(
          makeIssue(row, null, null, '', 'alternative-missing', 'error', {
            check,
            labels: found.inputs.map(fieldLabel).join(' or ')
          })
        )
      }
    }
  }
}

/** Stores a parsed text in a small table (bounded: free text could repeat little) and returns it. */
function remember<T>(table: Map<string, T>, text: string, value: T): T {
  if (table.size >= 1000) table.clear()
  table.set(text, value)
  return value
}

function countryName(country: Country): string {
  return {
    ALL: 'international checks',
    BR: 'Brazil',
    CL: 'Chile',
    CO: 'Colombia',
    CR: 'Costa Rica',
    MX: 'Mexico',
    PE: 'Peru'
  }[country]
}
