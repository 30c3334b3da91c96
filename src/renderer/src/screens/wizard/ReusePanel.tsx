// At the review: the rows whose person already has a recent check on this connection, with that check's date,
// score, risk and batch, and the analyst's choice per row or for all — reuse the stored result (no request to
// Truora) or check again. The reuse window can be changed for this batch alone.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReuseChoice, ReusePreview } from '../../../../shared/reuse'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { formatNumber } from '../../i18n'
import { ReuseTable } from './ReuseTable'
import '../reuse.css'

const PAGE = 200

interface Props {
  batchId: string
  /** Changes whenever the draft's rows change (a fix, an exclusion), so the matches are read again. */
  version: number
}

export function ReusePanel({ batchId, version }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const [preview, setPreview] = useState<ReusePreview>()
  const [limit, setLimit] = useState(PAGE)
  const [days, setDays] = useState('')
  const [busy, setBusy] = useState(false)
  const [tick, setTick] = useState(0)

  useEffect(() => {
    let live = true
    call('reuse:preview', { batchId, limit }).then(
      (next) => {
        if (!live) return
        setPreview(next)
        setDays((current) => (current === '' ? String(next.windowDays) : current))
      },
      (e: Error) => live && toast('error', e.message)
    )
    return () => {
      live = false
    }
  }, [batchId, limit, version, tick, toast])

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await work()
      setTick((n) => n + 1)
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const choose = (seqs: number[] | 'all', choice: ReuseChoice) =>
    act(() => call('reuse:choose', { batchId, seqs, choice }))
  const applyWindow = () => {
    const value = Number(days)
    void act(() => call('reuse:setWindow', { batchId, days: value }))
  }

  if (!preview) return null
  const newChecks = preview.newChecks.reduce((n, line) => n + line.checks, 0)
  return (
    <section className="card reuse-panel" aria-labelledby="reuse-title" data-testid="reuse-panel">
      <h3 id="reuse-title" className="card-title">
        {t('reuse.title')}
      </h3>
      <p className="muted">
        {preview.windowDays > 0 ? t('reuse.intro', { days: preview.windowDays }) : t('reuse.off')}
      </p>
      <div className="toolbar">
        <label className="filter">
          <span>{t('reuse.windowLabel')}</span>
          <input
            type="number"
            min={0}
            max={3650}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            data-testid="reuse-window"
          />
        </label>
        <button
          className="button"
          disabled={busy || days === '' || Number(days) === preview.windowDays}
          onClick={applyWindow}
        >
          {t('reuse.applyWindow')}
        </button>
      </div>
      <p data-testid="reuse-summary">
        <strong>
          {preview.matched > 0
            ? t('reuse.matched', { count: preview.matched })
            : preview.windowDays > 0
              ? t('reuse.noneMatched')
              : ''}
        </strong>{' '}
        {t('reuse.summary', {
          reused: formatNumber(preview.reused),
          grouped: formatNumber(preview.grouped),
          newChecks: formatNumber(newChecks)
        })}
      </p>
      {preview.matched > 0 && (
        <>
          <div className="toolbar">
            <button className="button" disabled={busy} onClick={() => void choose('all', 'reuse')}>
              {t('reuse.reuseAll')}
            </button>
            <button className="button" disabled={busy} onClick={() => void choose('all', 'check')}>
              {t('reuse.checkAll')}
            </button>
          </div>
          <ReuseTable
            rows={preview.rows}
            busy={busy}
            onChoose={(seqs, choice) => void choose(seqs, choice)}
          />
          {preview.rows.length < preview.matched && (
            <button className="button subtle" onClick={() => setLimit((n) => Math.min(1000, n + PAGE))}>
              {t('reuse.showMore')}
            </button>
          )}
        </>
      )}
    </section>
  )
}
