// What the xlsx's summary sheet and the summary PDF both say about a batch, in the report's language: the
// batch's facts (file, connection, country, kind, dates, authorisation and its evidence) and its rows counted by risk, by the
// analyst's decision and by state.
import type { BatchSummary, ConsentEvidence, RiskLevel } from '../../shared/batch'
import { DECISION_FILTERS } from '../../shared/decisions'
import type { ResultsReader } from '../store/results/results-store'
import type { ReportLocale } from './i18n'

export type Fact = [label: string, value: string]

export function batchFacts(locale: ReportLocale, batch: BatchSummary, exportedAt: Date): Fact[] {
  const { t } = locale
  const when = (iso: string | null) => (iso ? locale.dateTime(iso) : '—')
  return [
    [t('results.export.facts.batch'), `${batch.name} (${batch.id})`],
    [t('results.export.facts.file'), `${batch.fileName ?? '—'}${batch.sheet ? ` · ${batch.sheet}` : ''}`],
    [
      t('results.export.facts.connection'),
      batch.profileId === 'sandbox' ? t('history.sandbox') : (batch.profileId ?? '—')
    ],
    [
      t('results.export.facts.country'),
      batch.country ? t(`countries.${batch.country}`, { defaultValue: batch.country }) : t('history.mixed')
    ],
    [
      t('results.export.facts.type'),
      batch.type ? t(`checkTypes.${batch.type}`, { defaultValue: batch.type }) : t('history.mixed')
    ],
    [t('results.export.facts.engine'), t(`history.engines.${batch.engine}`)],
    [
      t('results.export.facts.status'),
      t(`history.status.${batch.status}`) + (batch.statusMessage ? ` (${batch.statusMessage})` : '')
    ],
    [t('results.export.facts.created'), when(batch.createdAt)],
    [t('results.export.facts.finished'), when(batch.finishedAt)],
    [
      t('results.export.facts.authorisation'),
      batch.authorization
        ? t('results.export.facts.authorisedAt', { when: when(batch.authorization.confirmedAt) })
        : t('results.export.facts.notAuthorised')
    ],
    ...(batch.authorization ? [consentFact(locale, batch)!] : []),
    [t('results.export.facts.exportedAt'), `${locale.dateTime(exportedAt)} (${locale.timeZone})`]
  ]
}

/**
 * Which evidence of the people's authorisation covers the batch, as a label and a text in the report's
 * language; null for a batch never authorised (a draft).
 */
export function consentFact(locale: ReportLocale, batch: BatchSummary): Fact | null {
  if (!batch.authorization) return null
  return [locale.t('privacy.evidence.label'), evidenceText(locale.t, batch.authorization.evidence)]
}

/** Which evidence covers the batch (the consent step's law, files and references), in the report's language. */
function evidenceText(t: ReportLocale['t'], evidence: ConsentEvidence | null | undefined): string {
  if (!evidence) return t('privacy.evidence.none')
  const parts = [
    evidence.law ? t('privacy.evidence.law', { law: evidence.law }) : null,
    evidence.files.length > 0
      ? t('privacy.evidence.files', {
          files: evidence.files.map((f) => `${f.name} (SHA-256 ${f.sha256.slice(0, 12)}…)`).join(', ')
        })
      : null,
    evidence.requestId ? t('privacy.evidence.request', { id: evidence.requestId }) : null,
    evidence.formVersion ? t('privacy.evidence.form', { version: evidence.formVersion }) : null
  ].filter((part): part is string => part !== null)
  return parts.length > 0 ? parts.join('; ') : t('privacy.evidence.none')
}

export interface CountTable {
  title: string
  rows: { key: string; label: string; count: number }[]
}

const RISK_ORDER: RiskLevel[] = ['high', 'medium', 'unknown', 'pending', 'low']

export function countTables(locale: ReportLocale, store: ResultsReader, batch: BatchSummary): CountTable[] {
  const { t } = locale
  const risks = store.results.riskCounts(batch.id)
  const decisions = store.decisions.counts(batch.id)
  const c = batch.counts
  return [
    {
      title: t('results.export.byRisk'),
      rows: RISK_ORDER.map((level) => ({ key: level, label: t(`risk.${level}`), count: risks[level] }))
    },
    {
      title: t('results.export.byDecision'),
      rows: DECISION_FILTERS.map((d) => ({ key: d, label: t(`decisions.values.${d}`), count: decisions[d] }))
    },
    {
      title: t('results.export.byState'),
      rows: [
        { key: 'total', label: t('results.export.states.sent'), count: batch.total },
        { key: 'completed', label: t('results.export.states.completed'), count: c.completed },
        { key: 'error', label: t('results.export.states.error'), count: c.error },
        { key: 'failed', label: t('results.export.states.failed'), count: c.failed },
        {
          key: 'running',
          label: t('results.export.states.running'),
          count: c.running + c.creating + c.pending
        },
        { key: 'given-up', label: t('rowStates.given-up'), count: c['given-up'] },
        { key: 'lost', label: t('rowStates.lost'), count: c.lost },
        { key: 'cancelled', label: t('results.export.states.cancelled'), count: c.cancelled },
        { key: 'skipped', label: t('results.export.states.skipped'), count: c.skipped }
      ]
    }
  ]
}
