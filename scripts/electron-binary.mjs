// Where the Electron binary and electron-vite's command are, for npm start, npm run start:web and the desktop
// tests. The binary is found without triggering its download: `require('electron')` downloads it on first use,
// which fails on machines that cannot reach Electron's downloads.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** The Electron executable `npm start` and the desktop tests use, or null when it is not installed. */
export function electronBinary() {
  let dir
  try {
    dir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null // a production install, without devDependencies
  }
  const pathFile = join(dir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist')
  const binary = join(dist, name)
  return existsSync(binary) ? binary : null
}

/**
 * electron-vite's command (a script to run with Node), found beside its package.json: the package's exports do
 * not include it, so resolving it by name fails.
 */
export function electronViteCommand() {
  return join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
}

/** Why the desktop window cannot open here, for the reader of `npm start` or the test output. */
export const MISSING_ELECTRON_REASON =
  'The Electron binary is not installed (node_modules/electron/dist is empty): npm install downloads it on a ' +
  "machine that can reach Electron's downloads."
