// Preferences: what Lote is and how the analyst set it up — the app's identity and notices, the settings the
// renderer may see and change, and the spreadsheets opened recently. Every change is announced as
// `settings:changed`, so every window shows the same.
import { createHash } from 'node:crypto'
import { basename, dirname } from 'node:path'
import type { Notice, PublicSettings, SettingsPatch } from '../../shared/contract'
import type { Settings } from '../../shared/settings'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { SettingsStore } from '../store/settings'
import type { Auditor } from '../store/audit-log'

const RECENT_FILES = 10

export interface AppIdentity {
  version: string
  shell: 'electron' | 'browser' | 'cli'
  systemLocale: string
}

/** Shows a notification of the operating system (the desktop app's main process). */
export interface SystemNotifier {
  /** False when the system shows none. */
  notify(notification: { title: string; body: string }): boolean
}

export class Preferences {
  private readonly notices: Notice[]

  constructor(
    private readonly settings: SettingsStore,
    private readonly events: EventBus,
    private readonly identity: AppIdentity,
    log: Logger,
    private readonly audit: Auditor,
    private readonly notifier?: SystemNotifier
  ) {
    this.notices = [...settings.notices]
    for (const notice of this.notices) log.warn(notice.message)
  }

  info() {
    return {
      name: 'Lote',
      version: this.identity.version,
      shell: this.identity.shell === 'electron' ? ('electron' as const) : ('browser' as const),
      systemLocale: this.identity.systemLocale,
      notices: [...this.notices]
    }
  }

  /**
   * A notification of the operating system ("your batch finished"), where the shell has them (the desktop app);
   * false where it has none: a browser page shows its own.
   */
  notify(notification: { title: string; body: string }): boolean {
    return this.notifier?.notify(notification) ?? false
  }

  dismissNotice(id: string): void {
    const index = this.notices.findIndex((n) => n.id === id)
    if (index >= 0) this.notices.splice(index, 1)
  }

  /**
   * Settings as the renderer may see them: everything but the connection list (it has its own channel), and
   * the recent files without their paths.
   */
  get(settings: Settings = this.settings.get()): PublicSettings {
    const { profiles: _profiles, recentFiles, saveFolder: _saveFolder, ...visible } = settings
    return {
      ...visible,
      recentFiles: recentFiles.map((file) => ({
        id: recentFileId(file.path),
        name: file.name,
        folder: basename(dirname(file.path)),
        openedAt: file.openedAt
      }))
    }
  }

  /** The analyst's settings, and each connection's prices and reuse window (through Costs). */
  update(patch: SettingsPatch & Partial<Pick<PublicSettings, 'connectionPreferences'>>): PublicSettings {
    const before = this.settings.get()
    const after = this.settings.update((s) => ({ ...s, ...patch }))
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])
    )
    // Which settings changed, and their values: none of them holds personal data.
    if (changed.length > 0)
      this.audit.record('settings.changed', {
        settings: Object.fromEntries(changed.map((key) => [key, after[key]]))
      })
    return this.announce(after)
  }

  /** Keeps the last spreadsheets the analyst imported, newest first, each once. */
  rememberFile(file: { path: string; name: string }): void {
    const next = this.settings.update((s) => {
      s.recentFiles = [
        { path: file.path, name: file.name, openedAt: new Date().toISOString() },
        ...s.recentFiles.filter((f) => f.path !== file.path)
      ].slice(0, RECENT_FILES)
    })
    this.announce(next)
  }

  /** The folder the next save dialog opens in: where the analyst saved last, if any. */
  saveFolder(): string | undefined {
    return this.settings.get().saveFolder
  }

  rememberSaveFolder(folder: string): void {
    this.settings.update((s) => ({ ...s, saveFolder: folder }))
  }

  /** Whether the analyst opened this path before (a browser page may open again only those). */
  isRecent(path: string): boolean {
    return this.settings.get().recentFiles.some((file) => file.path === path)
  }

  /** The path of a recent file by the id the renderer knows it by; null when it left the list. */
  recentPath(id: string): string | null {
    return this.settings.get().recentFiles.find((file) => recentFileId(file.path) === id)?.path ?? null
  }

  private announce(settings: Settings): PublicSettings {
    const visible = this.get(settings)
    this.events.emit('settings:changed', visible)
    return visible
  }
}

/** A recent file's id: the same for the same path, and saying nothing of it. */
function recentFileId(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16)
}
