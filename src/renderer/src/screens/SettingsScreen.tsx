import { useTranslation } from 'react-i18next'
import { COUNTRIES, DEFAULT_CHECK_TYPES } from '../../../shared/checks/inputs'
import { LANGUAGES, type LanguagePreference } from '../../../shared/settings'
import type { Country } from '../../../shared/checks/inputs'
import { useAppState } from '../state/app-state'
import { useToast } from '../components/Toasts'
import { Field } from '../components/Field'
import { CostSettings } from './settings/CostSettings'

export function SettingsScreen() {
  const { t } = useTranslation()
  const { settings, updateSettings } = useAppState()
  const toast = useToast()
  const save = (patch: Parameters<typeof updateSettings>[0]) =>
    updateSettings(patch).then(
      () => toast('success', t('settings.saved')),
      (e: Error) => toast('error', e)
    )
  return (
    <section className="screen">
      <header className="screen-header">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="form-grid">
        <label htmlFor="language">{t('settings.language')}</label>
        <select
          id="language"
          value={settings.language}
          onChange={(e) => void save({ language: e.target.value as LanguagePreference })}
        >
          <option value="system">{t('settings.languageSystem')}</option>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </select>
        <label htmlFor="country">{t('settings.defaultCountry')}</label>
        <select
          id="country"
          value={settings.defaultCountry}
          onChange={(e) => void save({ defaultCountry: e.target.value as Country })}
        >
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`countries.${c}`)}
            </option>
          ))}
        </select>
        <label htmlFor="check-type">{t('settings.defaultCheckType')}</label>
        <select
          id="check-type"
          value={settings.defaultCheckType}
          onChange={(e) => void save({ defaultCheckType: e.target.value })}
        >
          {DEFAULT_CHECK_TYPES.map((c) => (
            <option key={c} value={c}>
              {t(`checkTypes.${c}`)}
            </option>
          ))}
        </select>
        <Field
          id="reviewer-name"
          label={t('settings.reviewerName')}
          hint={t('settings.reviewerNameHint')}
          type="text"
          maxLength={80}
          defaultValue={settings.reviewerName}
          placeholder={t('settings.reviewerNamePlaceholder')}
          onBlur={(e) => {
            const value = e.target.value.trim()
            if (value !== settings.reviewerName) void save({ reviewerName: value })
          }}
          data-testid="reviewer-name"
        />
        <Field
          id="concurrency"
          label={t('settings.concurrency')}
          type="number"
          min={1}
          max={32}
          defaultValue={settings.concurrency}
          onBlur={(e) => {
            const value = Number(e.target.value)
            if (value !== settings.concurrency) void save({ concurrency: value })
          }}
        />
      </div>
      <CostSettings />
    </section>
  )
}
