// Files: the spreadsheets the analyst gives Lote — dropped, picked in the system's dialog, opened again from the
// recent list, or one of the bundled samples — and saving what Lote made. The renderer only ever holds ids.
// Dialogs exist only in the desktop app; the browser host uploads and downloads over HTTP instead.
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../shared/result'
import type { FileRef, FileRegistry } from '../files'
import type { Preferences } from './preferences'

/** The system's file dialogs (desktop only). Each resolves with a path, or null when closed. */
export interface Dialogs {
  open(): Promise<string | null>
  /** Opens in `folder` when given (where the analyst saved last), else in the system's documents folder. */
  save(suggestedName: string, folder?: string): Promise<string | null>
}

export interface Sample {
  file: string
  country: string
  type: string
  description: Record<string, string>
}

function desktopOnly(what: string): AppError {
  return new AppError(
    'invalid_request',
    `${what} is only available in the desktop app; in the browser, use the upload.`
  )
}

export class Files {
  constructor(
    private readonly registry: FileRegistry,
    private readonly preferences: Preferences,
    private readonly options: { desktop: boolean; dialogs?: Dialogs; samplesDir: string }
  ) {}

  /** A file by its path: any path on the desktop; in a browser, only one the analyst opened before. */
  register(path: string): FileRef {
    if (!this.options.desktop && !this.preferences.isRecent(path))
      throw desktopOnly('Opening a file by its path')
    return this.registry.registerPath(path)
  }

  /** A file of the Start screen's recent list, by the id the renderer has for it. */
  openRecent(id: string): FileRef {
    const path = this.preferences.recentPath(id)
    if (!path) throw new AppError('not_found', 'That file is no longer in the recent list. Open it again.')
    return this.registry.registerPath(path)
  }

  async pick(): Promise<FileRef | null> {
    const { dialogs } = this.options
    if (!dialogs) throw desktopOnly('The file dialog')
    const path = await dialogs.open()
    return path ? this.registry.registerPath(path) : null
  }

  /**
   * Saves a file Lote made where the analyst chooses, and remembers the folder for the next save. The page
   * learns only the name it was saved under; null when they closed the dialog.
   */
  async saveAs(fileId: string): Promise<{ name: string } | null> {
    const { dialogs } = this.options
    if (!dialogs) throw desktopOnly('The save dialog')
    const target = await dialogs.save(this.registry.get(fileId).name, this.preferences.saveFolder())
    if (!target) return null
    await this.registry.copyTo(fileId, target)
    this.preferences.rememberSaveFolder(dirname(target))
    return { name: basename(target) }
  }

  /** Offers a spreadsheet again on the Start screen. Uploads are temporary copies: nothing to open later. */
  remember(file: { path: string; name: string }): void {
    if (!file.path.startsWith(this.registry.uploadDir)) this.preferences.rememberFile(file)
  }

  samples(): Sample[] {
    const index = join(this.options.samplesDir, 'index.json')
    if (!existsSync(index)) return []
    const parsed = JSON.parse(readFileSync(index, 'utf8')) as Sample[] | { samples: Sample[] }
    return Array.isArray(parsed) ? parsed : parsed.samples
  }

  /** A bundled sample, with what it is about: the wizard proposes its country and check type. */
  openSample(file: string): FileRef & { sample: { country: string; type: string } } {
    const sample = this.samples().find((s) => s.file === file)
    if (!sample) throw new AppError('not_found', `There is no sample named ${file}.`)
    const ref = this.registry.registerPath(join(this.options.samplesDir, sample.file))
    return { ...ref, sample: { country: sample.country, type: sample.type } }
  }
}
