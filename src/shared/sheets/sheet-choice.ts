// The one rule for which sheet of a workbook holds the data, used by the import, the wizard's Sheet step,
// `lote inspect` and `lote run`.
import { suggestMapping } from './mapping'

export interface SheetCandidate {
  name: string
  hidden: boolean
  /** Null when the sheet has nothing that could be a header row. */
  headerRow: number | null
  headers: string[]
  /** Whether any non-blank row sits below the header row. */
  hasRows: boolean
}

/** How many of a sheet's headers Lote recognises as check inputs. */
export function recognisedColumns(headers: string[]): number {
  return suggestMapping(headers).filter((suggestion) => suggestion.target !== null).length
}

/**
 * The visible sheet with rows whose headers Lote recognises most (the first in tab order on a tie), so a
 * sheet of instructions before the data is passed over; when no header is recognised, the first visible sheet
 * with rows. Hidden sheets (lookup lists, very hidden helpers) are never chosen on their own: the analyst or
 * `--sheet` must name them. Null when no visible sheet has rows.
 */
export function chooseDataSheet(sheets: readonly SheetCandidate[]): string | null {
  let best: { name: string; score: number } | null = null
  for (const sheet of sheets) {
    if (sheet.hidden || sheet.headerRow === null || !sheet.hasRows) continue
    const score = recognisedColumns(sheet.headers)
    if (!best || score > best.score) best = { name: sheet.name, score }
  }
  return best?.name ?? null
}
