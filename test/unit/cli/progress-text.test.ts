// The lote command's progress line says what the monitor says: delayed checks with when Lote gives up on them,
// lost checks counted apart, and no ETA from a pace that delayed checks make meaningless.
import { describe, expect, it } from 'vitest'
import { progressLine } from '../../../src/cli/progress-text'
import { ROW_STATES, type BatchEvent, type ProgressCounts } from '../../../src/shared/batch'

type Progress = Extract<BatchEvent, { type: 'progress' }>

function progress(counts: Partial<ProgressCounts>, extra: Partial<Progress> = {}): Progress {
  const zero = Object.fromEntries(ROW_STATES.map((state) => [state, 0])) as unknown as ProgressCounts
  return {
    type: 'progress',
    batchId: 'b1',
    counts: { ...zero, delayed: 0, completed: 0, error: 0, unknownFinal: 0, ...counts },
    total: 10,
    finished: 8,
    rowsPerMinute: 12,
    requestsPerSecond: 1,
    etaSeconds: 5,
    delayedGiveUpAt: null,
    phase: 'waiting-for-results',
    at: '2026-11-26T20:00:00.000Z',
    ...extra
  }
}

describe('lote progress line', () => {
  it('names delayed checks with when Lote gives up on them, and gives no ETA while they wait', () => {
    const line = progressLine(
      progress({ done: 8, running: 2, delayed: 2 }, { delayedGiveUpAt: '2026-11-28T20:00:00.000Z' })
    )
    expect(line).toContain('2 delayed (given up by 2026-11-28 20:00 UTC at the latest)')
    expect(line).not.toContain('ETA')
  })

  it('counts lost checks apart, and gives the ETA when nothing is held back', () => {
    const line = progressLine(progress({ done: 7, lost: 1, running: 2 }))
    expect(line).toContain('1 lost by Truora')
    expect(line).toContain('ETA 5s')
  })
})
