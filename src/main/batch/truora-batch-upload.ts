// Creating Truora's batch and uploading its file, once. The rows are laid out and their tokens recorded before
// anything leaves; Truora is asked for a batch and its one-time upload link only for a file that checks out;
// a creation Truora did not answer is not asked again (it may have made a batch), and the analyst is told what
// they may find on Truora's side. An upload link takes one file: a link that already holds ours is fine.
import { join } from 'node:path'
import { INPUT_NAMES } from '../../shared/checks/inputs'
import { mayHaveReachedServer, TruoraError } from '../truora/errors'
import type { BatchCreated } from '../truora/types'
import type { EnginePhase } from '../../shared/batch'
import { writeBatchFile } from './batch-file'
import { BatchStopped, describeError, rowToken, type EngineContext, type EngineOutcome } from './engine'
import type { RemoteRecord } from './truora-batch-finding'

/** Keep this much of the upload link's life in hand: a link about to expire is not worth the attempt. */
const LINK_MARGIN_MS = 60_000

/**
 * The request that creates a Truora batch failed in a way that leaves open whether Truora made one. Asking
 * again could make a second batch, so Lote does not; the analyst is told what to check instead.
 */
export class UnansweredBatchCreate extends Error {
  constructor(
    readonly failure: TruoraError,
    readonly at: number
  ) {
    super(failure.message)
  }
}

export class BatchUpload {
  constructor(
    private readonly ctx: EngineContext,
    private readonly remote: RemoteRecord,
    private readonly setPhase: (phase: EnginePhase) => void
  ) {}

  /** Lays the rows out, checks the file, and only then asks Truora for a batch and its one-time link. */
  async run(signal: AbortSignal): Promise<void> {
    const { store, client, batch } = this.ctx
    const rows = store.workRows(batch.id, ['pending', 'creating'])
    if (rows.length === 0) {
      this.remote.save({ step: 'collected' })
      return
    }
    const country = batch.country ?? rows[0].country
    const type = batch.type ?? rows[0].type
    const mixed = rows.find((row) => row.country !== country || row.type !== type)
    if (mixed)
      throw new BatchStopped(
        `A Truora batch holds one country and check type, but row ${mixed.row} is ${mixed.country} ${mixed.type}. Run this file with the direct engine.`
      )
    const tokens = !this.ctx.customInputMapped
    const used = new Set<string>()
    for (const row of rows) for (const [name, value] of Object.entries(row.inputs)) if (value) used.add(name)
    if (tokens) used.add('custom_input')
    const columns = INPUT_NAMES.filter((name) => used.has(name))

    this.setPhase('preparing-file')
    // Tokens are recorded before they leave in the file: after a crash, checks are matched to rows by them.
    for (const row of rows) {
      if (!row.token) {
        row.token = rowToken(batch.id, row.seq, row.generation)
        store.markCreating(batch.id, row.seq, row.token)
      }
    }
    const path = join(this.ctx.filesDir, 'truora-batch-upload.xlsx')
    const bytes = await writeBatchFile(
      columns,
      rows.map((row) => ({
        values: tokens ? { ...row.inputs, custom_input: row.token as string } : row.inputs
      }))
    )

    const recorded = this.remote.current()
    let link = recorded.step === 'created' ? recorded.uploadLink : undefined
    const expires = recorded.linkExpiresAt ? Date.parse(recorded.linkExpiresAt) : NaN
    if (link && Number.isFinite(expires) && expires - this.ctx.clock.now() < LINK_MARGIN_MS) link = undefined
    if (!link || !recorded.columns || recorded.columns.join() !== columns.join()) {
      this.setPhase('creating-truora-batch')
      this.remote.save({ step: 'creating', batchId: undefined, uploadLink: undefined })
      const sentAt = this.ctx.clock.now()
      let created: BatchCreated
      try {
        created = await client.createBatch(
          {
            country,
            type,
            columnsMapping: Object.fromEntries(columns.map((name, index) => [name, index])),
            frequency: this.ctx.batch.options.continuous?.frequency,
            endDate: this.ctx.batch.options.continuous?.endDate
          },
          { signal, beforeSend: this.ctx.fence }
        )
      } catch (error) {
        // The client already asked again where that is safe (a 429, a refused connection). What is left
        // either proves nothing was made (tried again later) or may have made a batch (not asked again).
        if (error instanceof TruoraError && error.transient && mayHaveReachedServer(error))
          throw new UnansweredBatchCreate(error, sentAt)
        throw error
      }
      const order = created.columns.map((column) => column.input)
      if (order.length > 0 && order.join() !== columns.join())
        throw new BatchStopped(
          `Truora laid the batch out as ${order.join(', ')} instead of ${columns.join(', ')}; the file cannot be uploaded as built.`
        )
      this.remote.save({
        step: 'created',
        batchId: created.id,
        columns,
        uploadLink: created.fileUploadLink,
        linkExpiresAt: created.linkExpiresAt ?? new Date(this.ctx.clock.now() + 30 * 60_000).toISOString(),
        reportId: typeof created.raw.report_id === 'string' ? created.raw.report_id : undefined,
        createdAt: new Date(this.ctx.clock.now()).toISOString()
      })
      link = created.fileUploadLink
    }
    this.setPhase('uploading-file')
    try {
      await client.uploadBatchFile(link, bytes, { signal, beforeSend: this.ctx.fence })
    } catch (error) {
      // A link that already holds a file took ours before a crash: the batch can start.
      if (!(error instanceof TruoraError && error.kind === 'upload_refused' && error.status === 409)) {
        if (error instanceof TruoraError && error.kind === 'upload_refused') {
          this.remote.save({ step: 'creating', uploadLink: undefined })
          return
        }
        throw error
      }
    }
    store.saveFile({ batchId: batch.id, checkId: null, kind: 'batch-upload', path }, bytes)
    this.remote.save({ step: 'uploaded' })
  }

  /** Pauses after a creation Truora did not answer, and says what the analyst may find on Truora's side. */
  unanswered(error: UnansweredBatchCreate): EngineOutcome {
    const at = new Date(error.at).toISOString().slice(0, 16).replace('T', ' ')
    this.ctx.store.journal(this.ctx.batch.id, 'batch-create-unanswered', null, {
      at: new Date(error.at).toISOString(),
      error: describeError(error.failure)
    })
    return {
      status: 'paused',
      message:
        `Truora did not answer the request that creates the batch (${describeError(error.failure)}), so Lote cannot tell whether it made one, and does not ask again by itself. ` +
        `No file was sent and no check was created. Truora's dashboard may show an empty batch created at about ${at} UTC: it holds no file, never starts and creates no check. ` +
        'Check that Truora is working, then resume the batch to create it again.'
    }
  }
}
