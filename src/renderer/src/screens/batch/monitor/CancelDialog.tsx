// Cancelling asks how: collect the checks already created (they are paid for), or stop everything now.
import { useTranslation } from 'react-i18next'
import { Dialog } from '../Dialog'

export function CancelDialog({ onChoose, onClose }: { onChoose(collect: boolean): void; onClose(): void }) {
  const { t } = useTranslation()
  return (
    <Dialog
      title={t('monitor.cancelDialog.title')}
      onClose={onClose}
      actions={
        <>
          <button className="button primary" onClick={() => onChoose(true)} autoFocus>
            {t('monitor.cancelDialog.collect')}
          </button>
          <button className="button danger" onClick={() => onChoose(false)}>
            {t('monitor.cancelDialog.stopAll')}
          </button>
          <button className="button subtle" onClick={onClose}>
            {t('monitor.cancelDialog.keepRunning')}
          </button>
        </>
      }
    >
      <p>{t('monitor.cancelDialog.body')}</p>
      <ul className="dialog-options">
        <li>
          <strong>{t('monitor.cancelDialog.collect')}</strong> — {t('monitor.cancelDialog.collectHelp')}
        </li>
        <li>
          <strong>{t('monitor.cancelDialog.stopAll')}</strong> — {t('monitor.cancelDialog.stopAllHelp')}
        </li>
      </ul>
    </Dialog>
  )
}
