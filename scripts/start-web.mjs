// `npm run start:web`: builds the interface and serves the app in the browser (lote serve).
// Lote keeps its store's key in the system keychain. A Linux machine without a desktop session has no D-Bus
// session bus and so no keychain; there the key is kept in a file only this user can read, outside the data
// folder (a copied data folder stays unreadable without it), and the terminal says where.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronViteCommand } from './electron-binary.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

if (!process.env.LOTE_SKIP_BUILD) {
  const build = spawnSync(process.execPath, [electronViteCommand(), 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const args = [join(root, 'bin', 'lote.js'), 'serve', ...process.argv.slice(2)]
const noKeychain = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS
if (noKeychain && !process.env.LOTE_STORE_KEY && !args.includes('--store-key-file')) {
  const dir = join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'lote-store-key')
  const file = join(dir, 'store.key')
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  }
  console.log(
    `No keychain answers on this machine (no desktop session), so the key of Lote's encrypted data is kept in\n` +
      `${file}, readable by you only. Keep it: without it the data cannot be read.\n`
  )
  args.push('--store-key-file', file)
}

const child = spawn(process.execPath, args, { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
