// Step 6: how to run the batch.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FREQUENCY_PATTERN } from '../../../../shared/checks/account'
import { FrequencySelect } from '../../components/FrequencySelect'
import { Field } from '../../components/Field'
import type { RunOptions, StepProps } from './wizard-state'

/** 1 minute to 30 days, as the backend accepts. */
export function giveUpProblem(hours: number): boolean {
  return !Number.isFinite(hours) || hours < 1 / 60 || hours > 30 * 24
}

/** What keeps the options from being used, as a `wizard.continueBlocked.<code>`; null when nothing does. */
export function optionsProblem(options: RunOptions): string | null {
  if (giveUpProblem(options.giveUpHours)) return 'giveUp'
  if (!options.continuous) return null
  const { frequency, endDate } = options.continuous
  if (!FREQUENCY_PATTERN.test(frequency)) return 'frequency'
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || endDate <= new Date().toISOString().slice(0, 10))
    return 'endDate'
  return null
}

export function StepOptions({ state, update }: StepProps) {
  const { t } = useTranslation()
  const options = state.options
  const set = (patch: Partial<RunOptions>) => update({ options: { ...options, ...patch } })
  const [{ tomorrow, nextYear }] = useState(() => {
    const day = 24 * 3600 * 1000
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    return { tomorrow: iso(Date.now() + day), nextYear: iso(Date.now() + 365 * day) }
  })
  // What a first batch needs is above; how it runs sits under Advanced, closed unless something there is
  // already not the usual (a re-check forces new checks) or cannot be used as it is.
  const [advancedOpen] = useState(() => options.forceCreation || giveUpProblem(options.giveUpHours))
  const advancedSummary = [
    options.engine === 'direct' ? t('wizard.engineDirect') : t('wizard.engineBatch'),
    ...(options.engine === 'direct' ? [t('wizard.concurrencySummary', { count: options.concurrency })] : []),
    ...(options.forceCreation ? [t('wizard.forceCreation')] : [])
  ].join(' · ')
  return (
    <div className="wizard-step">
      <div className="option-list">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={options.continuous !== null}
            onChange={(e) =>
              set({ continuous: e.target.checked ? { frequency: 'monthly', endDate: nextYear } : null })
            }
          />
          {t('wizard.continuous')}
        </label>
        {options.continuous && (
          <div className="form-grid indent">
            <label htmlFor="wizard-frequency">{t('wizard.frequency')}</label>
            <div>
              <FrequencySelect
                id="wizard-frequency"
                value={options.continuous.frequency}
                onChange={(frequency) => set({ continuous: { ...options.continuous!, frequency } })}
              />
            </div>
            <label htmlFor="wizard-end-date">{t('wizard.endDate')}</label>
            <input
              id="wizard-end-date"
              type="date"
              value={options.continuous.endDate}
              min={tomorrow}
              onChange={(e) => set({ continuous: { ...options.continuous!, endDate: e.target.value } })}
            />
          </div>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={options.pdfs} onChange={(e) => set({ pdfs: e.target.checked })} />
          {t('wizard.pdfs')}
        </label>
      </div>
      <details className="card advanced-options" open={advancedOpen} data-testid="advanced-options">
        <summary>
          <strong>{t('wizard.advanced')}</strong>{' '}
          <span className="muted" data-testid="advanced-summary">
            {advancedSummary}
          </span>
        </summary>
        <fieldset className="engine-choice">
          <legend>{t('wizard.engine')}</legend>
          {(['direct', 'truora-batch'] as const).map((engine) => (
            <label
              key={engine}
              className={options.engine === engine ? 'choice-card selected' : 'choice-card'}
            >
              <input
                type="radio"
                name="engine"
                value={engine}
                checked={options.engine === engine}
                onChange={() => set({ engine })}
              />
              <strong>{engine === 'direct' ? t('wizard.engineDirect') : t('wizard.engineBatch')}</strong>
              <span className="muted">
                {engine === 'direct' ? t('wizard.engineDirectHelp') : t('wizard.engineBatchHelp')}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="option-list">
          {options.engine === 'direct' && (
            <div className="form-grid">
              <Field
                id="wizard-concurrency"
                label={t('wizard.concurrency')}
                type="number"
                min={1}
                max={32}
                value={options.concurrency}
                onChange={(e) => set({ concurrency: Math.min(32, Math.max(1, Number(e.target.value) || 1)) })}
              />
            </div>
          )}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={options.forceCreation}
              onChange={(e) => set({ forceCreation: e.target.checked })}
            />
            <span>
              {t('wizard.forceCreation')}
              <span className="hint block">{t('wizard.forceCreationHelp')}</span>
            </span>
          </label>
          <div className="form-grid">
            <Field
              id="wizard-give-up"
              label={t('wizard.giveUp')}
              hint={t('wizard.giveUpHelp')}
              hintId="wizard-give-up-help"
              type="number"
              min={0.1}
              max={720}
              step="any"
              value={options.giveUpHours}
              aria-invalid={giveUpProblem(options.giveUpHours)}
              onChange={(e) => set({ giveUpHours: Number(e.target.value) })}
              data-testid="give-up-hours"
            />
          </div>
        </div>
      </details>
    </div>
  )
}
