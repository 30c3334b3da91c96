// Fetches the Electron binary for `npm start` on machines that can reach electronjs.org.
// Offline, it only warns: everything else (CLI, tests, the browser host) works without it.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  process.exit(0)
}

let installScript
try {
  installScript = require.resolve('electron/install.js')
} catch {
  process.exit(0) // production install without devDependencies
}

if (existsSync(installScript)) {
  const result = spawnSync(process.execPath, [installScript], { stdio: 'pipe', timeout: 120_000 })
  if (result.status !== 0) {
    console.warn(
      'lote: the Electron binary could not be downloaded, so `npm start` will not open a window.\n' +
        'lote: use `npm run start:web` to run the same app in your browser.'
    )
  }
}
