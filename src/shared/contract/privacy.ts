// The contract of privacy and the audit log: finding and erasing a person, how long finished batches keep
// personal data, and the tamper-evident log of who did what.
import { z } from 'zod'
import { auditQuerySchema, type AuditEntry, type AuditVerification } from '../audit'
import {
  personQuerySchema,
  retentionSchema,
  type Erasure,
  type PersonSearch,
  type Retention,
  type RetentionState
} from '../privacy'
import { batchId, downloadSchema, none, profileId } from './fields'

export const privacyChannels = {
  /** Every trace of a person (document number or name) across batches, drafts and stored files. */
  'privacy:findPerson': { input: personQuerySchema, output: z.custom<PersonSearch>() },
  /** Erases what `privacy:findPerson` finds, in one step; `atTruora` also deletes the checks at Truora. */
  'privacy:erasePerson': {
    input: z.object({ query: personQuerySchema, atTruora: z.boolean() }).strict(),
    output: z.custom<Erasure>()
  },
  /** Finished batches with when their personal data will be purged. */
  'privacy:retention': { input: none, output: z.array(z.custom<RetentionState>()) },
  'privacy:setRetention': {
    input: z.object({ profileId, retention: retentionSchema }).strict(),
    output: z.custom<Retention>()
  },
  'privacy:extendRetention': {
    input: z
      .object({
        batchId,
        days: z.number().int().min(1).max(3650),
        reason: z.string().trim().min(3, 'Say why this batch is kept longer.').max(500)
      })
      .strict(),
    output: z.custom<RetentionState>()
  },
  'audit:list': { input: auditQuerySchema, output: z.array(z.custom<AuditEntry>()) },
  'audit:verify': { input: none, output: z.custom<AuditVerification>() },
  'audit:export': {
    input: z
      .object({
        format: z.enum(['csv', 'pdf']),
        query: auditQuerySchema,
        lang: z.enum(['es', 'en', 'pt-BR'])
      })
      .strict(),
    output: downloadSchema
  }
} as const
