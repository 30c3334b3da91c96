// The batch at a glance: scores in ten buckets, rows by risk (with each level's shape), rows by state.
import { useTranslation } from 'react-i18next'
import { RISK_LEVELS, ROW_STATES } from '../../../../../shared/batch'
import { Histogram } from '../../../components/charts/Histogram'
import { BreakdownChart } from '../../../components/charts/BreakdownChart'
import { formatNumber } from '../../../i18n'
import { RISK_MARKS } from '../labels'

export interface ResultStats {
  histogram: number[]
  risks: Record<string, number>
  states: Record<string, number>
}

export function ResultsCharts({ stats }: { stats: ResultStats | undefined }) {
  const { t } = useTranslation()
  const histogram = stats?.histogram.length ? stats.histogram : new Array<number>(10).fill(0)
  const binLabel = (i: number) => {
    const step = 1 / histogram.length
    const f = (v: number) => formatNumber(v, { maximumFractionDigits: 1 })
    return `${f(i * step)}–${f((i + 1) * step)}`
  }
  const riskItems = RISK_LEVELS.map((risk) => ({
    key: risk,
    label: t(`risk.${risk}`),
    value: stats?.risks[risk] ?? 0,
    tone: `tone-${risk}`,
    mark: RISK_MARKS[risk]
  }))
  const stateItems = ROW_STATES.filter((s) => (stats?.states[s] ?? 0) > 0).map((s) => ({
    key: s,
    label: t(`rowStates.${s}`),
    value: stats?.states[s] ?? 0,
    tone: `tone-state-${s}`
  }))

  return (
    <section className="card charts" aria-label={t('results.charts')}>
      <figure>
        <figcaption>{t('results.scoreChart')}</figcaption>
        <Histogram
          title={t('results.scoreChart')}
          bins={histogram}
          binLabel={binLabel}
          format={(n) => formatNumber(n, { notation: 'compact' })}
          width={280}
          height={118}
        />
      </figure>
      <figure>
        <figcaption>{t('results.riskChart')}</figcaption>
        <BreakdownChart
          title={t('results.riskChart')}
          items={riskItems}
          format={(n) => formatNumber(n)}
          width={280}
        />
      </figure>
      <figure>
        <figcaption>{t('results.statusChart')}</figcaption>
        <BreakdownChart
          title={t('results.statusChart')}
          items={stateItems}
          format={(n) => formatNumber(n)}
          width={280}
        />
      </figure>
    </section>
  )
}
