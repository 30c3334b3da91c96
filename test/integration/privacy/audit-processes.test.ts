// The desktop app, lote serve and lote commands share one data folder and so one audit log: appends from
// several processes at once must still make one unbroken chain (each append holds the store's write lock).
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { captureIo } from '../../helpers/cli-io'
import { testStoreKey } from '../../helpers/store-key'
import { makeTempDir } from '../../helpers/env'

const dir = makeTempDir('lote-audit-processes-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function append(name: string, count: number, startAt: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/audit-in-child.ts', dir, String(count), name, String(startAt)],
      { stdio: ['ignore', 'ignore', 'inherit'] }
    )
    child.once('exit', (code) => resolve(code))
  })
}

describe('the audit log shared by several processes', () => {
  it('keeps one unbroken chain when three processes append at the same time', async () => {
    // The folder exists already, as it does for every process but the first.
    new ResultsStore(join(dir, 'lote.db'), testStoreKey()).close()
    const startAt = Date.now() + 4000
    const codes = await Promise.all(['uno', 'dos', 'tres'].map((name) => append(name, 300, startAt)))
    expect(codes).toEqual([0, 0, 0])
    const io = captureIo(dir)
    const code = await main(['audit', '--verify', '--data-dir', dir], io)
    expect(code, io.errors.join('\n')).toBe(0)
    expect(io.lines.join('\n')).toMatch(/intact: 900 entries/)
  })
})
