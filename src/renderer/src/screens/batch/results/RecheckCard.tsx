// Checking people again: everyone of a finished batch, or the rows the filters show, in a new draft with new
// checks forced. The draft opens at the review like any other; once it ran, its results say what changed since
// each person's previous check.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../../../shared/batch'
import type { RowQuery } from '../../../../../shared/results'
import { call } from '../../../lib/api'
import { useToast } from '../../../components/Toasts'
import { useRouter } from '../../../state/router'
import { formatNumber } from '../../../i18n'

const LIVE = new Set(['running', 'paused', 'cancelling'])
const PAGE = 1000

interface Props {
  batch: BatchView
  /** The grid's filters as they are, for "the rows shown". */
  query: RowQuery
  filtered: boolean
  shown: number | null
}

export function RecheckCard({ batch, query, filtered, shown }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const { navigate } = useRouter()
  const [busy, setBusy] = useState(false)
  const live = LIVE.has(batch.status)

  const recheck = async (onlyShown: boolean) => {
    setBusy(true)
    try {
      let rows: number[] | undefined
      if (onlyShown) {
        rows = []
        for (let offset = 0; ; offset += PAGE) {
          const page = await call('results:query', {
            batchId: batch.id,
            query: { ...query, offset, limit: PAGE }
          })
          rows.push(...page.rows.filter((r) => r.state !== 'skipped').map((r) => r.row))
          if (page.rows.length < PAGE || offset + PAGE >= page.total) break
        }
        if (rows.length === 0) throw new Error(t('reuse.results.recheckNone'))
      }
      const draft = await call('batches:recheck', { batchId: batch.id, ...(rows ? { rows } : {}) })
      navigate({ screen: 'wizard', batchId: draft.id })
    } catch (e) {
      toast('error', (e as Error).message)
      setBusy(false)
    }
  }

  return (
    <section className="card recheck-card" aria-labelledby="recheck-title" data-testid="recheck-card">
      <h2 id="recheck-title" className="card-title">
        {t('reuse.results.recheck')}
      </h2>
      <p className="hint">{live ? t('reuse.results.recheckBusy') : t('reuse.results.recheckIntro')}</p>
      <div className="export-buttons">
        <button className="button" disabled={busy || live} onClick={() => void recheck(false)}>
          {busy && <span className="spinner" aria-hidden="true" />} {t('reuse.results.recheckAll')}
        </button>
        {filtered && shown !== null && shown > 0 && (
          <button className="button" disabled={busy || live} onClick={() => void recheck(true)}>
            {t('reuse.results.recheckShown', { n: formatNumber(shown) })}
          </button>
        )}
      </div>
    </section>
  )
}
