// The risk table of docs/risk.md, one case per row, on check JSON shaped as docs/truora-api.md documents it
// (read by the same parser the client uses). The Sandbox's magic inputs are run through a real batch in
// test/integration/batch/risk.test.ts.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { assessRisk, datasetOutcomes, keptScores, needsAttention } from '../../../src/shared/checks/risk'
import { RISK_COLOURS } from '../../../src/main/export/risk-style'
import { parseCheck } from '../../../src/main/truora/parse'
import type { RiskLevel, RiskReasonCode } from '../../../src/shared/batch'
import { normaliseSeverity } from '../../../src/shared/checks/severity'
import { riskReasonText } from '../../../src/shared/risk-text'
import { reportLocale } from '../../../src/main/export/i18n'

type Json = Record<string, unknown>

const detail = (result: string, severity: string, score: number) => ({ result, severity, score })
/** The same answer for the dataset, by document and by name. */
const everyRoute = (result: string, severity: string, score: number) => ({
  ...detail(result, severity, score),
  by_id: detail(result, severity, score),
  by_name: detail(result, severity, score)
})

/** A clean, completed Colombian person check, as in the documented examples. */
function cleanCheck(): Json {
  return {
    check_id: 'CHK0123456789abcdef0123456789abcdef',
    country: 'CO',
    type: 'person',
    status: 'completed',
    score: 1,
    id_score: 1,
    name_score: 1,
    creation_date: '2026-03-02T14:01:07.118Z',
    update_date: '2026-03-02T14:03:52.903834331Z',
    national_id: '1020304000',
    scores: [
      {
        data_set: 'personal_identity',
        ...everyRoute('found', 'none', 1)
      },
      {
        data_set: 'criminal_record',
        ...everyRoute('not_found', 'none', 1)
      },
      {
        data_set: 'international_background',
        ...everyRoute('not_found', 'none', 1)
      }
    ],
    statuses: [
      {
        database_id: 'DBI1',
        database_name: 'Registraduría',
        data_set: 'personal_identity',
        status: 'completed'
      },
      { database_id: 'DBI2', database_name: 'Policía', data_set: 'criminal_record', status: 'completed' },
      {
        database_id: 'DBI3',
        database_name: 'OFAC',
        data_set: 'international_background',
        status: 'completed'
      }
    ],
    summary: {
      identity_status: 'found',
      names_found: [{ first_name: 'Ana', last_name: 'Peña', count: 1 }]
    }
  }
}

function withDataset(check: Json, dataSet: string, patch: Json): Json {
  const scores = (check.scores as Json[]).map((s) => (s.data_set === dataSet ? { ...s, ...patch } : s))
  return { ...check, scores }
}

function assess(json: Json) {
  return assessRisk(parseCheck({ check: json, details: '/v1/checks/x/details', self: '/v1/checks/x' }))
}

interface Case {
  row: number | string
  signal: string
  check: () => Json
  level: RiskLevel
  reason: RiskReasonCode
}

const CASES: Case[] = [
  {
    row: 1,
    signal: 'identity not found (summary)',
    check: () => ({
      ...cleanCheck(),
      summary: { identity_status: 'not_found', names_found: [] }
    }),
    level: 'high',
    reason: 'identity-not-found'
  },
  {
    row: 1,
    signal: 'identity not found (personal_identity dataset, score 0.80 as on the sample)',
    check: () => ({
      ...withDataset(cleanCheck(), 'personal_identity', {
        ...everyRoute('not_found', 'high', 0)
      }),
      score: 0.8,
      id_score: 0.8,
      summary: undefined
    }),
    level: 'high',
    reason: 'identity-not-found'
  },
  {
    row: 2,
    signal: 'identity dead',
    check: () => ({ ...cleanCheck(), summary: { identity_status: 'dead', death_date: '2019-04-02' } }),
    level: 'high',
    reason: 'identity-dead'
  },
  {
    row: 3,
    signal: 'company not found',
    check: () => ({
      ...cleanCheck(),
      type: 'company',
      summary: undefined,
      company_summary: { company_status: 'not_found', names_found: [] }
    }),
    level: 'high',
    reason: 'company-not-found'
  },
  {
    row: 4,
    signal: 'vehicle not found',
    check: () => ({
      ...cleanCheck(),
      type: 'vehicle',
      vehicle_summary: { vehicle_status: 'not_found', license_plate: 'ABC123' }
    }),
    level: 'high',
    reason: 'vehicle-not-found'
  },
  {
    row: 5,
    signal: 'record found by document, severity high, global score still 0.9',
    check: () => ({
      ...withDataset(cleanCheck(), 'criminal_record', {
        ...everyRoute('found', 'high', 0)
      }),
      score: 0.9
    }),
    level: 'high',
    reason: 'severe-record'
  },
  {
    row: 5,
    signal: 'record found (no by_id/by_name split), severity very_high',
    check: () =>
      withDataset(cleanCheck(), 'criminal_record', {
        ...detail('found', 'very_high', 0),
        by_id: undefined,
        by_name: undefined
      }),
    level: 'high',
    reason: 'severe-record'
  },
  {
    row: 6,
    signal: 'record of severity high found by name only',
    check: () =>
      withDataset(cleanCheck(), 'criminal_record', {
        ...detail('found', 'high', 1),
        by_id: detail('not_found', 'none', 1),
        by_name: detail('found', 'high', 0)
      }),
    level: 'high',
    reason: 'severe-namesake'
  },
  {
    row: 7,
    signal: 'dataset rated severity high with nothing found',
    check: () =>
      withDataset(cleanCheck(), 'international_background', {
        ...everyRoute('not_found', 'high', 1)
      }),
    level: 'high',
    reason: 'dataset-severe'
  },
  {
    row: 8,
    signal: 'global score below 0.50',
    check: () => ({ ...cleanCheck(), score: 0.3, id_score: 0.3 }),
    level: 'high',
    reason: 'score-high'
  },
  {
    row: 8,
    signal: 'ID score below 0.50 with a good global score',
    check: () => ({ ...cleanCheck(), score: 0.95, id_score: 0.4 }),
    level: 'high',
    reason: 'score-high'
  },
  {
    row: 9,
    signal: 'record found by document, severity medium',
    check: () =>
      withDataset(cleanCheck(), 'criminal_record', {
        ...everyRoute('found', 'medium', 0.5)
      }),
    level: 'medium',
    reason: 'record-found'
  },
  {
    row: 10,
    signal: 'homonyms: found by name only, severity medium (Sandbox shape: dataset severity low)',
    check: () => ({
      ...withDataset(cleanCheck(), 'criminal_record', {
        ...detail('found', 'low', 1),
        by_id: detail('not_found', 'none', 1),
        by_name: detail('found', 'medium', 0.2)
      }),
      name_score: 0.68,
      homonym_probability: 0.8
    }),
    level: 'medium',
    reason: 'namesake'
  },
  {
    row: 11,
    signal: 'wrong_inputs',
    check: () => ({ ...cleanCheck(), wrong_inputs: [{ input: 'document_expedition_date' }] }),
    level: 'medium',
    reason: 'wrong-inputs'
  },
  {
    row: 12,
    signal: 'a database in error on a completed check',
    check: () => ({
      ...cleanCheck(),
      statuses: [
        ...(cleanCheck().statuses as Json[]).slice(0, 2),
        { database_id: 'DBI3', database_name: 'OFAC', data_set: 'international_background', status: 'error' }
      ]
    }),
    level: 'medium',
    reason: 'databases-not-consulted'
  },
  {
    row: 12,
    signal: 'a database skipped for missing inputs',
    check: () => ({
      ...cleanCheck(),
      statuses: [
        ...(cleanCheck().statuses as Json[]),
        {
          database_id: 'DBI4',
          database_name: 'Procuraduría',
          data_set: 'legal_background',
          status: 'skipped',
          invalid_inputs: ['date_of_birth']
        }
      ]
    }),
    level: 'medium',
    reason: 'databases-not-consulted'
  },
  {
    row: 13,
    signal: 'a dataset in error on a completed check',
    check: () =>
      withDataset(cleanCheck(), 'international_background', {
        ...everyRoute('error', 'unknown', 1)
      }),
    level: 'medium',
    reason: 'datasets-not-scored'
  },
  {
    row: 14,
    signal: 'global score below 0.80',
    check: () => ({ ...cleanCheck(), score: 0.7, id_score: 0.7 }),
    level: 'medium',
    reason: 'score-review'
  },
  {
    row: 15,
    signal: 'name score below 0.80 with no record by name listed',
    check: () => ({ ...cleanCheck(), name_score: 0.6 }),
    level: 'medium',
    reason: 'name-score'
  },
  {
    row: 15,
    signal: 'the older homonym_score field',
    check: () => ({ ...cleanCheck(), name_score: undefined, homonym_score: 0.6 }),
    level: 'medium',
    reason: 'name-score'
  },
  {
    row: 16,
    signal: 'check in error (with the 1.00 scores it carries)',
    check: () => ({
      ...cleanCheck(),
      status: 'error',
      statuses: [
        ...(cleanCheck().statuses as Json[]).slice(0, 1),
        { database_id: 'DBI2', database_name: 'Policía', data_set: 'criminal_record', status: 'error' },
        { database_id: 'DBI3', database_name: 'OFAC', data_set: 'international_background', status: 'error' }
      ]
    }),
    level: 'unknown',
    reason: 'check-error'
  },
  {
    row: 17,
    signal: 'a final status Lote does not know',
    check: () => ({ ...cleanCheck(), status: 'expired' }),
    level: 'unknown',
    reason: 'check-status-unrecognised'
  },
  {
    row: 18,
    signal: 'completed with score -1',
    check: () => ({ ...cleanCheck(), score: -1, id_score: -1 }),
    level: 'unknown',
    reason: 'no-score'
  },
  {
    row: 18,
    signal: 'completed without a score field',
    check: () => ({ ...cleanCheck(), score: undefined, id_score: undefined }),
    level: 'unknown',
    reason: 'no-score'
  },
  {
    row: 19,
    signal: 'not_started (documented create response: score -1)',
    check: () => ({
      check_id: 'CHK0123456789abcdef0123456789abcdef',
      country: 'CO',
      type: 'person',
      status: 'not_started',
      score: -1,
      id_score: 0,
      name_score: 0,
      national_id: '10000000'
    }),
    level: 'pending',
    reason: 'check-not-finished'
  },
  {
    row: 19,
    signal: 'in_progress with scores already 1 and datasets pending',
    check: () => ({
      ...withDataset(cleanCheck(), 'criminal_record', {
        ...everyRoute('pending', 'unknown', 1)
      }),
      status: 'in_progress'
    }),
    level: 'pending',
    reason: 'check-not-finished'
  },
  {
    row: 19,
    signal: 'delayed',
    check: () => ({ ...cleanCheck(), status: 'delayed' }),
    level: 'pending',
    reason: 'check-not-finished'
  }
]

describe('risk table (docs/risk.md)', () => {
  it('a completed check with good scores and nothing against it is low risk, with no reason', () => {
    expect(assess(cleanCheck())).toEqual({ level: 'low', reasons: [] })
  })

  it('a company found in the business registry and a vehicle found are low risk (confirming datasets)', () => {
    const company = {
      ...cleanCheck(),
      type: 'company',
      summary: undefined,
      company_summary: { company_status: 'found' },
      scores: [
        {
          data_set: 'business_background',
          ...everyRoute('found', 'none', 1)
        }
      ]
    }
    expect(assess(company).level).toBe('low')
  })

  it.each(CASES.map((c) => [`row ${c.row}: ${c.signal}`, c] as const))('%s', (_name, c) => {
    const { level, reasons } = assess(c.check())
    expect(level).toBe(c.level)
    expect(reasons.map((r) => r.code)).toContain(c.reason)
    // The reason that decided comes first.
    expect(reasons[0].level).toBe(c.level)
  })

  it('no check other than a completed one is ever low risk, whatever its scores say', () => {
    for (const status of ['not_started', 'in_progress', 'delayed', 'error', 'expired', 'given_up', '']) {
      const json = { ...cleanCheck(), status: status || 'x' }
      expect(assess(json).level, status).not.toBe('low')
    }
  })

  it('keeps no score of a check that is not completed, and none of a dataset without an answer', () => {
    for (const status of ['not_started', 'in_progress', 'delayed', 'error']) {
      const check = parseCheck({ ...cleanCheck(), status })
      expect(keptScores(check)).toEqual({ score: null, idScore: null, nameScore: null })
      for (const d of datasetOutcomes(check)) expect(d.score, `${status} ${d.dataSet}`).toBeNull()
    }
    const completed = parseCheck(
      withDataset(cleanCheck(), 'criminal_record', {
        ...everyRoute('error', 'unknown', 1)
      })
    )
    expect(keptScores(completed)).toEqual({ score: 1, idScore: 1, nameScore: 1 })
    const byName = Object.fromEntries(datasetOutcomes(completed).map((d) => [d.dataSet, d]))
    expect(byName.criminal_record.score).toBeNull()
    expect(byName.personal_identity.score).toBe(1)
    expect(keptScores(parseCheck({ ...cleanCheck(), score: -1 })).score).toBeNull()
  })

  it('gives a dataset the severity of the route that found it, so it reads the same as its details', () => {
    const check = parseCheck(
      withDataset(cleanCheck(), 'criminal_record', {
        ...detail('found', 'low', 1),
        by_id: detail('not_found', 'none', 1),
        by_name: detail('found', 'medium', 0.2)
      })
    )
    const criminal = datasetOutcomes(check).find((d) => d.dataSet === 'criminal_record')
    expect(criminal).toMatchObject({ result: 'found', foundBy: 'name', severity: 'medium' })
  })

  it('reads severities in one vocabulary', () => {
    expect(normaliseSeverity('High')).toBe('high')
    expect(normaliseSeverity('very high')).toBe('very_high')
    expect(normaliseSeverity('VERY_LOW')).toBe('very_low')
    expect(normaliseSeverity('catastrophic')).toBe('unknown')
    expect(normaliseSeverity('')).toBeNull()
  })

  it('lists for attention every row sent that is not low risk, including rows without a check', () => {
    expect(needsAttention({ risk: 'low', state: 'done' })).toBe(false)
    for (const risk of ['high', 'medium', 'unknown', 'pending'] as RiskLevel[])
      expect(needsAttention({ risk, state: 'done' })).toBe(true)
    expect(needsAttention({ risk: null, state: 'failed' })).toBe(true)
    expect(needsAttention({ risk: null, state: 'cancelled' })).toBe(true)
    expect(needsAttention({ risk: null, state: 'running' })).toBe(true)
    expect(needsAttention({ risk: null, state: 'skipped' })).toBe(false)
  })

  it('says every reason in every language, with the numbers in that language', () => {
    for (const language of ['es', 'en', 'pt-BR'] as const) {
      const locale = reportLocale(language, 'UTC')
      for (const c of CASES)
        for (const reason of assess(c.check()).reasons) {
          const text = riskReasonText(locale.t, reason, locale.score)
          expect(text, `${language} ${reason.code}`).not.toMatch(/riskReasons|\{\{|undefined/)
          expect(text.length).toBeGreaterThan(10)
        }
    }
    const es = reportLocale('es', 'UTC')
    const low = assess({ ...cleanCheck(), score: 0.3, id_score: 0.3 }).reasons[0]
    expect(riskReasonText(es.t, low, es.score)).toBe('Puntaje 0,30, por debajo de 0,50.')
  })

  it('uses the colours of the app’s risk legend', () => {
    const css = readFileSync('src/renderer/src/styles.css', 'utf8')
    for (const level of ['high', 'medium', 'low'] as const)
      expect(css).toContain(`--risk-${level}: ${RISK_COLOURS[level].strong};`)
  })
})
