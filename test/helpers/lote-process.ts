// Starts the real `lote` command in a process of its own, as an analyst runs it from a terminal: the same
// entry (bin/lote.js), the test's data folder, plain output, and what it printed kept as it grows.
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { afterAll, beforeAll } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server'
import { makeTempDir } from './env'

export const LOTE_BIN = resolve(import.meta.dirname, '../../bin/lote.js')

export interface LoteExit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface LoteProcess {
  child: ChildProcessByStdio<null, Readable, Readable>
  /** What it printed so far, standard output and error as they came. */
  output(): string
  /** Its standard output alone (whole lines, however the error output interleaves). */
  stdout(): string
  exited: Promise<LoteExit>
  /** Ends it as a crash would: SIGKILL, no chance to clean up. */
  kill(): void
}

export interface LoteProcessOptions {
  cwd?: string
  /** The data folder (LOTE_DATA_DIR); the command's own flags may still name another. */
  dataDir?: string
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv
  /** Called whenever it prints, with everything printed so far. */
  onOutput?: (output: string, lote: LoteProcess) => void
}

export function startLote(args: string[], options: LoteProcessOptions = {}): LoteProcess {
  const child = spawn(process.execPath, [LOTE_BIN, ...args], {
    cwd: options.cwd,
    env: {
      ...process.env,
      ...(options.dataDir ? { LOTE_DATA_DIR: options.dataDir } : {}),
      NO_COLOR: '1',
      ...options.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  let stdout = ''
  const lote: LoteProcess = {
    child,
    output: () => output,
    stdout: () => stdout,
    exited: new Promise((done) => child.once('exit', (code, signal) => done({ code, signal }))),
    kill: () => void child.kill('SIGKILL')
  }
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    output += chunk.toString()
    options.onOutput?.(output, lote)
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    options.onOutput?.(output, lote)
  })
  return lote
}

/** Runs `lote` to its end; resolves with how it ended and what it printed. */
export async function runLote(
  args: string[],
  options: LoteProcessOptions = {}
): Promise<LoteExit & { output: string; stdout: string }> {
  const lote = startLote(args, options)
  const exit = await lote.exited
  return { ...exit, output: lote.output(), stdout: lote.stdout() }
}

export interface LoteProcessSetup {
  /** A Sandbox that answers a little late and fails some requests: requests are in flight when a kill lands. */
  sandbox: RunningSandbox
  /** The test's folder: people.csv is in it; `data` is the data folder. */
  dir: string
}

/**
 * What tests that run `lote` in processes of their own against a Sandbox share, made before the file's tests and
 * removed after: the Sandbox (`seed`, `faultRate`) and people.csv, `rows` Colombian people with a cédula each,
 * from `firstId` on, none repeated.
 */
export function useLoteProcessSetup(options: {
  rows: number
  firstId: number
  seed: number
  faultRate: number
}): LoteProcessSetup {
  const setup = {} as LoteProcessSetup
  beforeAll(async () => {
    setup.sandbox = await startSandbox({
      port: 0,
      timeScale: 400,
      seed: options.seed,
      outageRate: 0,
      latencyMs: 15,
      faultRate: options.faultRate
    })
    setup.dir = makeTempDir('lote-processes-')
    const lines = ['Nombre,Apellido,Cedula']
    for (let i = 0; i < options.rows; i++) lines.push(`Ana,Rojas,${options.firstId + i * 100 + (i % 40)}`)
    writeFileSync(join(setup.dir, 'people.csv'), lines.join('\n'))
  })
  afterAll(async () => {
    await setup.sandbox?.close()
    if (setup.dir) rmSync(setup.dir, { recursive: true, force: true })
  })
  return setup
}
