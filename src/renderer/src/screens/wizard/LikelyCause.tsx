// When most rows of the review fail, what the sheet itself points to: its values look like another country's
// documents, phones or plates. Says so, why, and offers the switch ("these look like Brazilian CPFs: switch to
// Brazil?"), which goes back to the mapping with that country.
import { useTranslation } from 'react-i18next'
import type { Country } from '../../../../shared/checks/inputs'
import type { ImportSummary } from '../../../../shared/sheets/types'
import { proposeScope, type ScopeProposal } from '../../../../shared/sheets/scope'
import { formatNumber } from '../../i18n'
import { CountryWhy } from './StepScope'
import { FROM_COLUMN, selectedSheet, type WizardState } from './wizard-state'

/** Rows with errors from which the review looks for a cause in the sheet itself. */
const MOSTLY = 0.5

export function LikelyCause({
  state,
  summary,
  onSwitch
}: {
  state: WizardState
  summary: ImportSummary
  onSwitch(proposal: ScopeProposal): void
}) {
  const { t } = useTranslation()
  const sheet = selectedSheet(state)
  if (!sheet || state.country === FROM_COLUMN || summary.rows === 0) return null
  const errors = summary.byStatus.error
  if (errors / summary.rows < MOSTLY) return null
  // What the values say, whatever the sample or the analyst said before.
  const evidence = proposeScope({
    headers: sheet.headers,
    rows: sheet.preview,
    fallback: { country: state.country as Country, type: state.type }
  })
  if (evidence.country === state.country || evidence.country === FROM_COLUMN) return null
  if (evidence.countryReason.code === 'default') return null
  const country = t(`countries.${evidence.country}`)
  return (
    <div className="banner banner-warning" role="alert" data-testid="likely-cause">
      <div>
        <strong>
          {t('wizard.likelyCause.title', {
            count: errors,
            n: formatNumber(errors),
            of: formatNumber(summary.rows),
            country
          })}
        </strong>
        <p>
          <CountryWhy reason={evidence.countryReason} country={evidence.country} />
        </p>
      </div>
      <button className="button primary" onClick={() => onSwitch(evidence)}>
        {t('wizard.likelyCause.switch', { country })}
      </button>
    </div>
  )
}
