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
import type { GivenFiles } from '../files'
import type { Logger } from '../log'
import type { ImportResult } from '../sheets/import'
import {
  runImportInWorker,
  runInspectInWorker,
  type ReaderLauncher,
  type WorkerRunOptions
} from '../sheets/workers'
import { SavedMappings } from '../sheets/saved-mappings'

export class Spreadsheets {
  /** Mappings the analyst confirmed before; none where there is no data folder (`lote inspect`). */
  private readonly savedMappings: SavedMappings | null
  private readonly run: WorkerRunOptions

  constructor(
    private readonly files: GivenFiles,
    private readonly log: Logger,
    options: {
      /** Where confirmed mappings are kept; without one, none is remembered or proposed. */
      dataDir?: string
      /** Where the reader's entry is, when it is not beside the reading code (a bundled app). */
      workerUrl?: URL
      /** Starts the processes that read spreadsheets (Node's fork unless the shell gives another). */
      launch?: ReaderLauncher
    }
  ) {
    this.savedMappings = options.dataDir ? new SavedMappings(options.dataDir) : null
    this.run = { workerUrl: options.workerUrl, launch: options.launch }
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
      runInspectInWorker(path, options, this.run)
    )
    // The renderer needs the name, not where the file sits on disk.
    return { ...info, file: this.files.get(fileId).name }
  }

  /**
   * Reads a whole sheet with a mapping and says what is wrong in its rows, keeping none of them: what a draft
   * would hold, without making one. Read and checked off the main thread, as a draft's rows are.
   */
  async check(input: {
    fileId: string
    sheet: string
    headerRow?: number
    encoding?: CsvEncoding
    mapping: ColumnMapping
    defaults?: ColumnMapping['defaults']
  }): Promise<ImportResult> {
    const { fileId, ...options } = input
    const result = await this.files.readable(this.files.path(fileId), (path) =>
      runImportInWorker(path, options, this.run)
    )
    return { ...result, file: this.files.get(fileId).name }
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
    const saved = (await this.savedMappings?.find(headers)) ?? null
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
      ?.save(mapping)
      .catch((error: unknown) => this.log.warn('Could not save the mapping', error))
  }
}
