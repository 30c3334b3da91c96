// The audit log's vocabulary, shared by the backend, the screen and the `lote audit` command.
import { z } from 'zod'

export const AUDIT_ACTIONS = [
  'batch.started',
  'file.imported',
  'export.written',
  'check.deleted',
  'decision.recorded',
  'batch.deleted',
  'person.erased',
  'retention.purged',
  'retention.extended',
  'key.added',
  'key.replaced',
  'key.removed',
  'settings.changed',
  'store.encrypted'
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEntry {
  seq: number
  /** ISO time. */
  at: string
  /** The operating-system account that acted. */
  user: string
  /** The connection (profile id) in use, when the action involved one. */
  connection: string | null
  action: AuditAction
  /** Ids, counts, formats and names Lote chose: never a person's name or document number. */
  details: Record<string, unknown>
  /** Hash of the entry before (64 zeros for the first). */
  prev: string
  hash: string
}

export type AuditBreak = {
  /** 1-based line of the file. */
  line: number
  seq: number
  reason: 'unreadable' | 'sequence' | 'previous-hash' | 'hash' | 'truncated' | 'missing'
}

export type AuditVerification =
  { ok: true; entries: number; lastHash: string } | { ok: false; entries: number; brokenAt: AuditBreak }

export const auditQuerySchema = z
  .object({
    since: z.string().max(40).optional(),
    until: z.string().max(40).optional(),
    actions: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).optional()
  })
  .strict()
export type AuditQuery = z.infer<typeof auditQuerySchema>
