// Faults of the disk under the data folder — full, read-only, failing, or a database lock held too long —
// told apart from every other error, because they mean "wait and try again", never "stop" or "crash".

const SQLITE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|PROTOCOL)/
const FS_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EMFILE', 'ENFILE'])

/** Whether an error comes from the disk or the database file rather than from Lote's logic or the network. */
export function isStorageFault(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false
    const code = 'code' in current ? String((current as { code: unknown }).code) : ''
    if (SQLITE_CODES.test(code) || FS_CODES.has(code)) return true
    current = 'cause' in current ? (current as { cause: unknown }).cause : undefined
  }
  return false
}

/** Whether the fault is the disk being full (the one the analyst can fix by freeing space). */
export function isDiskFull(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false
    const code = 'code' in current ? String((current as { code: unknown }).code) : ''
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true
    current = 'cause' in current ? (current as { cause: unknown }).cause : undefined
  }
  return false
}

/** What an analyst reads when a change could not be saved because of the disk: nothing was lost, what to do. */
export function storageFaultMessage(error: unknown): string {
  return isDiskFull(error)
    ? 'The disk holding Lote’s data is full, so this could not be saved. Nothing else was lost: free some space and try again.'
    : 'Lote could not write to its data folder (the disk failed, is read-only, or another program held the database too long), so this could not be saved. Nothing else was lost: try again.'
}
