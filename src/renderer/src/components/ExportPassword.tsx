// The password an export can be protected with, and what it means for the file: without one the export leaves
// Lote's protection; with one it is an AES-256 zip (at least 8 characters). The export card and History's quick
// exports share it, so an analyst is told the same thing wherever they export.
import { useTranslation } from 'react-i18next'

export const MIN_EXPORT_PASSWORD = 8

/** Whether exports may go ahead with this password: none, or one long enough. */
export function exportPasswordReady(password: string): boolean {
  return password.length === 0 || password.length >= MIN_EXPORT_PASSWORD
}

/** The password to send with an export call: only when one was typed. */
export function exportPasswordChoice(password: string): { password?: string } {
  return password.length > 0 ? { password } : {}
}

export function ExportPassword({
  idPrefix,
  password,
  onChange
}: {
  /** Makes the field's ids unique on the screen (`<idPrefix>-password`, `<idPrefix>-protection`). */
  idPrefix: string
  password: string
  onChange(password: string): void
}) {
  const { t } = useTranslation()
  const protect = password.length > 0
  return (
    <>
      <div className="inline-form">
        <label htmlFor={`${idPrefix}-password`}>{t('privacy.export.password')}</label>
        <input
          id={`${idPrefix}-password`}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={`${idPrefix}-protection`}
        />
      </div>
      <p
        id={`${idPrefix}-protection`}
        className={protect ? 'hint' : 'callout'}
        data-testid={`${idPrefix}-protection`}
      >
        {protect
          ? exportPasswordReady(password)
            ? t('privacy.export.protected')
            : t('privacy.export.tooShort')
          : t('privacy.export.unprotected')}
      </p>
    </>
  )
}
