// The Sandbox that runs inside the app for the Sandbox connection: quick checks, on a free local port. Its
// state (the checks it made, their inputs included) is kept in the data folder, sealed with the store key like
// every other file there, so a batch resumed after a restart finds its checks as it would on Truora.
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../log'
import { startSandbox } from '../sandbox/server'
import type { StoredCheck } from '../sandbox/check-store'
import { parseSandboxState, type SandboxState } from '../sandbox/state'
import type { FileVault } from '../store/sealed-files'
import type { RunningSandbox } from './connections'

/** Seconds of simulated time per real second: checks finish in a few seconds, as a demo should. */
const BUILT_IN_TIME_SCALE = 20

/** A change is written at most this long after it happened (and at once when the Sandbox stops). */
const SAVE_DELAY_MS = 200

/** Where the built-in Sandbox keeps its state: the data folder, and the store key's vault. */
export interface SandboxPlace {
  dataDir: string
  vault: FileVault
  log?: Logger
}

/** The built-in Sandbox's state file in a data folder. */
export function sandboxStatePath(dataDir: string): string {
  return join(dataDir, 'sandbox', 'state.sealed')
}

/**
 * Starts the built-in Sandbox. With a place, it goes on from the state kept there and keeps its own; without
 * one (tests, a throwaway run), it starts empty and keeps nothing.
 */
export async function launchBuiltInSandbox(place?: SandboxPlace): Promise<RunningSandbox> {
  if (!place) {
    const sandbox = await startSandbox({ port: 0, timeScale: BUILT_IN_TIME_SCALE })
    return { url: sandbox.url, close: () => sandbox.close() }
  }
  const keeper = new StateKeeper(place)
  const sandbox = await startSandbox({
    port: 0,
    timeScale: BUILT_IN_TIME_SCALE,
    state: keeper.load() ?? undefined,
    onChange: () => keeper.soon(),
    // A `lote run` beside the app made it: it is in the kept state (once that process wrote it).
    findElsewhere: (checkId) => keeper.find(checkId)
  })
  keeper.source = () => sandbox.snapshot()
  return {
    url: sandbox.url,
    close: async () => {
      await sandbox.idle()
      keeper.now()
      await sandbox.close()
    },
    forget: (checkIds) => {
      if (checkIds.length === 0) return
      sandbox.forget(checkIds)
      keeper.forgotten(checkIds)
      keeper.now()
    }
  }
}

/** Reads and writes the sealed state file; writes are gathered so a busy batch does not write per request. */
class StateKeeper {
  source: (() => SandboxState) | null = null
  private timer: NodeJS.Timeout | null = null
  /** Checks forgotten here: never taken back from what another process wrote. */
  private readonly gone = new Set<string>()
  private readonly path: string

  constructor(private readonly place: SandboxPlace) {
    this.path = sandboxStatePath(place.dataDir)
  }

  /** The kept state, or null when there is none or it cannot be read (then it is set aside, never used). */
  load(): SandboxState | null {
    if (!existsSync(this.path)) return null
    try {
      const state = parseSandboxState(this.place.vault.read(this.path).toString('utf8'))
      if (state) return state
      this.place.log?.warn('The built-in Sandbox state is not one this version reads; it starts afresh')
    } catch (error) {
      this.place.log?.warn('The built-in Sandbox state could not be read; it starts afresh', error)
    }
    // Sealed like the rest: set aside rather than deleted, so a store key given by mistake loses nothing.
    renameSync(this.path, `${this.path}.unreadable-${Date.now()}`)
    return null
  }

  forgotten(checkIds: readonly string[]): void {
    for (const id of checkIds) this.gone.add(id)
  }

  soon(): void {
    if (this.timer) return
    this.timer = setTimeout(() => this.now(), SAVE_DELAY_MS)
    this.timer.unref()
  }

  /**
   * Writes the state now. Checks another process's Sandbox kept in the same file (a `lote run` beside the app)
   * are kept too, unless they were forgotten here.
   */
  now(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.source) return
    const state = this.source()
    const known = new Set(state.checks.checks.map((check) => check.id))
    const onDisk = this.peek()
    if (onDisk)
      for (const check of onDisk.checks.checks)
        if (!known.has(check.id) && !this.gone.has(check.id)) state.checks.checks.push(check)
    try {
      this.place.vault.write(this.path, Buffer.from(JSON.stringify(state)))
    } catch (error) {
      // A full disk stops nothing here: the Sandbox keeps answering, and writes again at the next change.
      this.place.log?.warn('Could not keep the built-in Sandbox state', error)
    }
  }

  /** A check another process's Sandbox kept in the file, unless it was forgotten here. */
  find(checkId: string): StoredCheck | null {
    if (this.gone.has(checkId)) return null
    return this.peek()?.checks.checks.find((check) => check.id === checkId) ?? null
  }

  private peek(): SandboxState | null {
    try {
      return existsSync(this.path)
        ? parseSandboxState(this.place.vault.read(this.path).toString('utf8'))
        : null
    } catch {
      return null
    }
  }
}
