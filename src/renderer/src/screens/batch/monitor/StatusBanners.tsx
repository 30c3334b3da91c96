// What the batch's status and its job's warnings say, in the analyst's words: a heading from the status code
// (or the status), what Lote is doing about a warning, and the engine's own English sentence folded away.
import { useTranslation } from 'react-i18next'
import type { BatchEvent, BatchView } from '../../../../../shared/batch'
import { formatDateTime } from '../../../i18n'
import { TechnicalDetail } from '../../../components/TechnicalDetail'

/** Why the batch stands where it does, when the engine said something about it. */
export function StatusBanner({ batch }: { batch: BatchView }) {
  const { t } = useTranslation()
  if (!batch.statusMessage) return null
  const heading = batch.statusCode
    ? t(`monitor.statusCodes.${batch.statusCode}`)
    : t(`monitor.statusBanner.${batch.status}`)
  return (
    <div
      className={`banner ${batch.status === 'failed' ? 'banner-error' : 'banner-info'}`}
      role="status"
      data-testid="status-banner"
    >
      <div>
        <strong>{heading}</strong>
        <TechnicalDetail text={batch.statusMessage} />
      </div>
    </div>
  )
}

export type BatchWarning = Extract<BatchEvent, { type: 'warning' }>

/** A warning as it happens: what it is, what Lote is doing about it, and when. */
export function WarningBanner({ warning }: { warning: BatchWarning }) {
  const { t } = useTranslation()
  const good = warning.code === 'recovered'
  return (
    <div
      className={`banner ${good ? 'banner-info' : 'banner-warning'}`}
      role={good ? 'status' : 'alert'}
      data-testid="batch-warning"
      data-code={warning.code}
    >
      <div>
        <strong>{t(`monitor.warnings.${warning.code}`)}</strong>
        <p>{t(`monitor.warningHelp.${warning.code}`)}</p>
        <TechnicalDetail text={warning.message} />
      </div>
      <span className="muted nowrap">{formatDateTime(warning.at)}</span>
    </div>
  )
}
