// What the analyst can do to a batch from its monitor: pause, resume, cancel (asking how), re-run the rows
// without a result, and go to the results. Each action shows it is working and says how it went.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchView, ProgressCounts } from '../../../../../shared/batch'
import { call } from '../../../lib/api'
import { useRouter } from '../../../state/router'
import { useToast } from '../../../components/Toasts'
import { formatNumber } from '../../../i18n'
import { CancelDialog } from './CancelDialog'

type Action = 'pause' | 'resume' | 'cancel' | 'rerun'

/**
 * Rows a re-run takes up again: no check, a check that ended in error or was lost, and checks Lote gave up
 * waiting for (looked at once more before any new check is paid for).
 */
export function rowsToRerun(counts: ProgressCounts): number {
  return counts.failed + counts.error + counts.lost + counts['given-up']
}

/** Runs the batch's rows without a result again; the confirmation says what was kept of given-up checks. */
export async function rerunRows(
  batchId: string,
  t: (key: string, values?: Record<string, unknown>) => string
): Promise<{ batch: BatchView; done: string }> {
  const answer = await call('batches:rerunFailed', { batchId })
  const started = t('monitor.rerunStarted', { n: formatNumber(answer.rows) })
  return {
    batch: answer.batch,
    done:
      answer.lookedAgain > 0
        ? `${started} ${t('monitor.rerunLookedAgain', { n: formatNumber(answer.lookedAgain) })}`
        : started
  }
}

export function MonitorControls({
  batch,
  onChanged
}: {
  batch: BatchView
  onChanged(batch: BatchView): void
}) {
  const { t } = useTranslation()
  const toast = useToast()
  const { navigate } = useRouter()
  const [busy, setBusy] = useState<Action>()
  const [askCancel, setAskCancel] = useState(false)
  const batchId = batch.id
  const status = batch.status
  const active = status === 'running' || status === 'cancelling'
  const toRerun = rowsToRerun(batch.counts)
  const canRerun = toRerun > 0 && !active && status !== 'paused' && status !== 'draft'

  const act = async (name: Action, run: () => Promise<{ batch: BatchView; done: string }>) => {
    setBusy(name)
    try {
      const { batch: next, done } = await run()
      onChanged(next)
      toast('success', done)
    } catch (e) {
      toast('error', e as Error)
    } finally {
      setBusy(undefined)
    }
  }
  const cancel = (collect: boolean) => {
    setAskCancel(false)
    void act('cancel', async () => ({
      batch: await call('batches:cancel', { batchId, collect }),
      done: t('monitor.cancelled')
    }))
  }
  const spinner = (name: Action) => busy === name && <span className="spinner" aria-hidden="true" />

  const stepButtons: {
    name: 'pause' | 'resume'
    show: boolean
    className: string
    call(): Promise<BatchView>
  }[] = [
    {
      name: 'pause',
      show: status === 'running',
      className: 'button',
      call: () => call('batches:pause', { batchId })
    },
    {
      name: 'resume',
      show: status === 'paused' || status === 'failed',
      className: 'button primary',
      call: () => call('batches:resume', { batchId })
    }
  ]

  // Another process runs this batch: it is paused, resumed or cancelled there, not here.
  const locked = busy !== undefined || Boolean(batch.workedOnBy)

  return (
    <div className="toolbar">
      {stepButtons
        .filter((button) => button.show)
        .map((button) => (
          <button
            key={button.name}
            className={button.className}
            disabled={locked}
            onClick={() =>
              void act(button.name, async () => ({
                batch: await button.call(),
                done: t(button.name === 'pause' ? 'monitor.paused' : 'monitor.resumed')
              }))
            }
          >
            {spinner(button.name)} {t(`monitor.${button.name}`)}
          </button>
        ))}
      {(status === 'running' || status === 'paused') && (
        <button className="button danger" disabled={locked} onClick={() => setAskCancel(true)}>
          {spinner('cancel')} {t('monitor.cancel')}
        </button>
      )}
      {canRerun && (
        <button
          className="button"
          disabled={locked}
          aria-describedby="rerun-help"
          title={t('monitor.rerunHelp')}
          data-testid="rerun"
          onClick={() => void act('rerun', () => rerunRows(batchId, t))}
        >
          {spinner('rerun')} {t('monitor.rerunRows', { n: formatNumber(toRerun) })}
        </button>
      )}
      {canRerun && (
        <p id="rerun-help" className="muted rerun-help" data-testid="rerun-help">
          {t('monitor.rerunHelp')}
        </p>
      )}
      <button
        className="button primary"
        onClick={() => navigate({ screen: 'batch', batchId, view: 'results' })}
      >
        {t('monitor.viewResults')}
      </button>
      {askCancel && <CancelDialog onChoose={cancel} onClose={() => setAskCancel(false)} />}
    </div>
  )
}
