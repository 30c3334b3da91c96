// Handlers for files: registering what the analyst dropped or picked, the bundled samples, and saving what
// Lote made. Dialogs exist only in the desktop app; the browser host uploads and downloads over HTTP.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function fileHandlers({
  files
}: Application): Pick<
  HandlerMap,
  'files:register' | 'files:openRecent' | 'files:pick' | 'files:saveAs' | 'files:samples' | 'files:openSample'
> {
  return {
    'files:register': ({ path }) => files.register(path),
    'files:openRecent': ({ id }) => files.openRecent(id),
    'files:pick': () => files.pick(),
    'files:saveAs': ({ fileId }) => files.saveAs(fileId),
    'files:samples': () => files.samples(),
    'files:openSample': ({ file }) => files.openSample(file)
  }
}
