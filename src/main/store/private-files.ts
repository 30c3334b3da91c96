// Files and folders Lote keeps for itself are its user's alone: folders 0700, files 0600. New ones are made
// that way (the process's umask); folders made by older versions (0755 folders, 0644 files) are tightened at
// start. Windows keeps its own ACLs: the user profile folder is already private there.
import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  writeSync
} from 'node:fs'
import { join } from 'node:path'

const POSIX = process.platform !== 'win32'

/** Makes everything this process creates private to its user (0700 folders, 0600 files). */
export function usePrivateUmask(): void {
  if (!POSIX) return
  try {
    process.umask(0o077)
  } catch {
    // Worker threads cannot change the umask; the main thread already did.
  }
}

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (POSIX) chmodSync(dir, 0o700)
}

/** Writes a whole file, readable by its owner only, replacing any earlier one only once complete. */
export function writePrivateFile(path: string, data: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`
  const fd = openSync(temporary, 'w', 0o600)
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
}

/** Tightens a data folder made by an older version: folders 0700, files 0600; symbolic links are not followed. */
export function tightenPermissions(dir: string): { changed: number } {
  if (!POSIX) return { changed: 0 }
  let changed = 0
  const visit = (path: string): void => {
    let stat
    try {
      stat = lstatSync(path)
    } catch {
      return // removed meanwhile
    }
    if (stat.isSymbolicLink()) return
    const wanted = stat.isDirectory() ? 0o700 : 0o600
    if ((stat.mode & 0o777) !== wanted) {
      try {
        chmodSync(path, wanted)
        changed++
      } catch {
        // Not ours (another user's file in a shared folder): leave it, it is not Lote's to change.
      }
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name))
  }
  visit(dir)
  return { changed }
}
