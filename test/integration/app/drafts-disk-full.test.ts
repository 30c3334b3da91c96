// A full disk while the analyst prepares a draft: an edit that cannot be saved says so (the disk, not "something
// went wrong"), a file read into a new draft stops with the same reason and can be read again, and nothing
// crashes; once there is space, both work. The data folder is on a real tmpfs of a few megabytes.
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { DraftRead } from '../../../src/shared/batch'
import type { ChannelOutput } from '../../../src/shared/contract'
import { createTestCore, value } from '../../helpers/core'
import { makeTempDir } from '../../helpers/env'
import { mountSmallDisk } from '../../helpers/small-disk'

const disk = mountSmallDisk(64)
afterAll(() => disk?.unmount())

const ROWS = 5_000
/** Rows of the file read while the disk is nearly full: megabytes more than the space left. */
const BIG_ROWS = 40_000

describe('a full disk under a draft', () => {
  it.skipIf(!disk)(
    'refuses edits and reads with the reason, loses nothing, and works again with space',
    async () => {
      const filesDir = makeTempDir()
      const write = (name: string, rows: number) => {
        const lines = ['Nombre,Apellido,Cedula']
        for (let i = 0; i < rows; i++) lines.push(`Ana,Pena,${i % 2 === 0 ? 52_000_100 + i * 7 : ''}`)
        writeFileSync(join(filesDir, name), lines.join('\n'))
        return join(filesDir, name)
      }
      const small = write('personas.csv', ROWS)
      const big = write('muchas.csv', BIG_ROWS)
      const env = createTestCore({ dataDir: join(disk!.dir, 'data') })
      const settled = (batchId: string) =>
        new Promise<DraftRead>((resolve) => {
          const off = env.core.events.subscribe((name, payload) => {
            const event = payload as { batchId: string; read: DraftRead }
            if (name === 'drafts:status' && event.batchId === batchId && event.read.state !== 'reading') {
              off()
              resolve(event.read)
            }
          })
        })
      const open = async (file: string) => {
        const { fileId } = env.core.files.registerPath(file)
        const { batchId } = (await value(
          env.dispatch('drafts:open', {
            fileId,
            sheet: file === small ? 'personas' : 'muchas',
            mapping: {
              headers: ['Nombre', 'Apellido', 'Cedula'],
              targets: ['first_name', 'last_name', 'national_id'],
              defaults: { country: 'CO', type: 'person' }
            }
          })
        )) as ChannelOutput<'drafts:open'>
        return { batchId, read: settled(batchId) }
      }
      let filler: string | null = null
      try {
        const first = await open(small)
        expect(await first.read).toMatchObject({ state: 'ready', summary: { rows: ROWS } })

        // The database's write-ahead log keeps the space it once took: given back first, as after a quiet
        // moment, so that the edit needs new space like any write that comes after the disk filled up.
        env.core.store.db.connection.pragma('wal_checkpoint(TRUNCATE)')
        filler = disk!.fill()
        const refused = await env.dispatch('drafts:setExcludedWhere', {
          batchId: first.batchId,
          filter: 'errors',
          excluded: true
        })
        expect(refused).toMatchObject({
          ok: false,
          error: { code: 'storage', message: expect.stringMatching(/disk holding Lote’s data is full/) }
        })
        // Reading still works, and the draft is whole.
        const page = (await value(
          env.dispatch('drafts:rows', { batchId: first.batchId, filter: 'all', offset: 0, limit: 10 })
        )) as ChannelOutput<'drafts:rows'>
        expect(page.total).toBe(ROWS)

        disk!.free(filler)

        // A file read into a new draft while the disk is nearly full: the read stops, saying why, and the draft
        // stays, marked as not read to the end, to be read again.
        env.core.store.db.connection.pragma('wal_checkpoint(TRUNCATE)')
        filler = disk!.fill(1024 * 1024)
        const second = await open(big)
        expect(await second.read).toMatchObject({ state: 'failed', error: { code: 'storage' } })
        expect(await env.dispatch('drafts:status', { batchId: second.batchId })).toMatchObject({
          ok: true,
          value: { read: { state: 'failed', error: { code: 'storage' } } }
        })
        disk!.free(filler)
        filler = null
        const again = settled(second.batchId)
        expect(await env.dispatch('drafts:reread', { batchId: second.batchId })).toMatchObject({ ok: true })
        expect(await again).toMatchObject({ state: 'ready', summary: { rows: BIG_ROWS } })

        // With space again, the edit goes through.
        const excluded = (await value(
          env.dispatch('drafts:setExcludedWhere', {
            batchId: first.batchId,
            filter: 'errors',
            excluded: true
          })
        )) as ChannelOutput<'drafts:setExcludedWhere'>
        expect(excluded.summary.byStatus).toMatchObject({ excluded: ROWS / 2, error: 0 })
      } finally {
        if (filler) disk!.free(filler)
        await env.dispose()
        rmSync(filesDir, { recursive: true, force: true })
      }
    },
    120_000
  )
})
