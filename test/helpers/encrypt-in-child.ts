// Run as a child process by the migration test: encrypts a plaintext store and, with "kill", dies by SIGKILL
// at the worst moment (the encrypted copy complete, the old file not yet replaced).
import { encryptPlaintextStore } from '../../src/main/store/results/encrypt-store'
import { StoreKey } from '../../src/main/store/store-key'

const [file, keyHex, mode] = process.argv.slice(2)
encryptPlaintextStore(file, StoreKey.fromHex(keyHex, 'argv'), {
  beforeSwap: mode === 'kill' ? () => process.kill(process.pid, 'SIGKILL') : undefined
})
console.log('encrypted')
