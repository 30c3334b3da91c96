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
  // Whether the analyst opened or closed the fixes; until then they are open when something needs deciding.
  const [open, setOpen] = useState<boolean>()

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
  // Open when rows need a decision (errors, repeats, an exclusion to undo, dates nothing settled); otherwise
  // folded, one Tab stop on the way to Continue, until the analyst opens it.
  const wanted =
    data.errors > 0 || data.duplicates > 0 || data.undo !== null || data.dates.some((d) => d.ambiguous)
  const chooseOrder = (header: string, order: DateOrder) =>
    void run(`date-${header}`, () => call('drafts:setDateOrder', { batchId, column: header, order }))
  return (
    <details
      className="card column-fixes"
      open={open ?? wanted}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="column-fixes"
    >
      <summary>
        <h3 className="card-title">{t('wizard.fixes.title')}</h3>
      </summary>
      {data.dates.map((column) => (
        <fieldset key={column.header} className="date-order" data-testid={`date-order-${column.header}`}>
          <legend>{t('wizard.fixes.dates', { column: column.header })}</legend>
          {/* One Tab stop: the arrows move to the other order and choose it, as radio buttons do. */}
          <div
            className="segmented"
            role="radiogroup"
            aria-label={t('wizard.fixes.dates', { column: column.header })}
            onKeyDown={(e) => {
              if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return
              e.preventDefault()
              const other = ORDERS.find((order) => order !== column.order)!
              ;(e.currentTarget.querySelector(`[data-order="${other}"]`) as HTMLElement | null)?.focus()
              if (running === undefined) chooseOrder(column.header, other)
            }}
          >
            {ORDERS.map((order) => (
              <button
                key={order}
                role="radio"
                data-order={order}
                aria-checked={column.order === order}
                tabIndex={column.order === order ? 0 : -1}
                className={column.order === order ? 'segment active' : 'segment'}
                aria-disabled={running !== undefined}
                onClick={() =>
                  running === undefined && column.order !== order && chooseOrder(column.header, order)
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
    </details>
  )
}
