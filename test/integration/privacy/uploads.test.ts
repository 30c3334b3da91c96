// A spreadsheet uploaded through the browser host is a plain copy in Lote's folder: it goes with its batch
// (deleted, or a person erased from it), and a consent file uploaded at the confirmation step is removed as
// soon as its sealed copy is kept.
import { existsSync, readdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../src/shared/contract'
import type { DraftRead } from '../../../src/shared/batch'
import type { Envelope } from '../../../src/shared/result'
import { createTestCore, type TestCore } from '../../helpers/core'

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

function ready(batchId: string): Promise<DraftRead> {
  return new Promise((resolve) => {
    const off = env.core.events.subscribe((name, payload) => {
      const status = payload as { batchId: string; read: DraftRead }
      if (name !== 'drafts:status' || status.batchId !== batchId || status.read.state !== 'ready') return
      off()
      resolve(status.read)
    })
  })
}

async function uploadedDraft(): Promise<string> {
  const csv = 'Nombre;Apellido;Cédula\r\nOtilia;Benavides;1077665544\r\nLucía;Muñoz;30000007\r\n'
  const file = await env.core.files.receive('personas.csv', Readable.from([Buffer.from(csv)]))
  expect(uploads()).toHaveLength(1)
  const workbook = await value(env.dispatch('import:inspect', { fileId: file.fileId }))
  const sheet = (workbook as ChannelOutput<'import:inspect'>).sheets[0]
  const { batchId } = (await value(
    env.dispatch('drafts:open', {
      fileId: file.fileId,
      sheet: sheet.name,
      mapping: {
        headers: sheet.headers,
        targets: ['first_name', 'last_name', 'national_id'],
        defaults: { country: 'CO', type: 'person' }
      }
    })
  )) as ChannelOutput<'drafts:open'>
  await ready(batchId)
  return batchId
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
