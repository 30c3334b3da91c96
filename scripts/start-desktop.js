// `npm start`: the desktop app in development mode, or a clear way out when Electron is not installed.
import { spawn } from 'node:child_process'
import { electronBinary, electronViteCommand, MISSING_ELECTRON_REASON } from './electron-binary.mjs'

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

const child = spawn(process.execPath, [electronViteCommand(), 'dev'], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
