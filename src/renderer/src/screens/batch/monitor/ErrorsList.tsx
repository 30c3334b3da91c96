// Why rows got no check, in the analyst's words (Truora's or Lote's own sentence folded away), refreshed as rows fail (at most every two seconds during a burst).
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../../lib/api'
import { useLoad } from '../../../lib/use-load'
import { LoadState } from '../../../components/LoadState'
import { formatNumber } from '../../../i18n'
import { TechnicalDetail } from '../../../components/TechnicalDetail'

export function ErrorsList({ batchId, failures }: { batchId: string; failures: number }) {
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
                  <td>
                    {e.code ? (
                      <>
                        {t(`monitor.rowFailures.${e.code}`)}
                        <TechnicalDetail text={e.message} />
                      </>
                    ) : (
                      e.message
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
