// A small disk that can be filled, for tests of what Lote does when the disk is full: a real tmpfs of a few
// megabytes where the machine lets the test mount one (root on Linux), otherwise null and the test says so.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SmallDisk {
  dir: string
  /** Writes a file that takes all the space left but `leaveBytes` (about); returns its path. */
  fill(leaveBytes?: number): string
  /** Removes what fill() wrote. */
  free(path: string): void
  unmount(): void
}

export function mountSmallDisk(megabytes = 16): SmallDisk | null {
  if (process.platform !== 'linux') return null
  const dir = mkdtempSync(join(tmpdir(), 'lote-small-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'ignore' })
  } catch {
    rmSync(dir, { recursive: true, force: true })
    return null
  }
  return {
    dir,
    fill(leaveBytes = 0) {
      const path = join(dir, `filler-${Date.now()}-${Math.random().toString(16).slice(2)}`)
      const chunk = Buffer.alloc(256 * 1024, 1)
      // Write until the disk says ENOSPC; then a few small writes take the last blocks.
      for (let size = chunk.length; size >= 512; size = Math.floor(size / 2)) {
        try {
          for (;;) writeFileSync(path, chunk.subarray(0, size), { flag: 'a' })
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
        }
      }
      if (leaveBytes > 0) truncateSync(path, Math.max(0, statSync(path).size - leaveBytes))
      return path
    },
    free(path) {
      rmSync(path, { force: true })
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
}
