// When the system keychain cannot be reached: why, and the encrypted-file alternative where there is one.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KeychainStatus } from '../../../../shared/contract'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'

export function KeychainWarning() {
  const { t } = useTranslation()
  const toast = useToast()
  const [status, setStatus] = useState<KeychainStatus>()
  useEffect(() => {
    call('keychain:status').then(setStatus, () => undefined)
  }, [])
  if (!status || status.available) return null
  return (
    <div className="banner banner-warning" role="alert">
      <div>
        <strong>{t('keychain.unavailableTitle')}</strong>
        <p>{status.message}</p>
      </div>
      {status.fallbackAvailable && (
        <button
          className="button"
          onClick={() =>
            call('keychain:useFallback').then(setStatus, (e: Error) => toast('error', e.message))
          }
        >
          {t('keychain.useFallback')}
        </button>
      )}
    </div>
  )
}
