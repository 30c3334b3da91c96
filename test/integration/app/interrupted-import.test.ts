// A lote command killed while it reads a large file into a draft: what is left never looks complete. After the
// restart the draft says it was not read to the end, cannot be started or resumed (with a message that says
// why), and reading it again gives every row of the file exactly once; then it runs.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AUTHORIZATION_STATEMENT, type BatchEvent, type DraftRead } from '../../../src/shared/batch'
import type { ChannelOutput } from '../../../src/shared/contract'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { createTestCore, value, type TestCore } from '../../helpers/core'
import { makeTempDir } from '../../helpers/env'
import { testStoreKey } from '../../helpers/store-key'
import { waitUntil } from '../../helpers/wait'
import { runLote, type LoteExit } from '../../helpers/lote-process'
import { authorisedRun } from '../../helpers/run-args'

const ROWS = 150_000
/** Rows with a document: the rest lack one, are skipped, and cost nothing. */
const VALID = 5

let env: TestCore | undefined

afterEach(async () => {
  await env?.dispose()
  env = undefined
})

/** Runs `lote` in a child process; `onOutput` sees its output as it grows and may kill it. */
function lote(
  args: string[],
  dataDir: string,
  onOutput: (output: string, kill: () => void) => void = () => undefined
): Promise<LoteExit & { output: string }> {
  return runLote(args, { dataDir, onOutput: (output, running) => onOutput(output, running.kill) })
}

describe('an import killed part way', () => {
  it('leaves a draft that says so, cannot start or resume, and reads again to exactly the rows of the file', async () => {
    const dir = makeTempDir('lote-interrupted-')
    const dataDir = join(dir, 'data')
    const file = join(dir, 'personas.csv')
    const lines = ['Nombre,Apellido,Cedula']
    for (let i = 0; i < ROWS; i++) lines.push(`Ana,Peña,${i < VALID ? 52_000_100 + i * 7 : ''}`)
    writeFileSync(file, lines.join('\n'))

    // lote run reads the file into a draft; it is killed once part of the rows are stored.
    let batchId: string | null = null
    let store: ResultsStore | null = null
    let killed = false
    const run = lote(authorisedRun(file, '--sandbox', '--data-dir', dataDir), dataDir, (output, kill) => {
      batchId ??= /Batch (\S+)/.exec(output)?.[1] ?? null
      if (!batchId || store) return
      store = ResultsStore.inDataDir(dataDir, testStoreKey())
      const poll = setInterval(() => {
        if (killed || !store) return clearInterval(poll)
        if (store.drafts.count(batchId!) >= 1000) {
          killed = true
          clearInterval(poll)
          kill()
        }
      }, 5)
    })
    const ended = await run
    expect(ended.signal, ended.output).toBe('SIGKILL')
    expect(batchId).not.toBeNull()
    const id = batchId!
    const stored = (store as ResultsStore | null)!
    const partial = stored.drafts.count(id)
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(ROWS)
    stored.close()

    // Restarted: the draft says it was not read to the end, and refuses to start.
    env = createTestCore({ dataDir })
    const status = (await value(
      env.dispatch('drafts:status', { batchId: id })
    )) as ChannelOutput<'drafts:status'>
    expect(status.read).toMatchObject({ state: 'failed' })
    if (status.read.state === 'failed')
      expect(status.read.error.message).toMatch(/before this file was read to the end/)
    const start = () =>
      env!.dispatch('batches:start', {
        batchId: id,
        options: { engine: 'direct' },
        authorization: { accepted: true, statement: AUTHORIZATION_STATEMENT }
      })
    const refused = await start()
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/not read to the end/)
    expect(await env.dispatch('batches:resume', { batchId: id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/draft whose file was not read to the end/) }
    })

    // lote resume says what the batch is and what to do, instead of asking for an authorisation.
    const resumed = await lote(['resume', id, '--data-dir', dataDir], dataDir)
    expect(resumed.code).toBe(1)
    expect(resumed.output).toMatch(/draft whose file was not read to the end/)
    expect(resumed.output).toMatch(/read the file again or discard it/)
    expect(resumed.output).not.toMatch(/authori[sz]/i)

    // Read again: every row of the file, once.
    const ready = new Promise<DraftRead>((resolveRead) => {
      const off = env!.core.events.subscribe((name, payload) => {
        const event = payload as { batchId: string; read: DraftRead }
        if (name === 'drafts:status' && event.batchId === id && event.read.state !== 'reading') {
          off()
          resolveRead(event.read)
        }
      })
    })
    expect(await env.dispatch('drafts:reread', { batchId: id })).toMatchObject({ ok: true })
    expect(await ready).toMatchObject({ state: 'ready', summary: { rows: ROWS } })
    const last = (await value(
      env.dispatch('drafts:rows', { batchId: id, filter: 'all', offset: ROWS - 1, limit: 10 })
    )) as ChannelOutput<'drafts:rows'>
    expect(last.total).toBe(ROWS)
    expect(last.rows.map((row) => row.row)).toEqual([ROWS + 1])
    // A draft read to the end is not read again.
    expect(await env.dispatch('drafts:reread', { batchId: id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })

    // And now it starts, and its valid rows get their checks.
    const finished = new Promise<BatchEvent>((resolveEvent) => {
      const off = env!.core.events.subscribe((name, payload) => {
        const event = payload as BatchEvent
        if (name === 'batch:event' && event.batchId === id && event.type === 'finished') {
          off()
          resolveEvent(event)
        }
      })
    })
    expect(await start()).toMatchObject({ ok: true })
    expect(await finished).toMatchObject({ status: 'completed', counts: { done: VALID } })
    await waitUntil(() => env!.core.app.batches.get(id).status === 'completed')
  }, 180_000)
})
