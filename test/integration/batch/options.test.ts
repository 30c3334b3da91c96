// Batch options chosen in the wizard: reusing recent checks instead of forcing new ones, and turning a
// batch's checks into continuous checks, once each even across a restart.
import { afterEach, describe, expect, it } from 'vitest'
import { TruoraClient } from '../../../src/main/truora/client'
import { createHarness, personRows, type Harness } from './harness'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.dispose()
  harness = undefined
})

async function continuousChecks(h: Harness): Promise<string[]> {
  const client = new TruoraClient(h.connection)
  const ids: string[] = []
  for await (const page of client.listContinuousChecks()) ids.push(...page.map((c) => c.check?.id ?? ''))
  return ids
}

describe('batch options', () => {
  it('without force creation, two rows with the same inputs share no check: the second is failed and says why', async () => {
    harness = await createHarness()
    const [first, second] = personRows(2)
    // Same person twice, as an analyst's file may have (the import flags it as a duplicate, a warning).
    const repeated = { ...second, cells: first.cells, inputs: { ...first.inputs } }
    const batch = await harness.run([first, repeated], {
      options: { forceCreation: false },
      // The row token would make the inputs differ; a mapped custom_input is sent as the analyst wrote it.
      mapping: {
        headers: ['Nombre', 'Apellido', 'Cédula', 'Ref'],
        targets: ['first_name', 'last_name', 'national_id', 'custom_input'],
        defaults: { country: 'CO', type: 'person' }
      }
    })
    expect(batch.status).toBe('completed')
    expect(batch.counts.done).toBe(1)
    expect(batch.counts.failed).toBe(1)
    const failed = harness.store.results.page(batch.id, { states: ['failed'] }).rows[0]
    expect(failed.row).toBe(repeated.row)
    expect(failed.lastError).toMatch(new RegExp(`same check .* as row ${first.row}`))
    expect(harness.sandbox.stats().checksCreated).toBe(1)
  })

  it('with force creation (the default) even two rows with the same inputs each get their own new check', async () => {
    harness = await createHarness()
    const [first, second] = personRows(2)
    const repeated = { ...second, cells: first.cells, inputs: { ...first.inputs } }
    const batch = await harness.run([first, repeated], {
      mapping: {
        headers: ['Nombre', 'Apellido', 'Cédula', 'Ref'],
        targets: ['first_name', 'last_name', 'national_id', 'custom_input'],
        defaults: { country: 'CO', type: 'person' }
      }
    })
    expect(batch.counts.done).toBe(2)
    expect(harness.sandbox.stats().checksCreated).toBe(2)
  })

  it('makes every final check continuous once, and a resumed batch does not do it again', async () => {
    harness = await createHarness()
    const continuous = { frequency: 'monthly', endDate: '2099-12-31' }
    const batch = await harness.run(personRows(4), { options: { continuous } })
    expect(batch.status).toBe('completed')
    const made = await continuousChecks(harness)
    expect(made.sort()).toEqual(harness.store.results.checkIds(batch.id).sort())

    // Running the continuous step again (as after a restart) finds every check already journaled.
    harness.store.batches.setStatus(batch.id, 'running')
    await harness.service.start(batch.id, { skipHealthCheck: true })
    await harness.service.whenIdle(batch.id)
    expect((await continuousChecks(harness)).length).toBe(4)
  })

  it('makes checks continuous with the version of the connection key (0 unless the analyst chose 1)', async () => {
    harness = await createHarness()
    const continuous = { frequency: 'monthly', endDate: '2099-12-31' }
    await harness.run(personRows(2), { options: { continuous } })
    harness.connection.keyVersion = 1
    await harness.run(personRows(2, 10), { options: { continuous } })
    const versions: unknown[] = []
    for await (const page of new TruoraClient(harness.connection).listContinuousChecks())
      versions.push(...page.map((item) => item.raw.version))
    expect(versions.sort()).toEqual([0, 0, 1, 1])
  })
})
