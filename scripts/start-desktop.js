// `npm start`: the desktop app in development mode, or a clear way out when Electron is not installed.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { electronBinary, MISSING_ELECTRON_REASON } from './electron-binary.mjs'

const require = createRequire(import.meta.url)

if (!electronBinary()) {
  console.error(
    [
      `${MISSING_ELECTRON_REASON} The desktop window cannot open.`,
      '',
      'Run the same app in your browser instead:',
      '',
      '    npm run start:web',
      ''
    ].join('\n')
  )
  process.exit(1)
}

const child = spawn(
  process.execPath,
  [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'dev'],
  {
    stdio: 'inherit'
  }
)
child.on('exit', (code) => process.exit(code ?? 0))
