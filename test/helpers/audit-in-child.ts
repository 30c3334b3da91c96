// Run as a child process by the audit log test: appends entries to a data folder's audit log as a Core does
// (each append under the store's write lock), so several processes can append at once.
import { join } from 'node:path'
import { AuditLog } from '../../src/main/store/audit-log'
import { ResultsStore } from '../../src/main/store/results/results-store'
import { testStoreKey } from './store-key'

const [dataDir, count, name, startAt] = process.argv.slice(2)
const store = new ResultsStore(join(dataDir, 'lote.db'), testStoreKey())
const audit = new AuditLog(
  dataDir,
  () => ({ user: name, connection: null }),
  undefined,
  (entry) => store.privacy.setAuditAnchor(entry.seq, entry.hash),
  (work) => store.db.transaction(work)
)
// Every child starts appending at the same moment, so their appends interleave.
while (Date.now() < Number(startAt ?? 0)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5)
for (let i = 0; i < Number(count); i++) audit.record('settings.changed', { setting: 'test', value: i })
store.close()
console.log('appended')
