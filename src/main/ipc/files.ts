// Handlers for files: registering what the analyst dropped or picked, the bundled samples, and saving what
// Lote made. Dialogs exist only in the desktop app; the browser host uploads and downloads over HTTP.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/result'
import type { Core } from '../core'
import type { HandlerMap } from './dispatch'

interface SampleIndexEntry {
  file: string
  country: string
  type: string
  description: Record<string, string>
}

function samples(core: Core): SampleIndexEntry[] {
  const index = join(core.samplesDir, 'index.json')
  if (!existsSync(index)) return []
  const parsed = JSON.parse(readFileSync(index, 'utf8')) as
    SampleIndexEntry[] | { samples: SampleIndexEntry[] }
  return Array.isArray(parsed) ? parsed : parsed.samples
}

export function fileHandlers(
  core: Core
): Pick<HandlerMap, 'files:register' | 'files:pick' | 'files:saveAs' | 'files:samples' | 'files:openSample'> {
  const desktopOnly = (what: string) =>
    new AppError(
      'invalid_request',
      `${what} is only available in the desktop app; in the browser, use the upload.`
    )
  return {
    'files:register': ({ path }) => {
      // A browser page may open again what the analyst opened before, never an arbitrary path.
      const known = core.settings.get().recentFiles.some((file) => file.path === path)
      if (core.options.shell !== 'electron' && !known) throw desktopOnly('Opening a file by its path')
      return core.files.registerPath(path)
    },
    'files:pick': async () => {
      const dialogs = core.options.dialogs
      if (!dialogs) throw desktopOnly('The file dialog')
      const path = await dialogs.open()
      return path ? core.files.registerPath(path) : null
    },
    'files:saveAs': async ({ fileId }) => {
      const dialogs = core.options.dialogs
      if (!dialogs) throw desktopOnly('The save dialog')
      const file = core.files.get(fileId)
      const target = await dialogs.save(file.name)
      if (!target) return null
      core.files.copyTo(fileId, target)
      return target
    },
    'files:samples': () => samples(core),
    'files:openSample': ({ file }) => {
      const sample = samples(core).find((s) => s.file === file)
      if (!sample) throw new AppError('not_found', `There is no sample named ${file}.`)
      return core.files.registerPath(join(core.samplesDir, sample.file))
    }
  }
}
