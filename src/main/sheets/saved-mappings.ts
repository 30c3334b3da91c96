// Remembers confirmed mappings by header signature, so a file with the same headers maps itself next time.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isCountry } from '../../shared/checks/inputs'
import { isMappingTarget } from '../../shared/sheets/fields'
import { headerSignature, mappingByHeader } from '../../shared/sheets/mapping'
import type { ColumnMapping, MappingTarget } from '../../shared/sheets/types'

export interface SavedMapping {
  /** Target by normalised header; pass to suggestMapping / importSpreadsheet as `saved`. */
  targets: Record<string, MappingTarget | null>
  defaults: ColumnMapping['defaults']
  savedAt: string
}

interface StoreFile {
  version: 1
  mappings: Record<string, SavedMapping>
}

export const SAVED_MAPPINGS_FILE = 'saved-mappings.json'

export class SavedMappings {
  private readonly file: string
  private cache: StoreFile | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly dataDir: string,
    private readonly clock: () => Date = () => new Date()
  ) {
    this.file = join(dataDir, SAVED_MAPPINGS_FILE)
  }

  /** The mapping confirmed for a file with these headers (any order, case or accents), if any. */
  async find(headers: string[]): Promise<SavedMapping | null> {
    const store = await this.load()
    return store.mappings[headerSignature(headers)] ?? null
  }

  async save(mapping: ColumnMapping): Promise<void> {
    const store = await this.load()
    store.mappings[headerSignature(mapping.headers)] = {
      targets: mappingByHeader(mapping),
      defaults: mapping.defaults,
      savedAt: this.clock().toISOString()
    }
    await this.persist(store)
  }

  async forget(headers: string[]): Promise<void> {
    const store = await this.load()
    delete store.mappings[headerSignature(headers)]
    await this.persist(store)
  }

  private async load(): Promise<StoreFile> {
    if (this.cache) return this.cache
    let parsed: unknown
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8'))
    } catch (error) {
      // A missing file is a first run; a damaged one is set aside rather than blocking imports.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error
      parsed = null
    }
    this.cache = sanitise(parsed)
    return this.cache
  }

  private persist(store: StoreFile): Promise<void> {
    // Writes go one after another, each to a temporary file renamed over the old one, so a crash never
    // leaves half a file.
    this.writing = this.writing.then(async () => {
      await mkdir(this.dataDir, { recursive: true })
      const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`
      await writeFile(temporary, JSON.stringify(store, null, 2), 'utf8')
      await rename(temporary, this.file)
    })
    return this.writing
  }
}

function sanitise(value: unknown): StoreFile {
  const store: StoreFile = { version: 1, mappings: {} }
  const mappings = (value as Partial<StoreFile> | null)?.mappings
  if (!mappings || typeof mappings !== 'object') return store
  for (const [signature, entry] of Object.entries(mappings)) {
    if (!entry || typeof entry !== 'object' || typeof entry.targets !== 'object') continue
    const targets: Record<string, MappingTarget | null> = {}
    for (const [header, target] of Object.entries(entry.targets ?? {}))
      targets[header] = typeof target === 'string' && isMappingTarget(target) ? target : null
    const defaults: ColumnMapping['defaults'] = {}
    if (typeof entry.defaults?.country === 'string' && isCountry(entry.defaults.country))
      defaults.country = entry.defaults.country
    if (typeof entry.defaults?.type === 'string') defaults.type = entry.defaults.type
    store.mappings[signature] = { targets, defaults, savedAt: String(entry.savedAt ?? '') }
  }
  return store
}
