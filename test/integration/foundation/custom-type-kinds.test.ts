// What the account's custom types check, as the import validates their rows: derived from their datasets in
// /v1/config where they make it clear, stated by the analyst otherwise, per connection.
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import { createNodeCore } from '../../../src/main/node-core'
import { makeTempDir } from '../../helpers/env'

let core: Core | undefined
let dir: string | undefined

afterEach(async () => {
  await core?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  core = dir = undefined
})

describe('custom types kinds', () => {
  it('derives what the datasets make clear, takes the analyst word for the rest, and keeps it', async () => {
    dir = makeTempDir('lote-kinds-')
    const opened = await createNodeCore({ shell: 'cli', dataDir: dir })
    core = opened
    const { client } = await opened.connections.client()
    const account = opened.app.account
    await client.createCustomType({
      country: 'CO',
      type: 'flota',
      weights: { vehicle_information: 0.6, criminal_record: 0.4 }
    })
    await client.createCustomType({
      country: 'CO',
      type: 'listas',
      weights: { criminal_record: 0.5, alert_in_media: 0.5 }
    })
    // Criminal records and media alone could be a person or a name search: Lote does not guess.
    expect(await account.customTypeKinds()).toEqual({ 'CO/flota': 'vehicle' })

    await account.setCustomTypeKind('CO', 'listas', 'name')
    await account.setCustomTypeKind('CO', 'flota', 'company')
    expect(await account.customTypeKinds()).toEqual({ 'CO/flota': 'company', 'CO/listas': 'name' })

    await account.setCustomTypeKind('CO', 'flota', null)
    expect(await account.customTypeKinds()).toEqual({ 'CO/flota': 'vehicle', 'CO/listas': 'name' })
    // The analyst's word is kept in settings, for this connection only.
    expect(opened.settings.get().customTypeKinds).toEqual({ sandbox: { 'CO/listas': 'name' } })
  })
})
