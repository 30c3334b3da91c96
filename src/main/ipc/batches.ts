// Handlers for running batches: what will happen before it starts, start with the analyst's authorisation,
// pause, resume, cancel, re-run, delete.
import { AUTHORIZATION_STATEMENT } from '../../shared/batch'
import { AppError } from '../../shared/result'
import type { Core } from '../core'
import { describeError } from '../batch/engine'
import type { HandlerMap } from './dispatch'

export function batchHandlers(
  core: Core
): Pick<
  HandlerMap,
  | 'batches:list'
  | 'batches:get'
  | 'batches:draft'
  | 'batches:preflight'
  | 'batches:start'
  | 'batches:pause'
  | 'batches:resume'
  | 'batches:cancel'
  | 'batches:rerunFailed'
  | 'batches:delete'
  | 'batches:errors'
> {
  const { batches } = core
  return {
    'batches:list': () => batches.list(),
    'batches:get': ({ batchId }) => batches.get(batchId),
    'batches:draft': ({ batchId }) => {
      const batch = batches.get(batchId)
      if (batch.status !== 'draft') throw new AppError('conflict', 'This batch has already started.')
      return { mapping: core.results.batches.mapping(batchId), sheet: batch.sheet, fileName: batch.fileName }
    },
    'batches:preflight': async ({ batchId }) => {
      const batch = batches.get(batchId)
      const profile = await core.profiles.get(batch.profileId ?? core.settings.get().activeProfileId)
      let warnings: Awaited<ReturnType<typeof batches.health>> = []
      let healthError: string | null = null
      try {
        warnings = await batches.health(batchId, profile.id)
      } catch (error) {
        healthError = describeError(error)
      }
      return {
        checks: batch.total,
        skipped: batch.counts.skipped,
        statement: AUTHORIZATION_STATEMENT,
        profile: { id: profile.id, name: profile.name, kind: profile.kind },
        warnings,
        healthError
      }
    },
    'batches:start': async ({ batchId, options, authorization }) => {
      const batch = batches.get(batchId)
      if (batch.total === 0)
        throw new AppError('invalid_input', 'No row of this batch can be sent: fix or include rows first.')
      const profileId = batch.profileId ?? core.settings.get().activeProfileId
      batches.configure(batchId, {
        forceCreation: options.forceCreation,
        continuous: options.continuous,
        concurrency: options.concurrency ?? core.settings.get().concurrency,
        pdfs: options.pdfs ?? false
      })
      batches.authorize(batchId, { profileId, statement: authorization.statement })
      core.drafts.forget(batchId)
      return batches.start(batchId, { engine: options.engine, profileId, skipHealthCheck: true })
    },
    'batches:pause': ({ batchId }) => batches.pause(batchId),
    'batches:resume': async ({ batchId }) => (await batches.resume(batchId)).batch,
    'batches:cancel': ({ batchId, collect }) => batches.cancel(batchId, { collect }),
    'batches:rerunFailed': ({ batchId }) => batches.rerunFailed(batchId),
    'batches:delete': async ({ batchId }) => {
      core.drafts.forget(batchId)
      await batches.delete(batchId)
      return null
    },
    'batches:errors': ({ batchId }) =>
      batches.rows(batchId, { states: ['failed'], sort: { by: 'row' }, limit: 1000 }).rows.map((row) => ({
        row: row.row,
        message: row.lastError ?? 'No check could be created for this row.'
      }))
  }
}
