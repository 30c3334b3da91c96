// The batch while it runs: progress by state, pace, time left, the engine's phase, warnings about Truora's
// databases, failed rows, and the controls (pause, resume, cancel, re-run failed rows).
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchView, ProgressCounts } from '../../../../shared/batch'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { useRouter } from '../../state/router'
import { useToast } from '../../components/Toasts'
import { LoadState } from '../../components/LoadState'
import { formatDateTime, formatNumber } from '../../i18n'
import { Dialog } from './Dialog'
import { useFormatDuration } from './labels'
import type { LiveBatch } from './use-live-batch'

const SEGMENTS = ['completed', 'error', 'failed', 'running', 'delayed', 'waiting', 'cancelled'] as const
type Segment = (typeof SEGMENTS)[number]

function segmentCounts(counts: ProgressCounts): Record<Segment, number> {
  return {
    completed: counts.completed,
    error: counts.error,
    failed: counts.failed,
    running: Math.max(0, counts.running - counts.delayed),
    delayed: counts.delayed,
    waiting: counts.pending + counts.creating,
    cancelled: counts.cancelled
  }
}

function ProgressBar({ batch }: { batch: BatchView }) {
  const { t } = useTranslation()
  const values = segmentCounts(batch.counts)
  const total = Math.max(1, batch.total)
  const finished = batch.counts.done + batch.counts.failed + batch.counts.cancelled
  const percent = Math.min(100, (finished / total) * 100)
  const description = SEGMENTS.filter((s) => values[s] > 0)
    .map((s) => `${t(`monitor.segments.${s}`)}: ${formatNumber(values[s])}`)
    .join(', ')
  return (
    <div className="progress-block">
      <div className="progress-headline">
        <strong className="progress-figure">{formatNumber(percent / 100, { style: 'percent' })}</strong>
        <span className="muted">
          {t('monitor.finishedOf', { done: formatNumber(finished), total: formatNumber(batch.total) })}
        </span>
      </div>
      <div
        className="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={batch.total}
        aria-valuenow={finished}
        aria-valuetext={description || t('monitor.nothingYet')}
        aria-label={t('monitor.progressLabel')}
      >
        {SEGMENTS.map((s) =>
          values[s] > 0 ? (
            <span
              key={s}
              className={`progress-segment seg-${s}`}
              style={{ width: `${(values[s] / total) * 100}%` }}
              title={`${t(`monitor.segments.${s}`)}: ${formatNumber(values[s])}`}
            />
          ) : null
        )}
      </div>
      <ul className="legend progress-legend" aria-label={t('monitor.legend')}>
        {SEGMENTS.map((s) => (
          <li key={s} className={values[s] === 0 ? 'is-zero' : ''} data-testid={`count-${s}`}>
            <span className={`swatch seg-${s}`} aria-hidden="true" />
            {t(`monitor.segments.${s}`)} <strong>{formatNumber(values[s])}</strong>
          </li>
        ))}
        {batch.counts.skipped > 0 && (
          <li data-testid="count-skipped">
            <span className="swatch seg-skipped" aria-hidden="true" />
            {t('monitor.segments.skipped')} <strong>{formatNumber(batch.counts.skipped)}</strong>
          </li>
        )}
      </ul>
    </div>
  )
}

function ErrorsList({ batchId, failures }: { batchId: string; failures: number }) {
  const { t } = useTranslation()
  const [tick, setTick] = useState(0)
  // Many rows can fail in a burst; ask for the list at most every two seconds.
  useEffect(() => {
    const timer = setTimeout(() => setTick(failures), failures === 0 ? 0 : 2000)
    return () => clearTimeout(timer)
  }, [failures])
  const errors = useLoad(() => call('batches:errors', { batchId }), [batchId, tick])
  const list = errors.data ?? []
  return (
    <section className="card" aria-labelledby="errors-title">
      <div className="row-between">
        <h2 id="errors-title" className="card-title">
          {t('monitor.errors.title')}{' '}
          {list.length > 0 && <span className="tag tag-error">{formatNumber(list.length)}</span>}
        </h2>
      </div>
      {!errors.data && <LoadState loading={errors.loading} error={errors.error} onRetry={errors.reload} />}
      {errors.data && list.length === 0 && <p className="muted">{t('monitor.errors.none')}</p>}
      {list.length > 0 && (
        <div className="errors-scroll">
          <table className="table" data-testid="errors-table">
            <thead>
              <tr>
                <th scope="col">{t('monitor.errors.row')}</th>
                <th scope="col">{t('monitor.errors.message')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e, i) => (
                <tr key={i}>
                  <td className="numeric">{formatNumber(e.row, { useGrouping: false })}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

export function MonitorView({ live }: { live: LiveBatch }) {
  const { t } = useTranslation()
  const toast = useToast()
  const { navigate } = useRouter()
  const formatDuration = useFormatDuration()
  const [busy, setBusy] = useState<string>()
  const [askCancel, setAskCancel] = useState(false)
  const batch = live.batch
  if (!batch) return <LoadState loading={live.loading} error={live.error} onRetry={live.reload} />

  const act = async (name: string, run: () => Promise<BatchView>, done?: string) => {
    setBusy(name)
    try {
      live.set(await run())
      if (done) toast('success', done)
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setBusy(undefined)
    }
  }
  const cancel = (collect: boolean) => {
    setAskCancel(false)
    void act('cancel', () => call('batches:cancel', { batchId: batch.id, collect }), t('monitor.cancelled'))
  }
  const rerun = async () => {
    setBusy('rerun')
    try {
      const answer = await call('batches:rerunFailed', { batchId: batch.id })
      live.set(answer.batch)
      toast('success', t('monitor.rerunStarted', { n: formatNumber(answer.rows) }))
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setBusy(undefined)
    }
  }

  const status = batch.status
  const active = status === 'running' || status === 'cancelling'
  const progress = live.progress
  const canRerun = batch.counts.failed > 0 && !active && status !== 'paused' && status !== 'draft'

  return (
    <div className="stack">
      {batch.statusMessage && (
        <div className={`banner ${status === 'failed' ? 'banner-error' : 'banner-info'}`} role="status">
          <p>{batch.statusMessage}</p>
        </div>
      )}
      {live.warnings.map((w) => (
        <div key={w.message} className="banner banner-warning" role="alert" data-testid="batch-warning">
          <div>
            <strong>{t(`monitor.warnings.${w.code}`)}</strong>
            <p>{w.message}</p>
          </div>
          <span className="muted nowrap">{formatDateTime(w.at)}</span>
        </div>
      ))}

      <section className="card" aria-labelledby="progress-title">
        <div className="row-between">
          <h2 id="progress-title" className="card-title">
            {t('monitor.progress')}
          </h2>
          <div className="toolbar">
            {status === 'running' && (
              <button
                className="button"
                disabled={busy !== undefined}
                onClick={() =>
                  void act('pause', () => call('batches:pause', { batchId: batch.id }), t('monitor.paused'))
                }
              >
                {busy === 'pause' && <span className="spinner" aria-hidden="true" />} {t('monitor.pause')}
              </button>
            )}
            {(status === 'paused' || status === 'failed') && (
              <button
                className="button primary"
                disabled={busy !== undefined}
                onClick={() =>
                  void act(
                    'resume',
                    () => call('batches:resume', { batchId: batch.id }),
                    t('monitor.resumed')
                  )
                }
              >
                {busy === 'resume' && <span className="spinner" aria-hidden="true" />} {t('monitor.resume')}
              </button>
            )}
            {(status === 'running' || status === 'paused') && (
              <button
                className="button danger"
                disabled={busy !== undefined}
                onClick={() => setAskCancel(true)}
              >
                {busy === 'cancel' && <span className="spinner" aria-hidden="true" />} {t('monitor.cancel')}
              </button>
            )}
            {canRerun && (
              <button className="button" disabled={busy !== undefined} onClick={() => void rerun()}>
                {busy === 'rerun' && <span className="spinner" aria-hidden="true" />}{' '}
                {t('monitor.rerun', { n: formatNumber(batch.counts.failed) })}
              </button>
            )}
            <button
              className="button primary"
              onClick={() => navigate({ screen: 'batch', batchId: batch.id, view: 'results' })}
            >
              {t('monitor.viewResults')}
            </button>
          </div>
        </div>
        <ProgressBar batch={batch} />
        <dl className="stats" aria-live="off">
          <div>
            <dt>{t('monitor.phase')}</dt>
            <dd data-testid="phase">
              {progress?.phase
                ? t(`monitor.phases.${progress.phase}`)
                : active
                  ? t('monitor.waitingForEvents')
                  : t(`history.status.${status}`)}
            </dd>
          </div>
          <div>
            <dt>{t('monitor.throughput')}</dt>
            <dd>
              {progress
                ? t('monitor.rowsPerMinute', {
                    n: formatNumber(progress.rowsPerMinute, { maximumFractionDigits: 1 })
                  })
                : '—'}
              {progress && (
                <span className="muted">
                  {' · '}
                  {t('monitor.requestsPerSecond', {
                    n: formatNumber(progress.requestsPerSecond, { maximumFractionDigits: 1 })
                  })}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('monitor.eta')}</dt>
            <dd>
              {progress?.etaSeconds != null
                ? formatDuration(progress.etaSeconds)
                : active
                  ? t('monitor.etaUnknown')
                  : '—'}
            </dd>
          </div>
          <div>
            <dt>{batch.finishedAt ? t('monitor.finishedAt') : t('monitor.startedAt')}</dt>
            <dd>
              {batch.finishedAt
                ? formatDateTime(batch.finishedAt)
                : batch.startedAt
                  ? formatDateTime(batch.startedAt)
                  : '—'}
            </dd>
          </div>
        </dl>
      </section>

      <ErrorsList batchId={batch.id} failures={live.failures} />

      {askCancel && (
        <Dialog
          title={t('monitor.cancelDialog.title')}
          onClose={() => setAskCancel(false)}
          actions={
            <>
              <button className="button primary" onClick={() => cancel(true)} autoFocus>
                {t('monitor.cancelDialog.collect')}
              </button>
              <button className="button danger" onClick={() => cancel(false)}>
                {t('monitor.cancelDialog.stopAll')}
              </button>
              <button className="button subtle" onClick={() => setAskCancel(false)}>
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
      )}
    </div>
  )
}
