// Beside the mapping: what the batch's checks need in its country (the foreigner's variant too, where the
// country has one), each input marked as mapped or missing, with a shape as well as a colour.
import { useTranslation } from 'react-i18next'
import { kindsOfType } from '../../../../../shared/sheets/mapping'
import {
  requirementsFor,
  type CheckKind,
  type Country,
  type InputName
} from '../../../../../shared/checks/inputs'
import type { MappingTarget } from '../../../../../shared/sheets/types'
import { FROM_COLUMN, type WizardState } from '../wizard-state'

const KIND_COUNTRY_LABEL: Record<CheckKind, string> = {
  'person-national': 'checkTypes.person',
  'person-foreigner': 'checkTypes.person',
  company: 'checkTypes.company',
  'vehicle-national': 'checkTypes.vehicle',
  'vehicle-foreigner': 'checkTypes.vehicle'
}

interface Props {
  state: WizardState
  country: Country | undefined
}

export function RequirementsPanel({ state, country }: Props) {
  const { t } = useTranslation()
  const label = (target: MappingTarget) => t(`inputs.${target}`, { defaultValue: target })
  // A custom type of unknown kind could be any check: no one list of needs is shown for it.
  const typeKinds = state.type !== FROM_COLUMN ? kindsOfType(state.type, state.customKind) : []
  const kinds: readonly CheckKind[] = country && typeKinds.length <= 2 ? typeKinds : []
  const mapped = new Set(state.targets.filter(Boolean) as MappingTarget[])

  return (
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
  )
}
