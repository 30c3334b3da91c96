// The estimate is the new checks times the analyst's prices, by type and country; a change between two checks
// says what an analyst would want to know first.
import { describe, expect, it } from 'vitest'
import { compareChecks, type ChangeSummary, type CheckSnapshot } from '../../../src/shared/checks/changes'
import { changeLine } from '../../../src/shared/change-text'
import { reportLocale } from '../../../src/main/export/i18n'
import { riskLabel } from '../../../src/main/export/risk-style'
import { continuousRuns, estimateCost, finalCost } from '../../../src/shared/costs'

/** The change in one line of English, as an English export writes it. */
function describeChange(change: ChangeSummary): string {
  const { t, score } = reportLocale('en', 'UTC')
  return changeLine(t, { kind: 'compared', ...change }, { score, risk: (level) => riskLabel(t, level) }, '; ')
}

const preferences = {
  reuseDays: 30,
  currency: 'COP',
  prices: [
    { country: 'CO', type: 'person', amount: 12_000 },
    { country: 'CO', type: 'vehicle', amount: 18_500.5 },
    { country: 'BR', type: 'person', amount: 3.1 }
  ]
}

type EstimateInput = Parameters<typeof estimateCost>[0]

/** The estimate of these new checks at the prices above on 10 January 2026; no reused or grouped rows unless said. */
function estimateFor(newChecks: EstimateInput['newChecks'], more: Partial<EstimateInput> = {}) {
  return estimateCost({
    preferences,
    newChecks,
    reusedRows: 0,
    groupedRows: 0,
    today: '2026-01-10',
    at: '2026-01-10T12:00:00Z',
    ...more
  })
}

describe('the cost estimate', () => {
  it('multiplies new checks by the price of their type and country, and adds them up', () => {
    const estimate = estimateFor(
      [
        { country: 'CO', type: 'person', checks: 7 },
        { country: 'CO', type: 'vehicle', checks: 2 },
        { country: 'BR', type: 'person', checks: 3 }
      ],
      { reusedRows: 4, groupedRows: 1 }
    )
    expect(estimate.lines.map((l) => [l.country, l.type, l.checks, l.amount])).toEqual([
      ['BR', 'person', 3, 9.3],
      ['CO', 'person', 7, 84_000],
      ['CO', 'vehicle', 2, 37_001]
    ])
    expect(estimate.newChecks).toBe(12)
    expect(estimate.total).toBe(9.3 + 84_000 + 37_001)
    expect(estimate).toMatchObject({ currency: 'COP', reusedRows: 4, groupedRows: 1, missingPrices: [] })
  })

  it('says which prices are missing instead of guessing a total', () => {
    const estimate = estimateFor([
      { country: 'CO', type: 'person', checks: 1 },
      { country: 'MX', type: 'company', checks: 2 }
    ])
    expect(estimate.total).toBeNull()
    expect(estimate.missingPrices).toEqual([{ country: 'MX', type: 'company' }])
  })

  it('prices the re-runs of continuous checks until their end date', () => {
    expect(continuousRuns('monthly', '2026-07-10', '2026-01-10')).toBe(6)
    expect(continuousRuns('2w', '2026-01-31', '2026-01-10')).toBe(1)
    expect(continuousRuns('daily', '2026-01-09', '2026-01-10')).toBe(0)
    const estimate = estimateFor([{ country: 'CO', type: 'person', checks: 2 }], {
      continuous: { frequency: 'monthly', endDate: '2026-07-10' }
    })
    expect(estimate.continuous).toMatchObject({ checks: 2, runs: 6, amount: 24_000 * 6 })
  })

  it('prices what a batch finally made with the prices of its estimate', () => {
    const estimate = estimateFor([{ country: 'CO', type: 'person', checks: 2 }])
    expect(finalCost(estimate, [{ country: 'CO', type: 'person', checks: 3 }])).toEqual({
      checks: 3,
      amount: 36_000,
      currency: 'COP'
    })
    expect(finalCost(null, [{ country: 'CO', type: 'person', checks: 3 }])).toEqual({
      checks: 3,
      amount: null,
      currency: null
    })
  })
})

function snapshot(patch: Partial<CheckSnapshot>): CheckSnapshot {
  return {
    checkId: 'CHK1',
    checkedAt: '2026-01-01T00:00:00.000Z',
    status: 'completed',
    score: 1,
    risk: 'low',
    datasets: {
      personal_identity: { result: 'found', severity: 'none' },
      criminal_record: { result: 'not_found', severity: 'none' },
      legal_background: { result: 'found', severity: 'medium' }
    },
    databases: [
      { name: 'Policía', status: 'completed' },
      { name: 'Procuraduría', status: 'error' }
    ],
    identityStatus: 'found',
    ...patch
  }
}

describe('what changed between two checks', () => {
  it('finds the new record, the cleared one, the lower score, the databases and the identity', () => {
    const before = snapshot({})
    const after = snapshot({
      checkId: 'CHK2',
      checkedAt: '2026-02-01T00:00:00.000Z',
      score: 0.42,
      risk: 'high',
      // A record found where there was none, one cleared; the erring database answers, a new one joins.
      datasets: {
        ...before.datasets,
        criminal_record: { result: 'found', severity: 'high' },
        legal_background: { result: 'not_found', severity: 'none' }
      },
      databases: [
        ...before.databases.map((db) => ({ ...db, status: 'completed' })),
        { name: 'Nueva', status: 'completed' }
      ],
      identityStatus: 'not_found'
    })
    const change = compareChecks(before, after, { batchId: 'b1', batchName: 'Marzo' })
    expect(change).toMatchObject({
      previous: { checkId: 'CHK1', batchName: 'Marzo' },
      score: { from: 1, to: 0.42, direction: 'down' },
      risk: { from: 'low', to: 'high' },
      found: ['criminal_record'],
      cleared: ['legal_background'],
      databases: [{ name: 'Procuraduría', from: 'error', to: 'completed' }],
      identity: { from: 'found', to: 'not_found' },
      changed: true
    })
    expect(describeChange(change)).toBe(
      'Score down 1.00 → 0.42; Risk Low risk → High risk; Criminal record: newly found; Legal background: cleared; Identity found → not_found; Procuraduría: error → completed'
    )
  })

  it('says nothing changed when nothing did', () => {
    const change = compareChecks(snapshot({}), snapshot({ checkId: 'CHK2', score: 1.00001 }))
    expect(change.changed).toBe(false)
    expect(change.score.direction).toBe('same')
    expect(describeChange(change)).toBe('No change')
  })
})
