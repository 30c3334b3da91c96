// What a screen shows while its data loads or when loading failed.
import { useTranslation } from 'react-i18next'

export function LoadState({
  loading,
  error,
  onRetry,
  label
}: {
  loading: boolean
  error?: string
  onRetry?: () => void
  label?: string
}) {
  const { t } = useTranslation()
  if (error)
    return (
      <div className="banner banner-error" role="alert">
        <div>
          <strong>{t('common.error')}</strong>
          <p>{error}</p>
        </div>
        {onRetry && (
          <button className="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
      </div>
    )
  if (loading)
    return (
      <p className="muted loading" role="status" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
      </p>
    )
  return null
}
