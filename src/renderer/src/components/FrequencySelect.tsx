// How often a continuous check repeats, chosen from a list in the analyst's language: Truora's tokens
// ("monthly", "3m") never reach the screen. A frequency set elsewhere (on Truora's side, "2w") is shown in words
// and stays selectable.
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

/** The frequencies offered, as Truora takes them. */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', '3m', '6m', 'yearly'] as const

/** A frequency token in the analyst's words: "Every month", "Every 2 weeks". */
export function frequencyText(t: TFunction, frequency: string): string {
  if ((FREQUENCIES as readonly string[]).includes(frequency)) return t(`wizard.frequencies.${frequency}`)
  const count = /^(\d+)([dwmy])$/.exec(frequency)
  if (count) return t(`wizard.frequencyEvery.${count[2]}`, { count: Number(count[1]) })
  return frequency
}

interface Props {
  id?: string
  label?: string
  value: string
  onChange(frequency: string): void
}

export function FrequencySelect({ id, label, value, onChange }: Props) {
  const { t } = useTranslation()
  const choices: string[] = [...FREQUENCIES]
  if (value && !choices.includes(value)) choices.push(value)
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid="frequency-select"
    >
      {!value && <option value="">—</option>}
      {choices.map((frequency) => (
        <option key={frequency} value={frequency}>
          {frequencyText(t, frequency)}
        </option>
      ))}
    </select>
  )
}
