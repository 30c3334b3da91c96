// What the new-batch wizard has learned so far, step by step.
import type { FileRefView } from '../../../../shared/contract'
import type { Country } from '../../../../shared/checks/inputs'
import type {
  ChosenEncoding,
  EncodingSample,
  MappingTarget,
  WorkbookInfo
} from '../../../../shared/sheets/types'

export const STEPS = ['file', 'sheet', 'scope', 'mapping', 'validate', 'options', 'confirm'] as const
export type Step = (typeof STEPS)[number]

/** A country or check type for the whole batch, or "each row says, in a column". */
export const FROM_COLUMN = 'column'

export interface RunOptions {
  engine: 'direct' | 'truora-batch'
  forceCreation: boolean
  continuous: { frequency: string; endDate: string } | null
  pdfs: boolean
  concurrency: number
}

export interface WizardState {
  file?: FileRefView
  workbook?: WorkbookInfo
  sheet?: string
  /** Set when the analyst moved the header row away from the detected one. */
  headerRow?: number
  /** csv whose bytes are not UTF-8: how its first line reads in each encoding, and the one the analyst chose. */
  encodingSamples?: EncodingSample[]
  encoding?: ChosenEncoding
  country: Country | typeof FROM_COLUMN
  type: string
  targets: (MappingTarget | null)[]
  /** Headers of a draft reopened without its file (the mapping it was read with). */
  draftHeaders?: string[]
  batchId?: string
  options: RunOptions
}

export function selectedSheet(state: WizardState) {
  return state.workbook?.sheets.find((s) => s.name === state.sheet)
}
