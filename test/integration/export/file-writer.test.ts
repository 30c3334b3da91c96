// A long export writes many chunks faster than the disk takes them: each write that has to wait for the disk
// must leave no listener behind, or Node warns of a leak (MaxListenersExceededWarning) a few writes in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openFileWriter } from '../../../src/main/export/file-writer'
import { makeTempDir } from '../../helpers/env'

const CHUNK = 'x'.repeat(32 * 1024) // twice the stream's buffer: every write waits for the disk
const WRITES = 300

let dir: string
const warnings: Error[] = []
const heard = (warning: Error) => warnings.push(warning)
beforeEach(() => {
  dir = makeTempDir('lote-file-writer-')
  warnings.length = 0
  process.on('warning', heard)
})
afterEach(() => {
  process.off('warning', heard)
  rmSync(dir, { recursive: true, force: true })
})

describe('the export file writer', () => {
  it('waits for the disk on every write without adding a listener each time', async () => {
    const file = join(dir, 'long.csv')
    const out = openFileWriter(file)
    const listening = () => ['drain', 'close', 'error'].map((event) => out.stream.listenerCount(event))
    const before = listening()
    for (let i = 0; i < WRITES; i++) {
      await out.write(CHUNK)
      expect(listening()).toEqual(before)
    }
    await out.close()
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve))
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning')
    expect(readFileSync(file, 'utf8').length).toBe(WRITES * CHUNK.length)
  })
})
