// The details Truora found, database by database, as stored when the batch ran or asked again in another
// language.
import { useTranslation } from 'react-i18next'
import type { DetailView } from '../../../../../shared/results'
import type { Loaded } from '../../../lib/use-load'
import { LoadState } from '../../../components/LoadState'
import { severityName } from '../../../../../shared/risk-text'

export type DetailLanguage = 'es' | 'en' | 'pt'
const DETAIL_LANGUAGES: DetailLanguage[] = ['es', 'en', 'pt']

function DetailTables({ detail }: { detail: DetailView }) {
  const { t } = useTranslation()
  return (
    <details className="detail" open={detail.result === 'found'}>
      <summary>
        <strong>{detail.databaseName ?? t('results.drawer.database')}</strong>
        <span className="muted">
          {' · '}
          {detail.dataSet ? t(`datasets.${detail.dataSet}.label`, { defaultValue: detail.dataSet }) : '—'}
          {' · '}
          {detail.result ? t(`results.result.${detail.result}`, { defaultValue: detail.result }) : '—'}
          {detail.severity && detail.severity !== 'none' && ` · ${severityName(t, detail.severity)}`}
        </span>
      </summary>
      {detail.tables.length === 0 && <p className="muted">{t('results.drawer.noTables')}</p>}
      {detail.tables.map((table, i) => {
        const labels = table.rows[0]?.map((cell) => cell.label) ?? []
        return (
          <div key={i} className="detail-table-wrap">
            <table className="table detail-table">
              <caption>{table.title}</caption>
              <thead>
                <tr>
                  {labels.map((label, j) => (
                    <th key={j} scope="col">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((cells, r) => (
                  <tr key={r}>
                    {cells.map((cell, c) => (
                      <td key={c}>{cell.value}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      })}
    </details>
  )
}

interface Props {
  details: Loaded<DetailView[]>
  lang: DetailLanguage | undefined
  onLang(lang: DetailLanguage | undefined): void
}

export function CheckDetails({ details, lang, onLang }: Props) {
  const { t } = useTranslation()
  return (
    <>
      <div className="row-between drawer-section">
        <h3>{t('results.drawer.details')}</h3>
        <label className="inline-form tight">
          <span className="hint">{t('results.drawer.language')}</span>
          <select
            value={lang ?? ''}
            onChange={(e) => onLang((e.target.value || undefined) as DetailLanguage | undefined)}
            data-testid="details-language"
          >
            <option value="">{t('results.drawer.languages.stored')}</option>
            {DETAIL_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`results.drawer.languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LoadState loading={details.loading} error={details.error} onRetry={details.reload} />
      {details.data && details.data.length === 0 && <p className="muted">{t('results.drawer.noDetails')}</p>}
      <div className="details-list" data-testid="drawer-details" aria-busy={details.loading}>
        {details.data?.map((d, i) => (
          <DetailTables key={d.id ?? i} detail={d} />
        ))}
      </div>
    </>
  )
}
