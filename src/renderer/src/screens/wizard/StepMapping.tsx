// Step 4: which column feeds which Truora input. Suggestions come with a confidence and their reasons (header
// words, what the values look like, matches set aside); the analyst confirms, changes or clears each, and sees
// at a glance which required inputs are still missing. Only targets the batch's country and type take are
// offered.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isCountry, requirementsFor } from '../../../../shared/checks/inputs'
import { MAPPING_TARGETS } from '../../../../shared/sheets/fields'
import { keepChosenTargets, kindsOfType, offeredTargets } from '../../../../shared/sheets/mapping'
import { splitFullName, surnameFirstHeader } from '../../../../shared/sheets/names'
import type { MappingSuggestion, MappingTarget } from '../../../../shared/sheets/types'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { cellText } from '../../../../shared/sheets/cells'
import { FROM_COLUMN, scopeKey, selectedSheet, type StepProps, type WizardState } from './wizard-state'
import { MappingRow } from './mapping/MappingRow'
import { RequirementsPanel } from './mapping/RequirementsPanel'

/**
 * Targets on offer for a column: what the batch's checks need first, then what else they take (offeredTargets:
 * never an input the chosen country and type do not take).
 */
function targetGroups(state: WizardState): { needed: MappingTarget[]; other: MappingTarget[] } {
  const country = isCountry(state.country) ? state.country : undefined
  const type = state.type !== FROM_COLUMN ? state.type : undefined
  const offered = offeredTargets(country, type, state.customKind)
  const needed: MappingTarget[] = []
  if (!country) needed.push('country')
  if (!type) needed.push('type')
  const kinds = kindsOfType(type, state.customKind)
  // A custom type nobody has said the kind of may be anything: no input is singled out as needed.
  if (country && type && kinds.length <= 2) {
    for (const kind of kinds) {
      const req = requirementsFor(country, kind)
      if (req) for (const input of [...req.required, ...req.alternatives.flat()]) needed.push(input)
    }
  }
  if (type && state.customKind === 'name') needed.push('first_name', 'last_name', 'company_name')
  const unique = [...new Set(needed)].filter((target) => offered.has(target))
  const other = MAPPING_TARGETS.filter((target) => offered.has(target) && !unique.includes(target))
  return { needed: unique, other }
}

/** Cells sent as samples are cut short: only what they look like matters. */
function sampleCell(cell: unknown): string | number | boolean | Date | null {
  if (typeof cell === 'string') return cell.slice(0, 200)
  return (cell ?? null) as number | boolean | Date | null
}

export function StepMapping({ state, update }: StepProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const sheet = selectedSheet(state)!
  const [suggestions, setSuggestions] = useState<MappingSuggestion[]>()
  const [saved, setSaved] = useState(false)
  const headers = sheet.headers
  const country = isCountry(state.country) ? state.country : undefined
  const type = state.type !== FROM_COLUMN ? state.type : undefined
  const customKind = state.customKind
  const scope = scopeKey(state)

  useEffect(() => {
    let current = true
    const samples = sheet.preview.map((row) => headers.map((_, column) => sampleCell(row[column])))
    call('import:suggest', { headers, country, type, customKind, samples }).then(
      (result) => {
        if (!current) return
        setSuggestions(result.suggestions)
        setSaved(result.saved)
        // A first visit, or a new country or type: the mapping is proposed for the inputs it takes, keeping
        // the columns the analyst chose by hand where they still apply.
        if (state.targets.length !== headers.length || state.targetsScope !== scope)
          update({
            targets: keepChosenTargets(
              headers,
              result.suggestions,
              state.chosenTargets,
              offeredTargets(country, type, customKind)
            ),
            targetsScope: scope
          })
      },
      (e: Error) => toast('error', e)
    )
    return () => {
      current = false
    }
    // Suggestions depend on the headers, country and type only; the analyst's own choices are kept in state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [headers.join('\u0000'), scope])

  const label = (target: MappingTarget) => t(`inputs.${target}`, { defaultValue: target })
  const { needed, other } = targetGroups(state)
  const counts = new Map<MappingTarget, number>()
  for (const target of state.targets) if (target) counts.set(target, (counts.get(target) ?? 0) + 1)
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([target]) => target)
  const setTarget = (column: number, target: MappingTarget | null) => {
    const next = [...state.targets]
    next[column] = target
    update({ targets: next, chosenTargets: { ...state.chosenTargets, [headers[column]]: target } })
  }

  const examples = (column: number) => {
    const values = sheet.preview
      .map((row) => cellText(row[column] ?? null))
      .filter((v) => v !== '')
      .slice(0, 3)
    if (state.targets[column] !== 'full_name') return values.join(' · ')
    // A full name is shown as it will be split, for review.
    const surnameFirst = surnameFirstHeader(headers[column])
    return values
      .map((value) => {
        const split = splitFullName(value, surnameFirst)
        return split ? t('wizard.split', { first: split.first, last: split.last }) : value
      })
      .join(' · ')
  }

  if (!suggestions)
    return (
      <p className="muted loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t('common.loading')}
      </p>
    )

  return (
    <div className="wizard-step mapping-step">
      <div>
        <p className="muted">{t('wizard.mappingIntro')}</p>
        {saved && <p className="banner banner-info">{t('wizard.savedMapping')}</p>}
        {duplicates.map((target) => (
          <p key={target} className="banner banner-error" role="alert">
            {t('wizard.duplicateTarget', { target: label(target) })}
          </p>
        ))}
        <table className="table mapping-table" data-testid="mapping-table">
          <thead>
            <tr>
              <th>{t('wizard.column')}</th>
              <th>{t('wizard.examples')}</th>
              <th>{t('wizard.target')}</th>
              <th>{t('wizard.confidence')}</th>
              <th>{t('wizard.why')}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header, column) => (
              <MappingRow
                key={header}
                header={header}
                column={column}
                examples={examples(column)}
                suggestion={suggestions[column]}
                target={state.targets[column] ?? null}
                duplicated={state.targets[column] != null && duplicates.includes(state.targets[column]!)}
                needed={needed}
                other={other}
                onTarget={(target) => setTarget(column, target)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <RequirementsPanel state={state} country={country} />
    </div>
  )
}

/** What keeps the mapping from being read, as a `wizard.continueBlocked.<code>`; null when nothing does. */
export function mappingProblemsOf(state: WizardState): string | null {
  const seen = new Set<string>()
  for (const target of state.targets) {
    if (!target) continue
    if (seen.has(target)) return 'duplicateTarget'
    seen.add(target)
  }
  if (state.country === FROM_COLUMN && !seen.has('country')) return 'countryColumn'
  if (state.type === FROM_COLUMN && !seen.has('type')) return 'typeColumn'
  return seen.size === 0 ? 'nothingMapped' : null
}
