// `lote sandbox` as a user runs it: the address on the first line, knobs from flags, clean stop on SIGTERM.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { LOTE_BIN as BIN } from '../../helpers/lote-process'

describe('lote sandbox', () => {
  it('prints its address first, applies its flags, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'sandbox', '--port', '0', '--seed', '7', '--time-scale', '50', '--rate-limit', '40'],
      {
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    const lines = createInterface({ input: child.stdout })
    const [first] = (await once(lines, 'line')) as [string]
    expect(first).toMatch(/^Sandbox listening on http:\/\/127\.0\.0\.1:\d+$/)
    const url = first.replace('Sandbox listening on ', '')
    const knobs = (await (await fetch(`${url}/__sandbox/config`)).json()) as Record<string, unknown>
    expect(knobs).toMatchObject({ seed: 7, timeScale: 50, rateLimit: 40 })
    const created = await fetch(`${url}/v1/checks`, {
      method: 'POST',
      headers: { 'Truora-API-Key': 'any-key', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'country=CO&type=person&user_authorized=true&national_id=1020304000'
    })
    expect(created.status).toBe(201)
    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number]
    expect(code).toBe(0)
  })

  it('takes the unusual-answer knobs from its flags', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'sandbox',
        '--unknown-status-rate',
        '0.25',
        '--unknown-status',
        'manual_review',
        '--stuck-rate',
        '0.1',
        '--omit-report-id',
        '--list-shape',
        'unknown'
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    try {
      const lines = createInterface({ input: child.stdout })
      const [first] = (await once(lines, 'line')) as [string]
      const url = first.replace('Sandbox listening on ', '')
      const knobs = (await (await fetch(`${url}/__sandbox/config`)).json()) as Record<string, unknown>
      expect(knobs).toMatchObject({
        unknownStatusRate: 0.25,
        unknownStatus: 'manual_review',
        stuckRate: 0.1,
        omitReportId: true,
        listShape: 'unknown'
      })
    } finally {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })

  it('refuses a bad flag value with exit code 2', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--fault-rate', '3'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = (await once(child, 'exit')) as [number]
    expect(code).toBe(2)
    expect(stderr).toContain('--fault-rate got "3"')
  })
})
