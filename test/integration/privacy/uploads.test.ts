// A spreadsheet uploaded through the browser host is kept sealed in Lote's folder, like every file Lote keeps,
// and read through a plain copy that lasts only as long as the read. It stays while its draft may need it —
// another sheet, header row or mapping reads it again — and goes when the draft is discarded, when its batch
// has run to the end, with its batch (deleted, or a person erased from it), or when the read copy is done.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../src/shared/contract'
import { AUTHORIZATION_STATEMENT } from '../../../src/shared/batch'
import type { Envelope } from '../../../src/shared/result'
import { createTestCore, openDraftOf, whenFinished, type TestCore } from '../../helpers/core'

let env: TestCore

afterEach(async () => {
  await env?.dispose()
})

async function value<T>(result: Promise<Envelope<T>> | Envelope<T>): Promise<T> {
  const envelope = await result
  if (!envelope.ok) throw new Error(envelope.error.message)
  return envelope.value
}

function uploads(): string[] {
  const dir = join(env.dataDir, 'uploads')
  return existsSync(dir) ? readdirSync(dir) : []
}

/** Every file under a folder, with its bytes. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(root, entry.name)) : [join(root, entry.name)]
  )
}

const SHEET = 'Nombre;Apellido;Cédula\r\nOtilia;Benavides;1077665544\r\nLucía;Muñoz;30000007\r\n'

async function upload(sheet = SHEET): Promise<string> {
  const file = await env.core.files.receive('personas.csv', Readable.from([Buffer.from(sheet)]))
  expect(uploads()).toHaveLength(1)
  return file.fileId
}

async function draftOf(fileId: string): Promise<string> {
  const batchId = await openDraftOf(env, fileId, ['first_name', 'last_name', 'national_id'])
  await env.core.app.drafts.whenRead(batchId)
  return batchId
}

async function uploadedDraft(): Promise<string> {
  return draftOf(await upload())
}

describe('uploads', () => {
  it('an uploaded sheet is removed with its batch', async () => {
    env = createTestCore()
    const batchId = await uploadedDraft()
    await value(env.dispatch('batches:delete', { batchId }))
    expect(uploads()).toEqual([])
  })

  it('an uploaded sheet is removed when a person in it is erased', async () => {
    env = createTestCore()
    await uploadedDraft()
    const erased = await env.core.app.privacy.erasePerson({ document: '1077665544' }, { atTruora: false })
    expect(erased.rows).toBe(1)
    expect(uploads()).toEqual([])
  })
})

describe('an uploaded sheet kept for its draft', () => {
  it('is sealed on disk, and the plain copy a read needs is gone when the read ends', async () => {
    env = createTestCore()
    const fileId = await upload()
    const [copy] = filesUnder(join(env.dataDir, 'uploads'))
    expect(readFileSync(copy).includes(Buffer.from('Benavides'))).toBe(false)
    expect(readFileSync(copy).includes(Buffer.from('1077665544'))).toBe(false)
    const batchId = await draftOf(fileId)
    const rows = await value(env.dispatch('drafts:rows', { batchId, filter: 'all', offset: 0, limit: 10 }))
    expect(JSON.stringify(rows)).toContain('Benavides')
    expect(filesUnder(join(env.dataDir, 'reading'))).toEqual([])
    for (const file of filesUnder(env.dataDir)) {
      const bytes = readFileSync(file)
      expect(bytes.includes(Buffer.from('Benavides')), file).toBe(false)
    }
  })

  it('is read again for another header row and another mapping, and goes when the analyst discards the draft', async () => {
    env = createTestCore()
    const fileId = await upload()
    const first = await draftOf(fileId)
    // The wizard's mapping step reads the file again: the draft of the old mapping goes, the file stays.
    await value(env.dispatch('drafts:discard', { batchId: first, keepFile: true }))
    expect(uploads()).toHaveLength(1)
    const inspected = (await value(
      env.dispatch('import:inspect', { fileId, headerRow: 2 })
    )) as ChannelOutput<'import:inspect'>
    expect(inspected.sheets[0].headers).toContain('Benavides')
    const second = await draftOf(fileId)
    const read = (await value(
      env.dispatch('drafts:rows', { batchId: second, filter: 'all', offset: 0, limit: 10 })
    )) as ChannelOutput<'drafts:rows'>
    expect(read.total).toBe(2)
    // Discarded by the analyst: the copy goes with it.
    await value(env.dispatch('drafts:discard', { batchId: second }))
    expect(uploads()).toEqual([])
  })

  it('stays for a draft kept past the week old uploads are swept after, and goes once its batch has run', async () => {
    env = createTestCore()
    // Clean Sandbox answers (the 00 ending), so the batch runs to its end at once.
    const batchId = await draftOf(await upload('Nombre;Apellido;Cédula\r\nOtilia;Benavides;1077665500\r\n'))
    env.core.files.sweep(Date.now() + 30 * 86_400_000, (folder) => env.core.store.privacy.uploadInUse(folder))
    expect(uploads()).toHaveLength(1)
    const finished = whenFinished(env, batchId)
    await value(
      env.dispatch('batches:start', {
        batchId,
        options: { engine: 'direct' },
        authorization: { accepted: true, statement: AUTHORIZATION_STATEMENT }
      })
    )
    await finished
    expect(uploads()).toEqual([])
  }, 60_000)
})
