// At the review: fixes that change a whole column or every row of a kind in one action — read a date column day
// first or month first, exclude every row repeating an earlier row's document, exclude every row with errors —
// each undoable, with the counts (and so what is sent) following at once.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DateOrder } from '../../../../shared/sheets/dates'
import { call } from '../../lib/api'
import { useLoad } from '../../lib/use-load'
import { useToast } from '../../components/Toasts'
import { formatNumber } from '../../i18n'
import type { RowEditResult } from './ReviewGrid'

interface Props {
  batchId: string
  /** Bumped when rows changed elsewhere (a cell fixed, a row excluded): the numbers are read again. */
  version: number
  /** A fix changed rows: the review shows the new counts and reads its rows again. */
  onChanged(result: RowEditResult): void
}

const ORDERS: DateOrder[] = ['dmy', 'mdy']

export function ColumnFixes({ batchId, version, onChanged }: Props) {
  const { t } = useTranslation()
  const toast = useToast()
  const fixes = useLoad(() => call('drafts:fixes', { batchId }), [batchId, version])
  // One fix at a time: a large draft takes seconds, shown as running.
  const [running, setRunning] = useState<string>()

  const run = async (name: string, fix: () => Promise<RowEditResult>) => {
    setRunning(name)
    try {
      onChanged(await fix())
    } catch (e) {
      toast('error', e as Error)
    } finally {
      setRunning(undefined)
      fixes.reload()
    }
  }

  const data = fixes.data
  if (!data || (data.dates.length === 0 && data.duplicates === 0 && data.errors === 0 && !data.undo))
    return null
  const spinner = (name: string) => running === name && <span className="spinner" aria-hidden="true" />
  return (
    <section className="card column-fixes" aria-labelledby="column-fixes-title" data-testid="column-fixes">
      <h3 id="column-fixes-title" className="card-title">
        {t('wizard.fixes.title')}
      </h3>
      {data.dates.map((column) => (
        <fieldset key={column.header} className="date-order" data-testid={`date-order-${column.header}`}>
          <legend>{t('wizard.fixes.dates', { column: column.header })}</legend>
          <div
            className="segmented"
            role="radiogroup"
            aria-label={t('wizard.fixes.dates', { column: column.header })}
          >
            {ORDERS.map((order) => (
              <button
                key={order}
                role="radio"
                aria-checked={column.order === order}
                className={column.order === order ? 'segment active' : 'segment'}
                disabled={running !== undefined}
                onClick={() =>
                  column.order !== order &&
                  void run(`date-${column.header}`, () =>
                    call('drafts:setDateOrder', { batchId, column: column.header, order })
                  )
                }
              >
                {t(`wizard.fixes.order.${order}`)}
              </button>
            ))}
          </div>
          {spinner(`date-${column.header}`)}
          <span className="hint">
            {column.settledBy
              ? t(`wizard.fixes.settledBy.${column.settledBy}`)
              : column.ambiguous
                ? t('wizard.fixes.ambiguous')
                : null}
          </span>
        </fieldset>
      ))}
      <div className="actions">
        {data.duplicates > 0 && (
          <button
            className="button"
            disabled={running !== undefined}
            onClick={() =>
              void run('duplicates', () => call('drafts:excludeAll', { batchId, which: 'duplicates' }))
            }
          >
            {spinner('duplicates')}{' '}
            {t('wizard.fixes.excludeDuplicates', {
              count: data.duplicates,
              formattedCount: formatNumber(data.duplicates)
            })}
          </button>
        )}
        {data.errors > 0 && (
          <button
            className="button"
            disabled={running !== undefined}
            onClick={() => void run('errors', () => call('drafts:excludeAll', { batchId, which: 'errors' }))}
          >
            {spinner('errors')}{' '}
            {t('wizard.fixes.excludeErrors', {
              count: data.errors,
              formattedCount: formatNumber(data.errors)
            })}
          </button>
        )}
        {data.undo && (
          <button
            className="button subtle"
            disabled={running !== undefined}
            onClick={() => void run('undo', () => call('drafts:undoExclusion', { batchId }))}
          >
            {spinner('undo')}{' '}
            {t(`wizard.fixes.undo.${data.undo.which}`, {
              count: data.undo.rows,
              formattedCount: formatNumber(data.undo.rows)
            })}
          </button>
        )}
      </div>
    </section>
  )
}
