// One column of the sheet in the mapping table: its header, example values (a full name as it will be split),
// the input it feeds (or none), how sure the suggestion is and why.
import { useTranslation } from 'react-i18next'
import type { MappingReason, MappingSuggestion, MappingTarget } from '../../../../../shared/sheets/types'
import { formatNumber } from '../../../i18n'
import { isInputName } from '../../../../../shared/checks/inputs'

const MATCH_LABEL: Record<MappingSuggestion['match'], string> = {
  saved: 'wizard.matchSaved',
  exact: 'wizard.matchExact',
  token: 'wizard.matchToken',
  fuzzy: 'wizard.matchFuzzy',
  values: 'wizard.matchValues',
  none: 'wizard.matchNone'
}

interface Props {
  header: string
  column: number
  examples: string
  suggestion: MappingSuggestion | undefined
  target: MappingTarget | null
  duplicated: boolean
  needed: MappingTarget[]
  other: MappingTarget[]
  onTarget(target: MappingTarget | null): void
}

export function MappingRow({
  header,
  column,
  examples,
  suggestion,
  target,
  duplicated,
  needed,
  other,
  onTarget
}: Props) {
  const { t } = useTranslation()
  const label = (input: MappingTarget) => t(`inputs.${input}`, { defaultValue: input })
  // The whole name, and Truora's own name of the input beside it for whoever knows the API's words.
  const optionText = (input: MappingTarget) =>
    isInputName(input) && input !== 'custom_input' ? `${label(input)} · ${input}` : label(input)
  const suggested = suggestion?.target === target && target !== null
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

  return (
    <tr className={target ? '' : 'unmapped'}>
      <th scope="row">{header}</th>
      <td className="muted examples">{examples}</td>
      <td>
        <select
          aria-label={`${t('wizard.target')}: ${header}`}
          value={target ?? ''}
          aria-invalid={duplicated}
          onChange={(e) => onTarget((e.target.value || null) as MappingTarget | null)}
        >
          <option value="">{t('wizard.ignore')}</option>
          <optgroup label={t('wizard.neededGroup')}>
            {needed.map((n) => (
              <option key={n} value={n}>
                {optionText(n)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('wizard.otherGroup')}>
            {other.map((n) => (
              <option key={n} value={n}>
                {optionText(n)}
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
            {t(MATCH_LABEL[suggestion.match])} · {formatNumber(suggestion.confidence, { style: 'percent' })}
          </span>
        )}
      </td>
      <td className="muted mapping-reasons" data-testid={`reasons-${column}`}>
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
}
