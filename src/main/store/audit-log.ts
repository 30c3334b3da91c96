// The audit log: who did what to personal data, and when. One JSON object per line in <dataDir>/audit/audit.jsonl,
// appended only. Each entry carries the hash of the one before it (SHA-256 over the previous hash and the
// entry's own canonical text), so an edited, removed or reordered entry breaks the chain from that entry on,
// and `verify` says where. It holds no personal data: ids of checks and batches, counts, formats, file names
// Lote wrote, never a name or a document number. It is not encrypted, so an auditor can read and verify it
// without the store key; the chain's newest hash is also kept inside the encrypted store (`anchor`), so a log
// cut short or rewritten whole does not match it.
import { createHash } from 'node:crypto'
import { appendFileSync, closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs'
import { userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import type { AuditAction, AuditEntry, AuditVerification } from '../../shared/audit'
import { ensurePrivateDir } from './private-files'

export const AUDIT_FILE = join('audit', 'audit.jsonl')
const GENESIS = '0'.repeat(64)

/** Who is acting: the operating-system account, and the connection in use when there is one. */
export interface Actor {
  user: string
  connection: string | null
}

export function osUser(): string {
  try {
    return userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown'
  }
}

type Unhashed = Omit<AuditEntry, 'hash'>

/** The text an entry's hash covers: its fields in a fixed order, the previous hash included. */
function canonical(entry: Unhashed): string {
  return JSON.stringify([
    entry.seq,
    entry.at,
    entry.user,
    entry.connection,
    entry.action,
    entry.details,
    entry.prev
  ])
}

function hashOf(entry: Unhashed): string {
  return createHash('sha256').update(canonical(entry)).digest('hex')
}

/** The last line of a file, read from its end (the log may be long). */
function lastLine(path: string): string | null {
  if (!existsSync(path)) return null
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    let chunk = 4096
    for (;;) {
      const start = Math.max(0, size - chunk)
      const buffer = Buffer.alloc(size - start)
      readSync(fd, buffer, 0, buffer.length, start)
      const text = buffer.toString('utf8').replace(/\n+$/, '')
      const at = text.lastIndexOf('\n')
      if (at >= 0 || start === 0) return text.slice(at + 1) || null
      chunk *= 4
    }
  } finally {
    closeSync(fd)
  }
}

export interface AuditFilter {
  since?: string
  until?: string
  actions?: AuditAction[]
}

/** What the application modules need of the log: a way to add an entry. */
export type Auditor = Pick<AuditLog, 'record'>

export class AuditLog {
  readonly file: string

  constructor(
    dataDir: string,
    private readonly actor: () => Actor,
    private readonly now: () => Date = () => new Date(),
    /** Called with the newest hash after each append (the encrypted store keeps it). */
    private readonly onAppend?: (entry: AuditEntry) => void,
    /**
     * Runs an append alone among every process sharing the folder (the desktop app, lote serve and lote
     * commands write the same log): two appends at once would give two entries the same number.
     */
    private readonly exclusively: <T>(work: () => T) => T = (work) => work()
  ) {
    this.file = join(dataDir, AUDIT_FILE)
  }

  /** Appends one entry. `details` must hold no personal data: ids, counts, formats, names Lote chose. */
  record(action: AuditAction, details: Record<string, unknown> = {}, actor: Partial<Actor> = {}): AuditEntry {
    return this.exclusively(() => this.append(action, details, actor))
  }

  private append(action: AuditAction, details: Record<string, unknown>, actor: Partial<Actor>): AuditEntry {
    ensurePrivateDir(dirname(this.file))
    const last = lastLine(this.file)
    const previous = last ? (JSON.parse(last) as AuditEntry) : null
    const who = { ...this.actor(), ...actor }
    const unhashed: Unhashed = {
      seq: previous ? previous.seq + 1 : 1,
      at: this.now().toISOString(),
      user: who.user,
      connection: who.connection,
      action,
      details,
      prev: previous ? previous.hash : GENESIS
    }
    const entry: AuditEntry = { ...unhashed, hash: hashOf(unhashed) }
    appendFileSync(this.file, JSON.stringify(entry) + '\n', { mode: 0o600 })
    this.onAppend?.(entry)
    return entry
  }

  /** Every entry that parses, oldest first, filtered. */
  list(filter: AuditFilter = {}): AuditEntry[] {
    if (!existsSync(this.file)) return []
    const entries: AuditEntry[] = []
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue
      try {
        entries.push(JSON.parse(line) as AuditEntry)
      } catch {
        // A damaged line is reported by verify(); the list shows what can be read.
      }
    }
    return entries.filter(
      (entry) =>
        (!filter.since || entry.at >= filter.since) &&
        (!filter.until || entry.at <= filter.until) &&
        (!filter.actions || filter.actions.length === 0 || filter.actions.includes(entry.action))
    )
  }

  /**
   * Walks the chain from the first entry. The first entry whose text, sequence or hash does not follow from
   * the one before is where the log was changed. `anchor` is the newest hash the encrypted store knows.
   */
  verify(anchor?: { seq: number; hash: string } | null): AuditVerification {
    if (!existsSync(this.file))
      return anchor
        ? { ok: false, entries: 0, brokenAt: { line: 1, seq: 1, reason: 'missing' } }
        : { ok: true, entries: 0, lastHash: GENESIS }
    const lines = readFileSync(this.file, 'utf8').split('\n')
    if (lines.at(-1) === '') lines.pop()
    let prev = GENESIS
    let seq = 0
    let anchored: string | undefined
    for (let index = 0; index < lines.length; index++) {
      const line = index + 1
      let entry: AuditEntry
      try {
        entry = JSON.parse(lines[index]) as AuditEntry
      } catch {
        return { ok: false, entries: index, brokenAt: { line, seq: seq + 1, reason: 'unreadable' } }
      }
      const { hash, ...unhashed } = entry
      if (entry.seq !== seq + 1)
        return { ok: false, entries: index, brokenAt: { line, seq: seq + 1, reason: 'sequence' } }
      if (entry.prev !== prev)
        return { ok: false, entries: index, brokenAt: { line, seq: entry.seq, reason: 'previous-hash' } }
      if (hashOf(unhashed) !== hash)
        return { ok: false, entries: index, brokenAt: { line, seq: entry.seq, reason: 'hash' } }
      prev = hash
      seq = entry.seq
      if (anchor && seq === anchor.seq) anchored = hash
    }
    // The store knows a later entry than the file holds (cut short), or another hash for it (rewritten).
    if (anchor && anchor.seq > seq)
      return { ok: false, entries: seq, brokenAt: { line: seq + 1, seq: seq + 1, reason: 'truncated' } }
    if (anchor && anchored !== anchor.hash)
      return { ok: false, entries: seq, brokenAt: { line: anchor.seq, seq: anchor.seq, reason: 'hash' } }
    return { ok: true, entries: seq, lastHash: prev }
  }
}
