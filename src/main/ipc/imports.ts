// Handlers for reading a spreadsheet into a draft batch: inspect, suggest a mapping, import, fix and exclude.
import { suggestMapping } from '../../shared/sheets/mapping'
import type { Core } from '../core'
import type { HandlerMap } from './dispatch'

export function importHandlers(
  core: Core
): Pick<
  HandlerMap,
  | 'import:inspect'
  | 'import:suggest'
  | 'import:start'
  | 'import:cancel'
  | 'import:rows'
  | 'import:summary'
  | 'import:editCell'
  | 'import:setExcluded'
> {
  return {
    'import:inspect': async ({ fileId, sheet, headerRow, includeHidden, encoding }) => {
      const info = await core.drafts.inspect(core.files.path(fileId), {
        sheet,
        headerRow,
        includeHidden,
        encoding
      })
      // The renderer needs the name, not where the file sits on disk.
      return { ...info, file: core.files.get(fileId).name }
    },
    'import:suggest': async ({ headers, country, type, samples }) => {
      const saved = await core.drafts.savedMappings.find(headers)
      return {
        suggestions: suggestMapping(headers, { country, type, samples, saved: saved?.targets }),
        saved: saved !== null
      }
    },
    'import:start': (input) => core.drafts.start(input),
    'import:cancel': ({ batchId }) => {
      core.drafts.cancel(batchId)
      return null
    },
    'import:rows': ({ batchId, filter, offset, limit }) => core.drafts.rows(batchId, filter, offset, limit),
    'import:summary': ({ batchId }) => core.drafts.summary(batchId),
    'import:editCell': ({ batchId, row, column, value }) => core.drafts.editCell(batchId, row, column, value),
    'import:setExcluded': ({ batchId, rows, excluded }) => core.drafts.setExcluded(batchId, rows, excluded)
  }
}
