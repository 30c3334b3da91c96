// A batch's beginning: its draft record, and the analyst's confirmation that every person checked authorised
// it (required before it starts), with the signed consent files given as evidence kept beside it, sealed.
import { createHash, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { safeFileName } from '../file-names'
import type { ResultsStore } from '../store/results/results-store'
import type { ImportedRow } from '../../shared/sheets/types'
import {
  AUTHORIZATION_STATEMENT,
  DEFAULT_BATCH_OPTIONS,
  type BatchOptions,
  type BatchSummary,
  type ConsentEvidence,
  type NewBatch
} from '../../shared/batch'

/** What the analyst confirmed, and the consent files they gave as evidence. */
export interface Authorization {
  profileId: string
  statement?: string
  confirmedAt?: string
  evidence?: Omit<ConsentEvidence, 'files'> & { files: { name: string; bytes: Buffer }[] }
}

function newBatchId(): string {
  const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '')
  return `b${stamp}-${randomBytes(4).toString('hex')}`
}

/** A new draft batch record, with its rows when given. */
export function createDraftBatch(
  store: Pick<ResultsStore, 'batches' | 'drafts'>,
  input: NewBatch,
  rows: ImportedRow[]
): BatchSummary {
  const id = newBatchId()
  const options: BatchOptions = { ...DEFAULT_BATCH_OPTIONS, ...input.options }
  store.batches.create({
    id,
    name: input.name ?? input.fileName ?? id,
    fileName: input.fileName ?? null,
    sheet: input.sheet ?? null,
    mapping: input.mapping,
    country: input.country ?? input.mapping.defaults.country ?? null,
    type: input.type ?? input.mapping.defaults.type ?? null,
    engine: input.engine ?? 'direct',
    profileId: input.profileId ?? null,
    options
  })
  if (rows.length > 0) store.drafts.add(id, rows)
  return store.batches.get(id)
}

/**
 * Records the analyst's confirmation. Signed consent files given as evidence are kept with the batch under
 * <dataDir>/files/<batch id>/consent/, sealed (they go when the batch is deleted or purged), and the evidence
 * names them by size and SHA-256.
 */
export function recordAuthorization(
  store: Pick<ResultsStore, 'batches' | 'ledger'>,
  dataDir: string,
  batchId: string,
  input: Authorization & { confirmedAt: string }
): void {
  let evidence: ConsentEvidence | null = null
  if (input.evidence) {
    const folder = join(dataDir, 'files', batchId, 'consent')
    const files = input.evidence.files.map((file, index) => {
      const name = safeFileName(file.name, 'consent')
      // Named by position on disk: the analyst's file name may name a person, and stays in the encrypted store.
      store.ledger.saveFile(
        { batchId, checkId: null, kind: 'consent', path: join(folder, `${index + 1}.sealed`) },
        file.bytes
      )
      return {
        name,
        bytes: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex')
      }
    })
    evidence = { ...input.evidence, files }
  }
  store.batches.authorize(batchId, {
    confirmedAt: input.confirmedAt,
    profileId: input.profileId,
    statement: input.statement ?? AUTHORIZATION_STATEMENT,
    evidence
  })
}
