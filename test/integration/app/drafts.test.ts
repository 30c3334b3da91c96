// A draft from a sheet to a running batch, through the same dispatch the app and the browser host use: it
// cannot start before its file is read to the end, and nothing the analyst prepared is lost on the way.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BatchEvent, DraftRead } from '../../../src/shared/batch'
import type { ChannelOutput } from '../../../src/shared/contract'
import { AUTHORIZATION_STATEMENT } from '../../../src/shared/batch'
import { createTestCore, openDraftOf, value, type TestCore } from '../../helpers/core'

const ROWS = 20_000
/** Rows with a document: the rest lack one, are skipped, and cost nothing. */
const VALID = 5

let env: TestCore

beforeEach(() => {
  env = createTestCore()
})

afterEach(async () => {
  await env.dispose()
})

/** A CSV of ROWS people, VALID of them with a Colombian document. */
function writePeople(): string {
  const lines = ['Nombre,Apellido,Cedula']
  for (let i = 0; i < ROWS; i++) lines.push(`Ana,Peña,${i < VALID ? 52_000_100 + i * 7 : ''}`)
  const file = join(env.dataDir, 'personas.csv')
  writeFileSync(file, lines.join('\n'))
  return file
}

/** Opens a draft of the file with its suggested mapping, for Colombian people. */
async function openDraft(): Promise<string> {
  // As a file dropped on the desktop app: registered by its path.
  const { fileId } = env.core.files.registerPath(writePeople())
  const batchId = await openDraftOf(env, fileId, ['first_name', 'last_name', 'national_id'])
  return batchId
}

/** Resolves with the first `drafts:status` of the batch whose read matches. */
function nextRead(batchId: string, state: DraftRead['state']): Promise<DraftRead> {
  return new Promise((resolve) => {
    const off = env.core.events.subscribe((name, payload) => {
      if (name !== 'drafts:status') return
      const status = payload as { batchId: string; read: DraftRead }
      if (status.batchId !== batchId || status.read.state !== state) return
      off()
      resolve(status.read)
    })
  })
}

function start(batchId: string) {
  return env.dispatch('batches:start', {
    batchId,
    options: { engine: 'direct' },
    authorization: { accepted: true, statement: AUTHORIZATION_STATEMENT }
  })
}

describe('drafts', () => {
  it('refuses to start a batch while its file is still being read, and loses nothing of the draft', async () => {
    const batchId = await openDraft()
    const ready = nextRead(batchId, 'ready')

    const refused = await start(batchId)
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/still being read/)
    const reading = (await value(
      env.dispatch('drafts:status', { batchId })
    )) as ChannelOutput<'drafts:status'>
    expect(reading.read.state).toBe('reading')

    // The read goes on to the end, and the draft is whole.
    const read = await ready
    expect(read).toMatchObject({ state: 'ready', summary: { rows: ROWS } })
    const draft = (await value(env.dispatch('drafts:status', { batchId }))) as ChannelOutput<'drafts:status'>
    expect(draft.read).toMatchObject({ state: 'ready', summary: { rows: ROWS } })
    const rows = (await value(
      env.dispatch('drafts:rows', { batchId, filter: 'all', offset: ROWS - 10, limit: 10 })
    )) as ChannelOutput<'drafts:rows'>
    expect(rows.total).toBe(ROWS)
    expect(rows.rows.at(-1)?.row).toBe(ROWS + 1)
    const batch = (await value(env.dispatch('batches:get', { batchId }))) as ChannelOutput<'batches:get'>
    expect(batch).toMatchObject({ status: 'draft', total: VALID, counts: { skipped: ROWS - VALID } })

    // Now it starts, and every valid row gets its check.
    const finished = new Promise<BatchEvent>((resolve) => {
      const off = env.core.events.subscribe((name, payload) => {
        const event = payload as BatchEvent
        if (name === 'batch:event' && event.batchId === batchId && event.type === 'finished') {
          off()
          resolve(event)
        }
      })
    })
    expect(await start(batchId)).toMatchObject({ ok: true })
    expect(await finished).toMatchObject({ status: 'completed', counts: { done: VALID } })
  }, 60_000)

  it('keeps a draft whose read was stopped, refuses to start it, and removes it only when discarded', async () => {
    const batchId = await openDraft()
    const failed = nextRead(batchId, 'failed')
    expect(await env.dispatch('drafts:cancel', { batchId })).toMatchObject({ ok: true })
    expect(await failed).toMatchObject({ state: 'failed', error: { code: 'cancelled' } })

    const draft = await env.dispatch('drafts:status', { batchId })
    expect(draft).toMatchObject({ ok: true, value: { read: { state: 'failed' } } })
    expect(await env.dispatch('batches:get', { batchId })).toMatchObject({
      ok: true,
      value: { status: 'draft' }
    })
    const refused = await start(batchId)
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/not read to the end/)

    expect(await env.dispatch('drafts:discard', { batchId })).toMatchObject({ ok: true })
    expect(await env.dispatch('batches:get', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' }
    })
  }, 60_000)

  it('excludes and includes thousands of rows at once while other calls keep being answered, and starts only what the analyst saw', async () => {
    const batchId = await openDraft()
    await nextRead(batchId, 'ready')
    const setWhere = (filter: 'errors' | 'excluded', excluded: boolean) =>
      value(env.dispatch('drafts:setExcludedWhere', { batchId, filter, excluded })) as Promise<
        ChannelOutput<'drafts:setExcludedWhere'>
      >

    // Every row without a document has an error: all of them go at once.
    let excludedAll = false
    const excluding = setWhere('errors', true).then((result) => ((excludedAll = true), result))
    // Another window reads the grid meanwhile and gets its page before the edit ends: nothing waits for it.
    const page = (await value(
      env.dispatch('drafts:rows', { batchId, filter: 'all', offset: 0, limit: 10 })
    )) as ChannelOutput<'drafts:rows'>
    expect(page.total).toBe(ROWS)
    expect(excludedAll).toBe(false)
    const excluded = await excluding
    expect(excluded.changed).toBe(ROWS - VALID)
    expect(excluded.rows.length).toBeLessThanOrEqual(1000)
    expect(excluded.summary.byStatus).toMatchObject({ ok: VALID, error: 0, excluded: ROWS - VALID })

    // Included again, the rows have their errors back.
    const included = await setWhere('excluded', false)
    expect(included.summary.byStatus).toMatchObject({ ok: VALID, error: ROWS - VALID, excluded: 0 })

    // Starting while a bulk exclusion is being written waits for it: the batch starts with it applied.
    const again = setWhere('errors', true)
    const started = await start(batchId)
    expect(started).toMatchObject({ ok: true })
    expect((await again).summary.byStatus.excluded).toBe(ROWS - VALID)
    const batch = (await value(env.dispatch('batches:get', { batchId }))) as ChannelOutput<'batches:get'>
    expect(batch.total).toBe(VALID)
    await env.core.app.batches.whenIdle(batchId)
    // And its rows no longer change.
    expect(
      await env.dispatch('drafts:setExcludedWhere', { batchId, filter: 'errors', excluded: false })
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
  }, 120_000)
})
