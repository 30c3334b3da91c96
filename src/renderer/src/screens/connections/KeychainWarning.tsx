// When the system keychain cannot be reached: why, in the analyst's words (the technical sentence folded
// away), and the encrypted-file alternative where there is one.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KeychainStatus } from '../../../../shared/contract'
import { call, isDesktop } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { TechnicalDetail } from '../../components/TechnicalDetail'

export function KeychainWarning() {
  const { t } = useTranslation()
  const toast = useToast()
  const [status, setStatus] = useState<KeychainStatus>()
  useEffect(() => {
    call('keychain:status').then(setStatus, () => undefined)
  }, [])
  if (!status || status.available) return null
  return (
    <div className="banner banner-warning" role="alert" data-testid="keychain-warning">
      <div>
        <strong>{t('keychain.unavailableTitle')}</strong>
        <p>
          {t(`keychain.problems.${status.code ?? 'unreachable'}`)}{' '}
          {status.fallbackAvailable
            ? t('keychain.fallbackHint')
            : !isDesktop()
              ? t('keychain.serverHint')
              : null}
        </p>
        <TechnicalDetail text={status.message} />
      </div>
      {status.fallbackAvailable && (
        <button
          className="button"
          onClick={() => call('keychain:useFallback').then(setStatus, (e: Error) => toast('error', e))}
        >
          {t('keychain.useFallback')}
        </button>
      )}
    </div>
  )
}
