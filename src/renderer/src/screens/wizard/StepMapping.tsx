// Step 4: which column feeds which Truora input. Suggestions come with a confidence and their reasons (header
// words, what the values look like, matches set aside); the analyst confirms, changes or clears each, and sees
// at a glance which required inputs are still missing. Only targets the batch's country and type take are
// offered.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  isCountry,
  kindFor,
  requirementsFor,
  type CheckKind,
  type InputName
} from '../../../../shared/checks/inputs'
import { MAPPING_TARGETS } from '../../../../shared/sheets/fields'
import { offeredTargets } from '../../../../shared/sheets/mapping'
import { splitFullName, surnameFirstHeader } from '../../../../shared/sheets/names'
import type { MappingReason, MappingSuggestion, MappingTarget } from '../../../../shared/sheets/types'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { formatNumber } from '../../i18n'
import { cellText } from '../../../../shared/sheets/cells'
import { FROM_COLUMN, selectedSheet, type WizardState } from './wizard-state'

const MATCH_LABEL: Record<MappingSuggestion['match'], string> = {
  saved: 'wizard.matchSaved',
  exact: 'wizard.matchExact',
  token: 'wizard.matchToken',
  fuzzy: 'wizard.matchFuzzy',
  values: 'wizard.matchValues',
  none: 'wizard.matchNone'
}

const KIND_COUNTRY_LABEL: Record<CheckKind, string> = {
  'person-national': 'checkTypes.person',
  'person-foreigner': 'checkTypes.person',
  company: 'checkTypes.company',
  'vehicle-national': 'checkTypes.vehicle',
  'vehicle-foreigner': 'checkTypes.vehicle'
}

/**
 * Targets on offer for a column: what the batch's checks need first, then what else they take (offeredTargets:
 * never an input the chosen country and type do not take).
 */
function targetGroups(state: WizardState): { needed: MappingTarget[]; other: MappingTarget[] } {
  const country = isCountry(state.country) ? state.country : undefined
  const type = state.type !== FROM_COLUMN ? state.type : undefined
  const offered = offeredTargets(country, type)
  const needed: MappingTarget[] = []
  if (!country) needed.push('country')
  if (!type) needed.push('type')
  if (country && type) {
    for (const kind of new Set([kindFor(type, {}), kindFor(type, { foreign_id: 'x' })])) {
      const req = requirementsFor(country, kind)
      if (req) for (const input of [...req.required, ...req.alternatives.flat()]) needed.push(input)
    }
  }
  const unique = [...new Set(needed)].filter((target) => offered.has(target))
  const other = MAPPING_TARGETS.filter((target) => offered.has(target) && !unique.includes(target))
  return { needed: unique, other }
}

/** Cells sent as samples are cut short: only what they look like matters. */
function sampleCell(cell: unknown): string | number | boolean | Date | null {
  if (typeof cell === 'string') return cell.slice(0, 200)
  return (cell ?? null) as number | boolean | Date | null
}

export function StepMapping({
  state,
  update
}: {
  state: WizardState
  update: (patch: Partial<WizardState>) => void
}) {
  const { t } = useTranslation()
  const toast = useToast()
  const sheet = selectedSheet(state)!
  const [suggestions, setSuggestions] = useState<MappingSuggestion[]>()
  const [saved, setSaved] = useState(false)
  const headers = sheet.headers
  const country = isCountry(state.country) ? state.country : undefined
  const type = state.type !== FROM_COLUMN ? state.type : undefined

  useEffect(() => {
    let current = true
    const samples = sheet.preview.map((row) => headers.map((_, column) => sampleCell(row[column])))
    call('import:suggest', { headers, country, type, samples }).then(
      (result) => {
        if (!current) return
        setSuggestions(result.suggestions)
        setSaved(result.saved)
        if (state.targets.length !== headers.length)
          update({ targets: result.suggestions.map((s) => s.target) })
      },
      (e: Error) => toast('error', e.message)
    )
    return () => {
      current = false
    }
    // Suggestions depend on the headers, country and type only; the analyst's own choices are kept in state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [headers.join('\u0000'), country, type])

  const label = (target: MappingTarget) => t(`inputs.${target}`, { defaultValue: target })
  const { needed, other } = targetGroups(state)
  const counts = new Map<MappingTarget, number>()
  for (const target of state.targets) if (target) counts.set(target, (counts.get(target) ?? 0) + 1)
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([target]) => target)
  const setTarget = (column: number, target: MappingTarget | null) => {
    const next = [...state.targets]
    next[column] = target
    update({ targets: next })
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

  const reasonText = (reason: MappingReason): string => {
    const share = (value: number) => formatNumber(value, { style: 'percent' })
    switch (reason.kind) {
      case 'saved':
        return t('wizard.reason.saved')
      case 'header':
        return t('wizard.reason.header', { synonym: reason.synonym })
      case 'values':
        return t('wizard.reason.values', {
          share: share(reason.share),
          evidence: t(`wizard.evidence.${reason.evidence}`)
        })
      case 'contradicted':
        return t('wizard.reason.contradicted', {
          target: label(reason.target),
          share: share(reason.share),
          evidence: t(`wizard.evidence.${reason.evidence}`)
        })
      case 'not-taken':
        return t('wizard.reason.notTaken', { target: label(reason.target) })
      case 'not-check-types':
        return t(reason.target === 'type' ? 'wizard.reason.notCheckTypes' : 'wizard.reason.notCountries', {
          target: label(reason.target)
        })
    }
  }

  const kinds: CheckKind[] =
    country && state.type !== FROM_COLUMN
      ? [...new Set([kindFor(state.type, {}), kindFor(state.type, { foreign_id: 'x' })])]
      : []
  const mapped = new Set(state.targets.filter(Boolean) as MappingTarget[])

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
            {headers.map((header, column) => {
              const suggestion = suggestions[column]
              const target = state.targets[column] ?? null
              const suggested = suggestion?.target === target && target !== null
              return (
                <tr key={header} className={target ? '' : 'unmapped'}>
                  <th scope="row">{header}</th>
                  <td className="muted examples">{examples(column)}</td>
                  <td>
                    <select
                      aria-label={`${t('wizard.target')}: ${header}`}
                      value={target ?? ''}
                      aria-invalid={target !== null && duplicates.includes(target)}
                      onChange={(e) => setTarget(column, (e.target.value || null) as MappingTarget | null)}
                    >
                      <option value="">{t('wizard.ignore')}</option>
                      <optgroup label={t('wizard.neededGroup')}>
                        {needed.map((n) => (
                          <option key={n} value={n}>
                            {label(n)}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label={t('wizard.otherGroup')}>
                        {other.map((n) => (
                          <option key={n} value={n}>
                            {label(n)}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                  <td>
                    {suggested && suggestion.match !== 'none' && (
                      <span
                        className={`tag confidence confidence-${suggestion.confidence >= 0.9 ? 'high' : suggestion.confidence >= 0.7 ? 'medium' : 'low'}`}
                        title={formatNumber(suggestion.confidence, { style: 'percent' })}
                      >
                        {t(MATCH_LABEL[suggestion.match])} ·{' '}
                        {formatNumber(suggestion.confidence, { style: 'percent' })}
                      </span>
                    )}
                  </td>
                  <td className="muted reasons" data-testid={`reasons-${column}`}>
                    {(suggested
                      ? suggestion.reasons
                      : suggestion?.reasons.filter(
                          (r) => r.kind !== 'header' && r.kind !== 'values' && r.kind !== 'saved'
                        )
                    )?.map((reason, i) => (
                      <div key={i}>{reasonText(reason)}</div>
                    ))}
                    {target === 'full_name' && <div>{t('wizard.splitHint')}</div>}
                    {target === 'document_type' && <div>{t('wizard.routingHint')}</div>}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <aside className="card requirements" aria-label={t('wizard.neededAll')}>
        {kinds.length === 0 && <h3>{t('wizard.neededAll')}</h3>}
        {kinds.map((kind) => {
          const req = requirementsFor(country!, kind)
          if (!req) return null
          const item = (input: InputName, how: string) => (
            <li
              key={`${how}-${input}`}
              className={mapped.has(input) ? 'req-ok' : how === 'optional' ? 'req-optional' : 'req-missing'}
            >
              <span aria-hidden="true">{mapped.has(input) ? '✓' : how === 'optional' ? '○' : '✗'}</span>{' '}
              {label(input)}{' '}
              <span className="muted">
                ({t(`wizard.${how}`)}, {mapped.has(input) ? t('wizard.mapped') : t('wizard.missing')})
              </span>
            </li>
          )
          const foreign = kind.endsWith('foreigner')
          const Wrapper = foreign && kinds.length > 1 ? 'details' : 'section'
          return (
            <Wrapper key={kind} className="req-variant">
              {foreign && kinds.length > 1 ? (
                <summary>
                  {t('wizard.needed', {
                    kind: t(KIND_COUNTRY_LABEL[kind]).toLowerCase(),
                    country: t(`countries.${country}`)
                  })}{' '}
                  ({t('wizard.foreignVariant')})
                </summary>
              ) : (
                <h3>
                  {t('wizard.needed', {
                    kind: t(KIND_COUNTRY_LABEL[kind]).toLowerCase(),
                    country: t(`countries.${country}`)
                  })}
                  {foreign ? ` (${t('wizard.foreignVariant')})` : ''}
                </h3>
              )}
              <ul className="req-list">
                {req.required.map((input) => item(input, 'required'))}
                {req.alternatives.map((group) => (
                  <li
                    key={group.join('|')}
                    className={group.some((g) => mapped.has(g)) ? 'req-ok' : 'req-missing'}
                  >
                    <span aria-hidden="true">{group.some((g) => mapped.has(g)) ? '✓' : '✗'}</span>{' '}
                    {t('wizard.oneOf')}: {group.map(label).join(' / ')}
                  </li>
                ))}
                {req.optional.map((input) => item(input, 'optional'))}
              </ul>
            </Wrapper>
          )
        })}
      </aside>
    </div>
  )
}

export function mappingProblemsOf(state: WizardState): boolean {
  const seen = new Set<string>()
  for (const target of state.targets) {
    if (!target) continue
    if (seen.has(target)) return true
    seen.add(target)
  }
  if (state.country === FROM_COLUMN && !seen.has('country')) return true
  if (state.type === FROM_COLUMN && !seen.has('type')) return true
  return seen.size === 0
}
