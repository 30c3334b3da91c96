// `npm start`: the desktop app in development mode, or a clear way out when Electron is not installed.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function electronBinaryPresent() {
  try {
    const dir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(dir, 'path.txt')
    return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()))
  } catch {
    return false
  }
}

if (!electronBinaryPresent() && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.error(
    [
      'The Electron binary is not installed, so the desktop window cannot open.',
      'It is downloaded by `npm install` on a machine that can reach electronjs.org.',
      '',
      'Run the same app in your browser instead:',
      '',
      '    npm run start:web',
      ''
    ].join('\n')
  )
  process.exit(1)
}

const child = spawn(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'dev'], {
  stdio: 'inherit'
})
child.on('exit', (code) => process.exit(code ?? 0))
