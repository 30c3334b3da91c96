// SIGKILLs the lote command at random moments of a 300-row batch, resumes each time, and checks with the
// Sandbox (which runs here, not in the killed process) that every row ended with exactly one check.
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { makeTempDir } from '../../helpers/env'
import { testStoreKey } from '../../helpers/store-key'
import { runLote, type LoteExit } from '../../helpers/lote-process'

const ROWS = 300
const KILLS = 10

let sandbox: RunningSandbox
let dir: string

beforeAll(async () => {
  // A little latency and a few faults keep requests in flight when the kill lands.
  sandbox = await startSandbox({
    port: 0,
    timeScale: 400,
    seed: 11,
    outageRate: 0,
    latencyMs: 15,
    faultRate: 0.05
  })
  dir = makeTempDir('lote-crash-')
  const lines = ['Nombre,Apellido,Cedula']
  for (let i = 0; i < ROWS; i++) lines.push(`Ana,Rojas,${3000000 + i * 100 + (i % 40)}`)
  writeFileSync(join(dir, 'people.csv'), lines.join('\n'))
})

afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Runs `lote`; kills it with SIGKILL `kill.ms` after its output shows `kill.after` (never, when null). */
function lote(
  args: string[],
  kill: { after: RegExp; ms: number } | null
): Promise<LoteExit & { stdout: string }> {
  let armed = false
  return runLote(args, {
    cwd: dir,
    dataDir: join(dir, 'data'),
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
    const common = ['--sandbox-url', sandbox.url, '--data-dir', join(dir, 'data')]
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
        : [
            'run',
            'people.csv',
            '--country',
            'CO',
            '--type',
            'person',
            '--i-have-authorization',
            '--rate',
            '300',
            '--concurrency',
            '8',
            ...common
          ]
      const outcome = await lote(args, { after: /^Started /m, ms })
      batchId ??= /^Batch (\S+)$/m.exec(outcome.stdout)?.[1] ?? null
      if (outcome.signal === 'SIGKILL') kills++
      else if (outcome.code === 0) break
    }
    expect(batchId, `no batch id (delays ${delays.join(', ')})`).not.toBeNull()
    const final = await lote(['resume', batchId as string, ...common], null)
    expect(final.code, final.stdout).toBe(0)
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, attempts - 1))

    const store = new ResultsStore(join(dir, 'data', 'lote.db'), testStoreKey())
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
        `crash test: ${kills} kills after ${delays.join(', ')} ms; ${recovered} rows recovered by token, ${sandbox.stats().checksReturnedExisting} creates answered with the earlier check`
      )
    } finally {
      store.close()
    }
    const stats = sandbox.stats()
    expect(stats.duplicates, `delays ${delays.join(', ')}`).toBe(0)
    expect(stats.checksCreated).toBe(ROWS)
  }, 120_000)
})
