// Electron's utility process, played by a Node child process for the desktop shell's tests: the module runs
// with `process.parentPort` (messages arrive as { data }), carried over Node's IPC channel.
import { EventEmitter } from 'node:events'
import { pathToFileURL } from 'node:url'

const parentPort = new EventEmitter()
parentPort.postMessage = (message) => process.send(message)
process.on('message', (data) => parentPort.emit('message', { data, ports: [] }))
process.parentPort = parentPort

const [entry, ...args] = process.argv.slice(2)
process.argv = [process.argv[0], entry, ...args]
await import(pathToFileURL(entry).href)
