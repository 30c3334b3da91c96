// The desktop app starts the processes that read spreadsheets with Electron's utilityProcess: the packaged app
// turns the RunAsNode fuse off, so Node's child_process.fork cannot start a Node process from it.
import { utilityProcess } from 'electron'
import type { ReaderLauncher } from '../sheets/workers'

export const utilityReaderLauncher: ReaderLauncher = (entry, args, execArgv) => {
  const child = utilityProcess.fork(entry, args, {
    execArgv,
    stdio: ['ignore', 'ignore', 'pipe'],
    serviceName: 'Lote spreadsheet reader'
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (text: string) => (stderr = (stderr + text).slice(-4000)))
  let exited = false
  return {
    postMessage: (message) => {
      if (!exited) child.postMessage(message)
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) =>
      child.once('exit', (code) => {
        exited = true
        listener(code, stderr)
      }),
    kill: () => {
      if (!exited) child.kill()
    }
  }
}
