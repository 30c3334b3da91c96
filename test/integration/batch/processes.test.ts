// Several processes on one batch, as an analyst's machine may have them: `lote run`, `lote resume` started
// again and again, `lote serve` (the app in a browser), against a Sandbox that fails 10% of requests and a
// batch whose workers are killed on the way. Only one process ever works on the batch; the others leave it
// alone and say who holds it; a killed holder's batch is taken over. At the end every row has exactly one
// check (the Sandbox's own count), no process crashed, and the batch's final state is true.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { testStoreKey } from '../../helpers/store-key'
import { startLote, useLoteProcessSetup, type LoteProcess } from '../../helpers/lote-process'
import { authorisedRun } from '../../helpers/run-args'

const ROWS = 240

const setup = useLoteProcessSetup({ rows: ROWS, firstId: 5000000, seed: 23, faultRate: 0.1 })

type Running = LoteProcess & { name: string }

const processes: Running[] = []

function lote(name: string, args: string[]): Running {
  const running = {
    name,
    ...startLote(args, { cwd: setup.dir, dataDir: join(setup.dir, 'data'), env: { LANG: 'en_US.UTF-8' } })
  }
  processes.push(running)
  return running
}

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** The batch as the store says, read with a short-lived connection as another process would. */
function stored(batchId: string) {
  const store = new ResultsStore(join(setup.dir, 'data', 'lote.db'), testStoreKey())
  try {
    return { batch: store.batches.get(batchId), finished: store.ledger.isFinished(batchId) }
  } finally {
    store.close()
  }
}

const LEFT_ALONE = /being worked on by (lote run|lote resume|lote serve) \(process \d+ on this computer/

describe('several processes on one batch', () => {
  it('two, then three processes plus lote serve, with kills, under 10% faults: every row checked exactly once', async () => {
    const common = ['--data-dir', join(setup.dir, 'data')]
    // 1. `lote run` starts the batch; two `lote resume` race it for the same batch (three processes on it).
    const run = lote(
      'lote run',
      authorisedRun('people.csv', '--sandbox-url', setup.sandbox.url, '--concurrency', '6', ...common)
    )
    const batchId = await until('the batch id', () => /^Batch (\S+)$/m.exec(run.output())?.[1])
    await until('the batch to start', () => setup.sandbox.stats().checksCreated > 0)
    const racers = [
      lote('resume 1', ['resume', batchId, ...common]),
      lote('resume 2', ['resume', batchId, ...common])
    ]
    for (const racer of racers) {
      const { code } = await racer.exited
      expect(code, racer.output()).toBe(1)
      expect(racer.output()).toMatch(LEFT_ALONE)
      expect(racer.output()).toMatch(/lote run/)
    }
    await until('a third of the checks', () => setup.sandbox.stats().checksCreated >= ROWS / 3)
    run.child.kill('SIGKILL')
    await run.exited

    // 2. Two `lote resume` race for the orphaned batch: one takes it over (its holder is dead), the other
    //    leaves it alone. Then `lote serve` starts, and leaves it to that resume too, until it is killed.
    const second = [
      lote('resume 3', ['resume', batchId, ...common]),
      lote('resume 4', ['resume', batchId, ...common])
    ]
    const loser = await Promise.race(second.map((resume) => resume.exited.then(() => resume)))
    expect((await loser.exited).code, loser.output()).toBe(1)
    expect(loser.output()).toMatch(LEFT_ALONE)
    expect(loser.output()).toMatch(/worked on by lote resume/)
    const winner = second.find((resume) => resume !== loser)!
    expect(winner.child.exitCode).toBeNull()
    const serve = lote('lote serve', ['serve', '--port', '0', ...common])
    await until('lote serve to start', () => /running at http/.test(serve.output()))
    await until('two thirds of the checks', () => setup.sandbox.stats().checksCreated >= (2 * ROWS) / 3)
    expect(winner.child.exitCode, winner.output()).toBeNull()
    winner.child.kill('SIGKILL')
    await winner.exited

    // 3. lote serve adopts what is left and finishes it.
    const final = await until(
      'the batch to finish',
      () => {
        const { batch, finished } = stored(batchId)
        return batch.status === 'completed' && finished ? batch : undefined
      },
      120_000
    )
    serve.child.kill('SIGTERM')
    expect((await serve.exited).code, serve.output()).toBe(0)

    for (const p of processes)
      console.log(`${p.name}: ${p.output().trim().split('\n').slice(-3).join(' / ')}`)
    // Every row exactly once, as the Sandbox counted; the final state is true.
    expect(final.counts.done).toBe(ROWS)
    expect(final.counts.pending + final.counts.creating + final.counts.running).toBe(0)
    const stats = setup.sandbox.stats()
    expect(stats.duplicates).toBe(0)
    expect(stats.checksCreated).toBe(ROWS)
    expect(stats.faults['error-after'] + stats.faults['drop-after']).toBeGreaterThan(0)
    // The batch changed hands twice, each time from a killed holder.
    const store = new ResultsStore(join(setup.dir, 'data', 'lote.db'), testStoreKey())
    try {
      const handovers = store.journal
        .ofType(batchId, 'lease-taken-over')
        .map((e) => e.data as { from: { name: string }; to: { name: string } })
      expect(handovers.map((h) => `${h.from.name} -> ${h.to.name}`)).toEqual([
        'lote run -> lote resume',
        'lote resume -> lote serve'
      ])
      console.log(
        `processes test: ${ROWS} rows, ${stats.checksCreated} checks, ${stats.duplicates} duplicates; faults ${JSON.stringify(stats.faults)}; handovers: ${handovers.map((h) => `${h.from.name} -> ${h.to.name}`).join(', ')}`
      )
    } finally {
      store.close()
    }
    // No process crashed: no stack traces, no "database is locked".
    for (const p of processes) {
      expect(p.output(), p.name).not.toMatch(/SqliteError|database is locked|^\s+at .+:\d+:\d+\)?$/m)
      expect(p.output(), p.name).not.toMatch(/Unhandled|uncaught/i)
    }
  }, 240_000)
})
