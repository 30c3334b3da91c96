// How exports reach the disk. A file is written under a temporary name beside its target and renamed over it
// only once complete and flushed, so an export cut short (a kill, a full disk, an error) leaves the previous
// file as it was. Streams are opened with their error heard, so a failing disk rejects the export instead of
// crashing the process with an unheard 'error' event.
import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  renameSync,
  rmSync
} from 'node:fs'
import { once } from 'node:events'
import { basename, dirname, join } from 'node:path'
import type { Writable } from 'node:stream'

const PARTIAL = '.partial'

/** Leftovers of earlier exports to this target that were killed before they could clean up. */
function removeLeftovers(target: string): void {
  const prefix = `.${basename(target)}.`
  try {
    for (const name of readdirSync(dirname(target)))
      if (name.startsWith(prefix) && name.endsWith(PARTIAL))
        rmSync(join(dirname(target), name), { force: true })
  } catch {
    // A folder that cannot be listed holds nothing of ours to clean.
  }
}

function flush(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** A fresh temporary name beside `target` (its folder made, earlier leftovers removed). */
function temporaryBeside(target: string): string {
  mkdirSync(dirname(target), { recursive: true })
  removeLeftovers(target)
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}${PARTIAL}`)
}

/** Copies a file so that `target` is either what it was or the whole copy, never a part of it. */
export function copyFileAtomically(source: string, target: string): void {
  const temporary = temporaryBeside(target)
  try {
    copyFileSync(source, temporary)
    flush(temporary)
    renameSync(temporary, target)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/**
 * Writes `target` through `write`, which gets a temporary path to write to. Only a complete file replaces the
 * target; on failure the temporary file is removed and the error passed on.
 */
export async function writeAtomically<T>(
  target: string,
  write: (temporary: string) => Promise<T>
): Promise<T> {
  const temporary = temporaryBeside(target)
  try {
    const result = await write(temporary)
    flush(temporary)
    renameSync(temporary, target)
    return result
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/** A file stream whose writes wait for the disk and reject with the stream's error, never leave it unheard. */
export interface FileWriter {
  stream: Writable
  write(chunk: string | Buffer): Promise<void>
  /** Ends the stream and resolves once everything is written; rejects if anything failed. */
  close(): Promise<void>
}

/**
 * Resolves when the stream can take more, or can take nothing more (closed or failed: the caller looks at the
 * failure). Its listeners are removed whichever comes first, so a long export does not pile up one per write.
 */
function drainedOrClosed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      stream.off('error', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
    stream.on('error', done)
  })
}

export function openFileWriter(path: string): FileWriter {
  const stream = createWriteStream(path)
  let failure: Error | null = null
  stream.on('error', (error) => {
    failure ??= error
  })
  const check = () => {
    if (failure) throw failure
  }
  return {
    stream,
    async write(chunk) {
      check()
      if (!stream.write(chunk)) await drainedOrClosed(stream)
      check()
    },
    async close() {
      check()
      // Wait for the file to be closed, not just flushed: Windows cannot rename a file still open.
      if (!stream.closed) {
        const closed = once(stream, 'close').catch(() => undefined)
        if (!stream.writableEnded) stream.end()
        await closed
      }
      check()
    }
  }
}
