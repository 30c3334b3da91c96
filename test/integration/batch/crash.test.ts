// SIGKILLs the lote command at random moments of a 300-row batch, resumes each time, and checks with the
// Sandbox (which runs here, not in the killed process) that every row ended with exactly one check.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { testStoreKey } from '../../helpers/store-key'
import { runLote, useLoteProcessSetup, type LoteExit } from '../../helpers/lote-process'
import { authorisedRun } from '../../helpers/run-args'

const ROWS = 300
const KILLS = 10

const setup = useLoteProcessSetup({ rows: ROWS, firstId: 3000000, seed: 11, faultRate: 0.05 })

/** Runs `lote`; kills it with SIGKILL `kill.ms` after its output shows `kill.after` (never, when null). */
function lote(
  args: string[],
  kill: { after: RegExp; ms: number } | null
): Promise<LoteExit & { stdout: string }> {
  let armed = false
  return runLote(args, {
    cwd: setup.dir,
    dataDir: join(setup.dir, 'data'),
    onOutput: (_output, running) => {
      if (kill && !armed && kill.after.test(running.stdout())) {
        armed = true
        setTimeout(() => running.kill(), kill.ms)
      }
    }
  })
}

describe('crash safety', () => {
  it('survives ten SIGKILLs at random points: every row ends with exactly one check', async () => {
    const common = ['--sandbox-url', setup.sandbox.url, '--data-dir', join(setup.dir, 'data')]
    const delays: number[] = []
    let batchId: string | null = null
    let kills = 0
    let attempts = 0
    while (kills < KILLS && attempts < KILLS * 3) {
      attempts++
      const ms = Math.floor(Math.random() * 900)
      delays.push(ms)
      const args: string[] = batchId
        ? ['resume', batchId, ...common]
        : authorisedRun('people.csv', '--rate', '300', '--concurrency', '8', ...common)
      const outcome = await lote(args, { after: /^Started /m, ms })
      batchId ??= /^Batch (\S+)$/m.exec(outcome.stdout)?.[1] ?? null
      if (outcome.signal === 'SIGKILL') kills++
      else if (outcome.code === 0) break
    }
    expect(batchId, `no batch id (delays ${delays.join(', ')})`).not.toBeNull()
    const final = await lote(['resume', batchId as string, ...common], null)
    expect(final.code, final.stdout).toBe(0)
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, attempts - 1))

    const store = new ResultsStore(join(setup.dir, 'data', 'lote.db'), testStoreKey())
    try {
      const batch = store.batches.get(batchId as string)
      expect(batch.counts.done).toBe(ROWS)
      const rows = store.results.page(batchId as string, { limit: 1000 }).rows
      const ids = rows.map((row) => row.checkId)
      expect(new Set(ids).size).toBe(ROWS)
      expect(ids.every(Boolean)).toBe(true)
      const recovered = store.journal
        .list(batchId as string, 100_000)
        .filter((event) => event.type === 'recovered').length
      console.log(
        `crash test: ${kills} kills after ${delays.join(', ')} ms; ${recovered} rows recovered by token, ${setup.sandbox.stats().checksReturnedExisting} creates answered with the earlier check`
      )
    } finally {
      store.close()
    }
    const stats = setup.sandbox.stats()
    expect(stats.duplicates, `delays ${delays.join(', ')}`).toBe(0)
    expect(stats.checksCreated).toBe(ROWS)
  }, 120_000)
})
