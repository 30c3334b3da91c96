// Two processes writing one results database: a write transaction waits for the other's lock (an immediate
// transaction under the busy timeout) instead of failing with "database is locked".
import { afterAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { Database } from '../../../src/main/store/results/database'
import { makeTempDir } from '../../helpers/env'
import { testStoreKey } from '../../helpers/store-key'

const dir = makeTempDir('lote-transactions-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Another process that takes the write lock, signals it, holds it for `ms`, then commits. */
function holdWriteLock(
  file: string,
  ms: number
): Promise<{ held: Promise<void>; done: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const Database = require('better-sqlite3-multiple-ciphers')
       const db = new Database(${JSON.stringify(file)})
       db.pragma("cipher = 'sqlcipher'")
       db.pragma('legacy = 4')
       db.pragma(\`key = "x'${testStoreKey().hex}'"\`)
       db.pragma('busy_timeout = 5000')
       db.exec('BEGIN IMMEDIATE')
       db.prepare('UPDATE counter SET n = n + 1000').run()
       process.stdout.write('held\\n')
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms})
       db.exec('COMMIT')
       db.close()`
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const held = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return Promise.resolve({ held, done })
}

describe('write transactions across processes', () => {
  it('a read-then-write transaction waits for another process’s write instead of failing', async () => {
    const file = join(dir, 'lote.db')
    const db = new Database(file, { kind: 'encrypted', key: testStoreKey() })
    db.connection.exec('CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0);')
    const other = await holdWriteLock(file, 400)
    await other.held
    // Read, then write from what was read: the classic lost-update shape.
    const result = db.transaction(() => {
      const { n } = db.sql('SELECT n FROM counter').get() as { n: number }
      db.sql('UPDATE counter SET n = ?').run(n + 1)
      return n
    })
    expect(await other.done).toBe(0)
    // It waited for the other commit and read its value: nothing lost, nothing failed.
    expect(result).toBe(1000)
    expect((db.sql('SELECT n FROM counter').get() as { n: number }).n).toBe(1001)
    db.close()
  })
})
