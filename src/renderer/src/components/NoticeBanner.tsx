import { useTranslation } from 'react-i18next'
import type { Notice } from '../../../shared/contract'
import { useAppState } from '../state/app-state'

export function NoticeBanner({ notice }: { notice: Notice }) {
  const { t } = useTranslation()
  const { dismissNotice } = useAppState()
  return (
    <div className={`banner banner-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <p>{notice.message}</p>
      <button className="button subtle" onClick={() => void dismissNotice(notice.id)}>
        {t('common.dismiss')}
      </button>
    </div>
  )
}
