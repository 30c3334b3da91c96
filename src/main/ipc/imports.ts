// Handlers for reading a spreadsheet before any draft exists: its sheets, and a suggested mapping.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function importHandlers({
  spreadsheets
}: Application): Pick<HandlerMap, 'import:inspect' | 'import:suggest'> {
  return {
    'import:inspect': (input) => spreadsheets.inspect(input),
    'import:suggest': (input) => spreadsheets.suggest(input)
  }
}
