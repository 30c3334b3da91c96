// What the new-batch wizard has learned so far, and where it is: a typed state and the one reducer that moves
// it. Each step says what it holds — the file step whether a file is being opened, the review step how far
// the draft's read has got — so no screen guesses from other fields.
import type { DraftRead } from '../../../../shared/batch'
import type { FileRefView } from '../../../../shared/contract'
import type { Country, CustomTypeKind } from '../../../../shared/checks/inputs'
import type {
  ChosenEncoding,
  ColumnMapping,
  EncodingSample,
  MappingTarget,
  WorkbookInfo
} from '../../../../shared/sheets/types'

import { FROM_COLUMN, type ScopeProposal } from '../../../../shared/sheets/scope'

export const STEPS = ['file', 'sheet', 'scope', 'mapping', 'validate', 'options', 'confirm'] as const
export type Step = (typeof STEPS)[number]

/** A country or check type for the whole batch, or "each row says, in a column". */
export { FROM_COLUMN }

export interface RunOptions {
  engine: 'direct' | 'truora-batch'
  forceCreation: boolean
  continuous: { frequency: string; endDate: string } | null
  pdfs: boolean
  concurrency: number
  /** Hours a check may stay waiting before Lote gives up on it. */
  giveUpHours: number
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
  /** What the sheet's evidence proposed for country and type, with why (until the analyst changes them). */
  scope?: ScopeProposal
  /** The analyst chose the country or type: a new sheet no longer overrides it. */
  scopeByAnalyst?: boolean
  /** What the batch's custom type checks (null: nobody knows); absent for Truora's own types. */
  customKind?: CustomTypeKind | null
  targets: (MappingTarget | null)[]
  /** The country and type `targets` were proposed for (scopeKey): another one has them proposed again. */
  targetsScope?: string
  /** Columns the analyst mapped (or left out) by hand, by header: a new proposal keeps them where they apply. */
  chosenTargets?: Record<string, MappingTarget | null>
  /** Headers of a draft reopened without its file (the mapping it was read with). */
  draftHeaders?: string[]
  /** The draft this wizard read the file into, until it is discarded or started. */
  batchId?: string
  /** The sheet step had nothing to decide and was confirmed in passing (the next step says what it chose). */
  sheetPassed?: boolean
  options: RunOptions
}

/** What the steps that edit the wizard's knowledge get: what it knows, and how to change it. */
export interface StepProps {
  state: WizardState
  update(patch: Partial<WizardState>): void
}

/** Where the wizard is, with what that step alone holds. */
export type WizardStep =
  | { name: 'file'; opening: boolean }
  | { name: 'sheet' | 'scope' | 'mapping' | 'options' | 'confirm' }
  | { name: 'validate'; read: DraftRead | undefined }

export interface Wizard {
  step: WizardStep
  data: WizardState
}

export type WizardAction =
  | { type: 'opening' }
  /**
   * The file's sheets are known. With `passSheet` (the sheet step has nothing to decide, see nothingToDecide),
   * the wizard goes on to the country and type, proposed as given.
   */
  | { type: 'opened'; file: FileRefView; workbook: WorkbookInfo; passSheet?: ScopeProposal }
  | { type: 'openFailed' }
  | { type: 'update'; patch: Partial<WizardState> }
  /** A draft from an earlier session, continued at the review with the mapping it was read with. */
  | { type: 'reopened'; mapping: ColumnMapping }
  | { type: 'draftOpened'; batchId: string }
  | { type: 'read'; batchId: string; read: DraftRead }
  /** The file of a draft not read to the end is being read again, from its first row. */
  | { type: 'rereading'; batchId: string }
  /** The draft's read failed (or the analyst stopped it): it is discarded, the mapping step reads again. */
  | { type: 'readFailed' }
  | { type: 'draftDiscarded' }
  | { type: 'go'; to: Step }

/** The scope a mapping is proposed for: a change of country, type or a custom type's kind asks for a new one. */
export function scopeKey(state: Pick<WizardState, 'country' | 'type' | 'customKind'>): string {
  return `${state.country}|${state.type}|${state.customKind ?? ''}`
}

/** Forgets the mapping, for a sheet or header row whose columns are other columns. */
export function noMapping(): Pick<WizardState, 'targets' | 'targetsScope' | 'chosenTargets'> {
  return { targets: [], targetsScope: undefined, chosenTargets: undefined }
}

export function selectedSheet(state: WizardState) {
  return state.workbook?.sheets.find((s) => s.name === state.sheet)
}

function at(name: Step): WizardStep {
  if (name === 'file') return { name, opening: false }
  if (name === 'validate') return { name, read: undefined }
  return { name }
}

export function initialWizard(
  data: Omit<WizardState, 'targets'>,
  opened: { file?: FileRefView; batchId?: string }
): Wizard {
  // A file given from the Start screen shows as being read at the sheet step.
  const step: WizardStep = opened.batchId ? at('validate') : opened.file ? at('sheet') : at('file')
  return { step, data: { ...data, ...opened, targets: [] } }
}

export function wizardReducer(wizard: Wizard, action: WizardAction): Wizard {
  const { step, data } = wizard
  switch (action.type) {
    case 'opening':
      return { ...wizard, step: { name: 'file', opening: true } }
    case 'opened': {
      // The sheet the import itself would take: never a hidden one on its own.
      const opened: WizardState = {
        ...data,
        file: action.file,
        workbook: action.workbook,
        sheet: action.workbook.dataSheet ?? action.workbook.sheets[0]?.name,
        headerRow: undefined,
        encoding: undefined,
        encodingSamples: undefined,
        ...noMapping(),
        batchId: undefined,
        sheetPassed: action.passSheet !== undefined
      }
      if (!action.passSheet) return { step: at('sheet'), data: opened }
      const scope = action.passSheet
      return {
        step: at('scope'),
        data: data.scopeByAnalyst ? opened : { ...opened, scope, country: scope.country, type: scope.type }
      }
    }
    case 'openFailed':
      return { ...wizard, step: at('file') }
    case 'update':
      return { ...wizard, data: { ...data, ...action.patch } }
    case 'reopened':
      return {
        ...wizard,
        data: {
          ...data,
          draftHeaders: action.mapping.headers,
          targets: action.mapping.targets,
          country: action.mapping.defaults.country ?? FROM_COLUMN,
          type: action.mapping.defaults.type ?? FROM_COLUMN,
          targetsScope: scopeKey({
            country: action.mapping.defaults.country ?? FROM_COLUMN,
            type: action.mapping.defaults.type ?? FROM_COLUMN,
            customKind: data.customKind
          })
        }
      }
    case 'draftOpened':
      return { step: at('validate'), data: { ...data, batchId: action.batchId } }
    case 'read':
      if (step.name !== 'validate' || action.batchId !== data.batchId) return wizard
      // A late "reading" never hides a read that has ended.
      if (action.read.state === 'reading' && step.read && step.read.state !== 'reading') return wizard
      return { ...wizard, step: { name: 'validate', read: action.read } }
    case 'rereading':
      if (step.name !== 'validate' || action.batchId !== data.batchId) return wizard
      return { ...wizard, step: { name: 'validate', read: { state: 'reading', rows: 0, fraction: 0 } } }
    case 'readFailed':
      return { step: at('mapping'), data: { ...data, batchId: undefined } }
    case 'draftDiscarded':
      return { ...wizard, data: { ...data, batchId: undefined } }
    case 'go':
      return { ...wizard, step: at(action.to) }
  }
}
