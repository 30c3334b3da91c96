// Run as a child process by the migration tests: encrypts a plaintext store the way a start does (taking the
// migration lock). With "kill" it dies by SIGKILL at the worst moment (the encrypted copy complete, the old
// file not yet replaced, the lock held). With "hold" it says "holding" once it holds the lock with the copy
// made, and keeps the lock until its stdin gets a line, so another process can be started meanwhile.
import { readSync } from 'node:fs'
import { encryptPlaintextStoreOnce } from '../../src/main/store/results/encrypt-store'
import { StoreKey } from '../../src/main/store/store-key'

const [file, keyHex, mode] = process.argv.slice(2)
const moved = encryptPlaintextStoreOnce(file, StoreKey.fromHex(keyHex, 'argv'), {
  hooks: {
    beforeSwap: () => {
      if (mode === 'kill') process.kill(process.pid, 'SIGKILL')
      if (mode === 'hold') {
        process.stdout.write('holding\n')
        readSync(0, Buffer.alloc(1))
      }
    }
  }
})
console.log(moved ? `encrypted ${moved.rows} rows` : 'nothing to do')
