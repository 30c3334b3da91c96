// The analyst's decision on each person, on a real batch run against the Sandbox over HTTP: recorded one by one
// and in bulk, refused where approving would clear someone unseen, changed with the earlier one kept, filtered,
// sorted and counted in the grid's queries, and still there after the store is closed and opened again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Decisions } from '../../../src/main/app/decisions'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { defaultSettings } from '../../../src/shared/settings'
import type { BatchSummary } from '../../../src/shared/batch'
import type { ResultRow } from '../../../src/shared/results'
import type { ImportedRow } from '../../../src/shared/sheets/types'
import { createHarness, personMapping, personRow, type Harness } from './harness'
import { testStoreKey } from '../../helpers/store-key'

/** Sandbox magic endings (docs/sandbox.md): clean, a serious record, identity not found, a namesake, delayed. */
const PEOPLE = [
  { ending: '00', name: ['Ana', 'Limpia'] },
  { ending: '00', name: ['Beto', 'Limpio'] },
  { ending: '11', name: ['Bruno', 'Registro'] },
  { ending: '22', name: ['Carla', 'Inexistente'] },
  { ending: '33', name: ['Diego', 'Homónimo'] },
  { ending: '44', name: ['Fabio', 'Demorado'] }
] as const

let harness: Harness
let batch: BatchSummary
let now = new Date('2026-03-02T15:00:00Z')
let decisions: Decisions

function rows(): ImportedRow[] {
  const people: ImportedRow[] = PEOPLE.map((person, index) =>
    personRow(index + 2, person.name, `${10203040 + index}${person.ending}`)
  )
  // A row with an error in the file: never sent, so nothing to decide on.
  people.push({ ...people[0], row: 9, inputs: { first_name: 'Sin', last_name: 'Cédula' }, status: 'error' })
  return people
}

/** The row whose document ends so: '00' is Ana (10203040|00), '4100' is Beto (10203041|00). */
function row(ending: string): ResultRow {
  const found = harness.store.results
    .page(batch.id)
    .rows.find((r) => r.inputs.national_id?.endsWith(ending === '00' ? '4000' : ending))
  if (!found) throw new Error(`no row ending ${ending}`)
  return found
}

async function waitFor(until: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!until()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

beforeAll(async () => {
  harness = await createHarness(
    { timeScale: 2000 },
    { pollSchedule: { initialMs: 50, minMs: 20, delayedMs: 100 } }
  )
  const made = harness.service.create({ mapping: personMapping, fileName: 'personas.xlsx' }, rows())
  harness.service.authorize(made.id, { profileId: 'sandbox' })
  await harness.service.start(made.id)
  batch = made
  // Everyone final but the delayed person, who stays `delayed` for hours of simulated time.
  await waitFor(() =>
    harness.store.results
      .page(batch.id)
      .rows.filter((r) => r.state !== 'skipped')
      .every((r) => (r.inputs.national_id.endsWith('44') ? r.checkStatus === 'delayed' : r.state === 'done'))
  )
  const settings = { get: () => ({ ...defaultSettings(), reviewerName: 'Ana Analista' }) }
  decisions = new Decisions(harness.store, settings, null, () => now)
}, 60_000)

afterAll(async () => {
  await harness?.dispose()
})

describe('decisions', () => {
  it('starts with every sent row undecided, and counts them', () => {
    expect(harness.store.decisions.counts(batch.id)).toEqual({
      approved: 0,
      rejected: 0,
      'follow-up': 0,
      undecided: 6
    })
    expect(harness.store.results.page(batch.id, { decisions: ['undecided'] }).total).toBe(6)
  })

  it('records a decision with its reason, notes, who and when, shown on the grid’s row', () => {
    const clean = row('00')
    expect(clean.risk).toBe('low')
    const outcome = decisions.decide(
      batch.id,
      { seqs: [clean.seq] },
      { decision: 'approved', reason: 'no-findings', note: 'Revisado con RR. HH.' }
    )
    expect(outcome).toEqual({ decided: 1, refused: [] })
    expect(row('00').decision).toMatchObject({
      decision: 'approved',
      reason: 'no-findings',
      note: 'Revisado con RR. HH.',
      decidedBy: 'Ana Analista',
      decidedAt: '2026-03-02T15:00:00.000Z',
      checkId: clean.checkId
    })
  })

  it('approves a risky person only one at a time, from the drawer, and never one whose check has not finished', () => {
    const risky = row('11')
    expect(risky.risk).toBe('high')
    const delayed = row('44')
    const skipped = harness.store.results.page(batch.id, { states: ['skipped'] }).rows[0]
    // In bulk: only low-risk rows with a finished check are approved; the others are named with why.
    const bulk = decisions.decide(
      batch.id,
      { seqs: [risky.seq, delayed.seq, skipped.seq, row('4100').seq] },
      { decision: 'approved', reason: 'no-findings' }
    )
    expect(bulk.decided).toBe(1)
    expect(bulk.refused).toEqual(
      [
        { seq: risky.seq, row: risky.row, why: 'needs-own-look' },
        { seq: delayed.seq, row: delayed.row, why: 'not-finished' },
        { seq: skipped.seq, row: skipped.row, why: 'not-sent' }
      ].sort((a, b) => a.seq - b.seq)
    )
    expect(row('11').decision).toBeNull()
    expect(row('44').decision).toBeNull()
    // One by one: the risky person can be approved with a reason; the delayed one still cannot.
    expect(
      decisions.decide(batch.id, { seqs: [delayed.seq] }, { decision: 'approved', reason: 'no-findings' })
        .refused
    ).toEqual([{ seq: delayed.seq, row: delayed.row, why: 'not-finished' }])
    expect(
      decisions.decide(batch.id, { seqs: [risky.seq] }, { decision: 'follow-up', reason: 'confirm-identity' })
    ).toEqual({ decided: 1, refused: [] })
  })

  it('refuses a reason that is not the decision’s, and "other" without a note', () => {
    const seqs = [row('22').seq]
    expect(() =>
      decisions.decide(batch.id, { seqs }, { decision: 'rejected', reason: 'no-findings' as never })
    ).toThrow(/not a reason/)
    expect(() => decisions.decide(batch.id, { seqs }, { decision: 'rejected', reason: 'other' })).toThrow(
      /note/
    )
    expect(() =>
      decisions.decide(batch.id, { seqs }, { decision: 'rejected', reason: 'other', note: '  ' })
    ).toThrow(/note/)
  })

  it('changes a decision and keeps the earlier one in the row’s history', () => {
    const risky = row('11')
    now = new Date('2026-03-02T16:30:00Z')
    decisions.decide(
      batch.id,
      { seqs: [risky.seq] },
      { decision: 'rejected', reason: 'criminal-record' },
      'Luz Auditora'
    )
    const { current, history } = decisions.history(batch.id, risky.seq)
    expect(current).toMatchObject({
      decision: 'rejected',
      reason: 'criminal-record',
      decidedBy: 'Luz Auditora'
    })
    expect(history.map((d) => [d.decision, d.decidedAt])).toEqual([
      ['rejected', '2026-03-02T16:30:00.000Z'],
      ['follow-up', '2026-03-02T15:00:00.000Z']
    ])
  })

  it('decides in bulk on every row the grid’s filters match', () => {
    const outcome = decisions.decide(
      batch.id,
      { matching: { risks: ['high', 'medium'], decisions: ['undecided'] } },
      { decision: 'follow-up', reason: 'escalated', note: 'Comité del lunes' }
    )
    // Identity not found (22) and the namesake (33); the serious record (11) was decided already.
    expect(outcome).toEqual({ decided: 2, refused: [] })
    expect(row('22').decision?.decision).toBe('follow-up')
    expect(row('33').decision?.note).toBe('Comité del lunes')
  })

  it('filters, sorts and counts by decision', () => {
    const counts = harness.store.decisions.counts(batch.id)
    expect(counts).toEqual({ approved: 2, rejected: 1, 'follow-up': 2, undecided: 1 })
    const ending = (r: ResultRow) => r.inputs.national_id?.slice(-2)
    expect(harness.store.results.page(batch.id, { decisions: ['undecided'] }).rows.map(ending)).toEqual([
      '44'
    ])
    expect(
      harness.store.results.page(batch.id, { decisions: ['approved', 'rejected'] }).rows.map(ending)
    ).toEqual(['00', '00', '11'])
    const sorted = harness.store.results
      .page(batch.id, { sort: { by: 'decision' }, states: ['done', 'running'] })
      .rows.map((r) => r.decision?.decision ?? 'undecided')
    expect(sorted).toEqual(['rejected', 'follow-up', 'follow-up', 'approved', 'approved', 'undecided'])
    const descending = harness.store.results
      .page(batch.id, { sort: { by: 'decision', direction: 'desc' }, states: ['done', 'running'] })
      .rows.map((r) => r.decision?.decision ?? 'undecided')
    expect(descending.at(-1)).toBe('undecided')
  })

  it('keeps every decision and its history when the store is closed and opened again', () => {
    const again = new ResultsStore(harness.store.file, testStoreKey())
    try {
      expect(again.decisions.counts(batch.id)).toEqual({
        approved: 2,
        rejected: 1,
        'follow-up': 2,
        undecided: 1
      })
      expect(again.decisions.history(batch.id, row('11').seq)).toHaveLength(2)
      const page = again.results.page(batch.id, { decisions: ['rejected'] })
      expect(page.rows[0].decision).toMatchObject({ decidedBy: 'Luz Auditora', reason: 'criminal-record' })
    } finally {
      again.close()
    }
  })

  it('reads a row as undecided again once its check is replaced, keeping what was decided on the old one', () => {
    const clean = row('00')
    // A re-run gives the row another check: the decision was taken on the one before.
    harness.store.db.connection
      .prepare('UPDATE rows SET check_id = ? WHERE batch_id = ? AND seq = ?')
      .run('replacement-check', batch.id, clean.seq)
    expect(row('00').decision).toBeNull()
    const { current, history } = decisions.history(batch.id, clean.seq)
    expect(current).toBeNull()
    expect(history[0]).toMatchObject({ decision: 'approved', checkId: clean.checkId })
    harness.store.db.connection
      .prepare('UPDATE rows SET check_id = ? WHERE batch_id = ? AND seq = ?')
      .run(clean.checkId, batch.id, clean.seq)
  })
  it('erases the decisions with the person, since their notes speak of them', () => {
    const carla = row('22')
    expect(decisions.history(batch.id, carla.seq).history).toHaveLength(1)
    harness.store.privacy.erase([
      {
        batchId: batch.id,
        batchName: batch.name,
        draft: false,
        row: carla.row,
        seq: carla.seq,
        country: 'CO',
        checkIds: carla.checkId ? [carla.checkId] : [],
        files: 0
      }
    ])
    expect(harness.store.decisions.history(batch.id, carla.seq)).toEqual([])
    expect(harness.store.decisions.counts(batch.id)['follow-up']).toBe(1)
  })
})
