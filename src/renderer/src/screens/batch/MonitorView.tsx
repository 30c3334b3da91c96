// The batch while it runs: progress by state, pace, time left, the engine's phase, warnings about Truora's
// databases, failed rows, and the controls (pause, resume, cancel, re-run failed rows).
import { useTranslation } from 'react-i18next'
import { LoadState } from '../../components/LoadState'
import { ErrorsList } from './monitor/ErrorsList'
import { DelayedCallout } from './monitor/DelayedCallout'
import { KeyRefusedPanel } from './monitor/KeyRefusedPanel'
import { MonitorControls } from './monitor/MonitorControls'
import { StatusBanner, WarningBanner } from './monitor/StatusBanners'
import { ProgressBar } from './monitor/ProgressBar'
import { RunStats } from './monitor/RunStats'
import type { LiveBatch } from './use-live-batch'

export function MonitorView({ live }: { live: LiveBatch }) {
  const { t } = useTranslation()
  const batch = live.batch
  if (!batch) return <LoadState loading={live.loading} error={live.error} onRetry={live.reload} />

  return (
    <div className="stack">
      {batch.workedOnBy && (
        <div className="banner banner-info" role="status" data-testid="worked-on-by">
          <p>{t('monitor.workedOnBy', { holder: batch.workedOnBy })}</p>
        </div>
      )}
      {batch.status === 'paused' && batch.statusCode === 'key_refused' ? (
        <KeyRefusedPanel batch={batch} onChanged={live.set} />
      ) : (
        <StatusBanner batch={batch} />
      )}
      <DelayedCallout batch={batch} progress={live.progress} />
      {live.warnings.map((w) => (
        <WarningBanner key={w.message} warning={w} />
      ))}

      <section className="card" aria-labelledby="progress-title">
        <div className="row-between">
          <h2 id="progress-title" className="card-title">
            {t('monitor.progress')}
          </h2>
          <MonitorControls batch={batch} onChanged={live.set} />
        </div>
        <ProgressBar batch={batch} />
        <RunStats batch={batch} progress={live.progress} />
      </section>

      <ErrorsList batchId={batch.id} failures={live.failures} />
    </div>
  )
}
