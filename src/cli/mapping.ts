// How `lote run` and `lote inspect` map columns: the suggestion for the batch's country and type from the
// headers and the first rows' values, then the analyst's --map and --ignore, and the mapping printed as used.
import { isMappingTarget, fieldLabel } from '../shared/sheets/fields'
import { normaliseLabel } from '../shared/sheets/labels'
import {
  columnLetter,
  mappingFromSuggestions,
  mappingProblems,
  suggestMapping
} from '../shared/sheets/mapping'
import { EVIDENCE_LABELS } from '../shared/sheets/evidence'
import type {
  ColumnMapping,
  MappingReason,
  MappingSuggestion,
  MappingTarget,
  SheetInfo,
  WorkbookInfo
} from '../shared/sheets/types'
import { CliError, type CliIo } from './io'

export const MAPPING_HELP = `  --map input=COLUMN        Map a column (by header or letter) to an input, e.g. --map national_id=Cédula;
                            --map input= (nothing after =) leaves that input unmapped. Repeat for more.
  --ignore COLUMN           Leave a column (by header or letter) unmapped; repeat for more`

function columnIndex(mapping: ColumnMapping, column: string, flag: string): number {
  let index = mapping.headers.findIndex((header) => normaliseLabel(header) === normaliseLabel(column))
  if (index < 0 && /^[A-Z]{1,3}$/i.test(column))
    index = mapping.headers.findIndex((_, i) => columnLetter(i) === column.toUpperCase())
  if (index < 0)
    throw new CliError(`${flag}: there is no column "${column}". Columns: ${mapping.headers.join(', ')}.`, 2)
  return index
}

/**
 * Applies `input=COLUMN` pairs (`input=` unmaps the input) and then `--ignore COLUMN` over a mapping; a
 * column is named by header or letter.
 */
export function applyMapFlags(
  mapping: ColumnMapping,
  pairs: string[],
  ignored: string[] = []
): ColumnMapping {
  const targets = [...mapping.targets]
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at < 1) throw new CliError(`--map takes input=COLUMN, e.g. national_id=Cédula; got "${pair}".`, 2)
    const input = pair.slice(0, at).trim()
    const column = pair.slice(at + 1).trim()
    if (!isMappingTarget(input))
      throw new CliError(
        `--map: "${input}" is not a check input (e.g. national_id, first_name, date_of_birth, document_type, full_name).`,
        2
      )
    for (let i = 0; i < targets.length; i++) if (targets[i] === input) targets[i] = null
    if (column !== '') targets[columnIndex(mapping, column, '--map')] = input
  }
  for (const column of ignored) targets[columnIndex(mapping, column, '--ignore')] = null
  return { ...mapping, targets }
}

/** The sheet the data is on (chosen by the one data-sheet rule or by --sheet), or why there is none. */
export function requireDataSheet(info: WorkbookInfo, sheet: SheetInfo | undefined, label: string): SheetInfo {
  if (sheet && sheet.headerRow !== null) return sheet
  throw new CliError(
    info.hiddenSheets.length > 0
      ? `"${label}" has no visible sheet with data. Its hidden sheets are ${info.hiddenSheets.map((name) => `"${name}"`).join(', ')}: name one with --sheet to read it.`
      : `"${label}" has no sheet with data.`,
    1
  )
}

/**
 * The suggested mapping of a sheet for the batch's country and type, with the analyst's flags applied; refused
 * when the inputs it maps cannot make a check.
 */
export function mappingFor(
  sheet: SheetInfo,
  defaults: ColumnMapping['defaults'],
  flags: { map?: string[]; ignore?: string[] }
): { suggestions: MappingSuggestion[]; mapping: ColumnMapping } {
  const suggestions = suggestMapping(sheet.headers, {
    country: defaults.country,
    type: defaults.type,
    samples: sheet.preview
  })
  const mapping = applyMapFlags(
    mappingFromSuggestions(sheet.headers, suggestions, defaults),
    flags.map ?? [],
    flags.ignore ?? []
  )
  const problems = mappingProblems(mapping)
  if (problems.length > 0)
    throw new CliError(`the columns cannot be mapped: ${problems.join(' ')} Use --map input=COLUMN.`, 2)
  return { suggestions, mapping }
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`
}

/** A reason in words, for the terminal. */
export function reasonText(reason: MappingReason): string {
  switch (reason.kind) {
    case 'saved':
      return 'confirmed earlier for these headers'
    case 'header':
      return `header matches "${reason.synonym}"${reason.match === 'exact' ? '' : ` (${reason.match})`}`
    case 'values':
      return `${percent(reason.share)} of the values are ${EVIDENCE_LABELS[reason.evidence]}`
    case 'contradicted':
      return `not ${reason.target}: ${percent(reason.share)} of the values are ${EVIDENCE_LABELS[reason.evidence]}`
    case 'not-taken':
      return `not ${reason.target}: this country and check type do not take it`
    case 'not-check-types':
      return `not ${reason.target}: its values are not ${reason.target === 'type' ? 'check types' : 'countries'}`
  }
}

function targetText(target: MappingTarget | null): string {
  return target ? `${target} (${fieldLabel(target)})` : 'not mapped'
}

/** Prints the mapping used, column by column, with why each column was matched or left out. */
export function printMapping(
  io: CliIo,
  title: string,
  suggestions: MappingSuggestion[],
  mapping: ColumnMapping
): void {
  io.out(title)
  mapping.headers.forEach((header, column) => {
    const target = mapping.targets[column] ?? null
    const suggestion = suggestions[column]
    const changed = suggestion && suggestion.target !== target
    const why = changed
      ? target
        ? 'set with --map'
        : suggestion.target
          ? 'left out with --map or --ignore'
          : ''
      : (suggestion?.reasons ?? []).map(reasonText).join('; ')
    const confidence = !changed && target && suggestion ? `, ${percent(suggestion.confidence)}` : ''
    io.out(`  ${header.padEnd(28)} -> ${targetText(target)}${confidence}${why ? ` — ${why}` : ''}`)
  })
}
