// Settings kept between runs, on electron-store in the app and on `conf` (the engine electron-store is built
// on, with the same API and file format) in plain Node. A file that is not valid JSON or does not match the
// schema is set aside with a timestamped name and replaced by defaults; the caller shows the notice.
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import Conf from 'conf'
import { defaultSettings, settingsSchema, type Settings } from '../../shared/settings'
import type { Notice } from '../../shared/contract'

/** The part of electron-store's and conf's API that settings use. */
export interface KeyValueFile {
  readonly store: Record<string, unknown>
  set(object: Record<string, unknown>): void
  readonly path: string
}

export type KeyValueFileFactory = (options: { cwd: string; name: string }) => KeyValueFile

export const confFactory: KeyValueFileFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, projectName: 'lote' }) as unknown as KeyValueFile

export const SETTINGS_FILE_NAME = 'settings'

export class SettingsStore {
  private readonly file: KeyValueFile
  private current: Settings
  readonly notices: Notice[] = []

  constructor(
    dataDir: string,
    factory: KeyValueFileFactory = confFactory,
    now: () => Date = () => new Date()
  ) {
    if (!isAbsolute(dataDir))
      throw new Error(`The settings folder must be an absolute path, got "${dataDir}".`)
    const path = join(dataDir, `${SETTINGS_FILE_NAME}.json`)
    const recovered = this.setAsideIfCorrupt(path, now)
    this.file = factory({ cwd: dataDir, name: SETTINGS_FILE_NAME })
    const parsed = settingsSchema.safeParse({ ...defaultSettings(), ...this.file.store })
    // setAsideIfCorrupt already vetted the file, so this only fails for an empty store.
    this.current = parsed.success ? parsed.data : defaultSettings()
    if (!recovered || !parsed.success) this.file.set(this.current)
  }

  /** Returns true when the existing file was usable (or there was none). */
  private setAsideIfCorrupt(path: string, now: () => Date): boolean {
    if (!existsSync(path)) return false
    let problem: string | undefined
    try {
      const json: unknown = JSON.parse(readFileSync(path, 'utf8'))
      const isObject = typeof json === 'object' && json !== null && !Array.isArray(json)
      const result = settingsSchema.safeParse({ ...defaultSettings(), ...(isObject ? json : {}) })
      if (!isObject) problem = 'it does not hold a settings object'
      else if (!result.success)
        problem = `it has invalid values (${result.error.issues[0]?.path.join('.') || 'root'})`
    } catch {
      problem = 'it is not valid JSON'
    }
    if (!problem) return true
    const stamp = now().toISOString().replace(/[:.]/g, '-')
    const backup = path.replace(/\.json$/, `.corrupt-${stamp}.json`)
    renameSync(path, backup)
    this.notices.push({
      id: `settings-reset-${stamp}`,
      level: 'warning',
      code: 'settings_reset',
      message: `Your settings file could not be read (${problem}), so Lote started with default settings. The old file was kept as ${backup}. Your API keys are in the system keychain and were not affected.`
    })
    return false
  }

  get(): Settings {
    return structuredClone(this.current)
  }

  /** Applies a change, validates the whole result, writes it, and returns it. Throws zod errors on bad input. */
  update(change: (draft: Settings) => Settings | void): Settings {
    const draft = structuredClone(this.current)
    const next = settingsSchema.parse(change(draft) ?? draft)
    this.file.set(next)
    this.current = next
    return this.get()
  }

  get path(): string {
    return this.file.path
  }
}
