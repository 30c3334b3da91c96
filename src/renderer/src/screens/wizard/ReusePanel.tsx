// At the review: the rows whose person already has a recent check on this connection, with that check's date,
// score, risk and batch, and the analyst's choice per row or for all — reuse the stored result (no request to
// Truora) or check again. The reuse window can be changed for this batch alone.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReuseChoice, ReuseMatch, ReusePreview } from '../../../../shared/reuse'
import { call } from '../../lib/api'
import { useToast } from '../../components/Toasts'
import { formatDateTime, formatNumber } from '../../i18n'
import { RiskBadge, formatScore } from '../batch/labels'
import { FoundList } from '../batch/change-text'
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
          <div className="table-scroll">
            <table className="table reuse-table" data-testid="reuse-table">
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    {t('reuse.columns.row')}
                  </th>
                  <th scope="col">{t('reuse.columns.name')}</th>
                  <th scope="col">{t('reuse.columns.document')}</th>
                  <th scope="col">{t('reuse.columns.checkedAt')}</th>
                  <th scope="col" className="numeric">
                    {t('reuse.columns.score')}
                  </th>
                  <th scope="col">{t('reuse.columns.risk')}</th>
                  <th scope="col">{t('reuse.columns.found')}</th>
                  <th scope="col">{t('reuse.columns.batch')}</th>
                  <th scope="col">{t('reuse.columns.choice')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((match) => (
                  <MatchRow
                    key={match.seq}
                    match={match}
                    busy={busy}
                    onChoose={(choice) => void choose([match.seq], choice)}
                  />
                ))}
              </tbody>
            </table>
          </div>
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

function MatchRow({
  match,
  busy,
  onChoose
}: {
  match: ReuseMatch
  busy: boolean
  onChoose(choice: ReuseChoice): void
}) {
  const { t } = useTranslation()
  const { previous } = match
  return (
    <tr data-testid="reuse-row">
      <td className="numeric">{formatNumber(match.row, { useGrouping: false })}</td>
      <td>{match.name || <span className="muted">—</span>}</td>
      <td className="mono">{match.document}</td>
      <td className="nowrap">{formatDateTime(previous.checkedAt)}</td>
      <td className="numeric">{formatScore(previous.score)}</td>
      <td>
        <RiskBadge risk={previous.risk} />
      </td>
      <td>
        <FoundList t={t} found={previous.found} />
      </td>
      <td>{previous.batchName}</td>
      <td>
        <div className="segmented" role="radiogroup" aria-label={t('reuse.choiceFor', { row: match.row })}>
          {(['reuse', 'check'] as const).map((choice) => (
            <button
              key={choice}
              role="radio"
              aria-checked={match.choice === choice}
              className={match.choice === choice ? 'segment active' : 'segment'}
              disabled={busy}
              onClick={() => match.choice !== choice && onChoose(choice)}
            >
              {t(`reuse.choices.${choice}`)}
            </button>
          ))}
        </div>
      </td>
    </tr>
  )
}
