import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLogger } from '../../../src/main/log'
import { mountSmallDisk } from '../../helpers/small-disk'

const disk = mountSmallDisk(4)
afterAll(() => disk?.unmount())

describe('the log', () => {
  it.skipIf(!disk)('never throws on a full disk, and writes again once there is space (real tmpfs)', () => {
    const file = join(disk!.dir, 'logs', 'lote.log')
    const log = createLogger({ file })
    log.info('before the disk filled')
    const filler = disk!.fill()
    for (let i = 0; i < 50; i++) {
      expect(() => log.error(`a failure while the disk is full ${i}`, new Error('ENOSPC'))).not.toThrow()
      expect(() => log.warn('another line', { i })).not.toThrow()
    }
    disk!.free(filler)
    log.info('after space came back')
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('before the disk filled')
    expect(text).toContain('after space came back')
    expect(text).toMatch(/WARN \d+ log line\(s\) could not be written/)
  })

  it('never throws when the file system refuses every write (injected ENOSPC)', () => {
    const enospc = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    }
    const log = createLogger({ file: '/nowhere/lote.log', sink: { append: enospc, makeDir: enospc } })
    expect(() => log.error('a failure', new Error('boom'))).not.toThrow()
  })

  it('never throws on values that cannot be printed', () => {
    const log = createLogger({ file: undefined, console: false })
    const hostile = {
      toJSON() {
        throw new Error('no')
      },
      toString() {
        throw new Error('no')
      }
    }
    expect(() => log.error('odd value', hostile)).not.toThrow()
  })

  it('still redacts registered secrets', () => {
    const lines: string[] = []
    const log = createLogger({
      file: '/virtual/lote.log',
      sink: { append: (_file, text) => lines.push(text), makeDir: () => undefined }
    })
    log.addSecret('super-secret-key-123')
    log.error('request failed with super-secret-key-123')
    expect(lines.join('')).not.toContain('super-secret-key-123')
    expect(lines.join('')).toContain('[redacted]')
  })
})
