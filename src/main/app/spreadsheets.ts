// Spreadsheets: what Lote sees in a file before any draft exists — its sheets with their header rows and a
// preview — and the mapping it suggests for a sheet's headers, from their words and from mappings the analyst
// confirmed before for the same headers.
import type { Country, CustomTypeKind } from '../../shared/checks/inputs'
import { suggestMapping } from '../../shared/sheets/mapping'
import type {
  CellValue,
  ColumnMapping,
  CsvEncoding,
  MappingSuggestion,
  WorkbookInfo
} from '../../shared/sheets/types'
import type { FileRegistry } from '../files'
import type { Logger } from '../log'
import { runInspectInWorker, type ReaderLauncher } from '../sheets/workers'
import { SavedMappings } from '../sheets/saved-mappings'

export class Spreadsheets {
  private readonly savedMappings: SavedMappings

  constructor(
    private readonly files: FileRegistry,
    private readonly log: Logger,
    private readonly options: {
      dataDir: string
      /** Where the reader's entry is, when it is not beside the reading code (a bundled app). */
      workerUrl?: URL
      /** Starts the processes that read spreadsheets (Node's fork unless the shell gives another). */
      launch?: ReaderLauncher
    }
  ) {
    this.savedMappings = new SavedMappings(options.dataDir)
  }

  async inspect(input: {
    fileId: string
    sheet?: string
    headerRow?: number
    includeHidden?: boolean
    encoding?: CsvEncoding
  }): Promise<WorkbookInfo> {
    const { fileId, ...options } = input
    // Read in a process of its own, like the import: a runaway file cannot take the app down with it.
    const info = await this.files.readable(this.files.path(fileId), (path) =>
      runInspectInWorker(path, options, {
        workerUrl: this.options.workerUrl,
        launch: this.options.launch
      })
    )
    // The renderer needs the name, not where the file sits on disk.
    return { ...info, file: this.files.get(fileId).name }
  }

  /** Targets for a sheet's columns, from their headers and first values, and a mapping confirmed before. */
  async suggest(input: {
    headers: string[]
    country?: Country
    type?: string
    customKind?: CustomTypeKind | null
    samples?: CellValue[][]
  }): Promise<{ suggestions: MappingSuggestion[]; saved: boolean }> {
    const { headers, ...context } = input
    const saved = await this.savedMappings.find(headers)
    // A mapping confirmed for another country or type keeps the columns it mapped that this batch takes; the
    // columns it left out are proposed again (Brazil's UF was nothing to a Colombian check).
    const savedForScope =
      saved !== null && saved.defaults.country === input.country && saved.defaults.type === input.type
    return {
      suggestions: suggestMapping(headers, { ...context, saved: saved?.targets, savedForScope }),
      saved: saved !== null
    }
  }

  /** Remembers a mapping the analyst confirmed, for the next file with the same headers. */
  rememberMapping(mapping: ColumnMapping): void {
    void this.savedMappings
      .save(mapping)
      .catch((error: unknown) => this.log.warn('Could not save the mapping', error))
  }
}
