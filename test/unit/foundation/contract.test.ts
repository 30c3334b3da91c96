import { afterAll, describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import { CHANNEL_NAMES, channels, type ChannelOutput } from '../../../src/shared/contract'
import { createTestCore } from '../../helpers/core'

const env = createTestCore()
afterAll(() => env.dispose())

const malformed: unknown[] = [42, 'text', [1, 2], { unexpected: true, id: 7 }, { id: '' }, null]

describe('the IPC contract', () => {
  it('names every channel domain:verb', () => {
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/)
  })

  it.each(CHANNEL_NAMES)(
    '%s answers a malformed payload with a validation envelope, never a crash',
    async (channel) => {
      for (const payload of malformed) {
        if (channels[channel].input.safeParse(payload).success) continue
        const result = await env.dispatch(channel, payload)
        expect(result.ok).toBe(false)
        if (!result.ok) {
          expect(result.error.code).toBe('invalid_request')
          expect(result.error.message).toContain(channel)
        }
      }
    }
  )

  it('answers an unknown channel with an error envelope', async () => {
    const result = await env.dispatch('secrets:dump', undefined)
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'Unknown channel "secrets:dump".' }
    })
  })

  it('turns a handler failure into an envelope with a human message', async () => {
    const result = await env.dispatch('profiles:activate', { id: 'nope' })
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('answers a damaged spreadsheet with a file error that names the file and says what to do', async () => {
    const { fileId } = env.core.files.registerPath('test/fixtures/corrupt.xlsx')
    const result = await env.dispatch('import:inspect', { fileId })
    expect(result).toMatchObject({ ok: false, error: { code: 'file_error' } })
    if (!result.ok) expect(result.error.message).toMatch(/"corrupt\.xlsx" is damaged.*save it again/)
  })

  it('lets a browser page open by path only the files the analyst opened before', async () => {
    const refused = await env.dispatch('files:register', { path: '/etc/passwd' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
    const sample = resolve('resources/samples/co-person.xlsx')
    env.core.app.files.remember({ path: sample, name: 'co-person.xlsx' })
    expect(await env.dispatch('files:register', { path: sample })).toMatchObject({
      ok: true,
      value: { name: 'co-person.xlsx' }
    })
  })

  it('offers recent files to the page without their paths, and opens one again by its id', async () => {
    const sample = resolve('resources/samples/co-person.xlsx')
    env.core.app.files.remember({ path: sample, name: 'co-person.xlsx' })
    const settings = await env.dispatch('settings:get', undefined)
    if (!settings.ok) throw new Error(settings.error.message)
    expect(JSON.stringify(settings.value)).not.toContain(resolve('resources'))
    const { recentFiles } = settings.value as ChannelOutput<'settings:get'>
    const recent = recentFiles.find((file) => file.name === 'co-person.xlsx')
    expect(recent).toMatchObject({ folder: 'samples' })
    expect(await env.dispatch('files:openRecent', { id: recent!.id })).toMatchObject({
      ok: true,
      value: { name: 'co-person.xlsx' }
    })
    expect(await env.dispatch('files:openRecent', { id: 'not-a-recent-file' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' }
    })
  })

  it('refuses settings values outside the schema with the field named', async () => {
    const result = await env.dispatch('settings:update', { concurrency: 500 })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
    if (!result.ok) expect(result.error.message).toContain('concurrency')
  })
})
