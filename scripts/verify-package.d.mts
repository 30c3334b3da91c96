// Types of scripts/verify-package.mjs for the tests that import it.
export type Flavour = 'release' | 'e2e'

export interface PackagedApp {
  flavour: Flavour
  /** Temporary folder holding the stand-in Electron and the output. */
  work: string
  /** The unpacked app folder (linux-unpacked). */
  appDir: string
  /** Its resources/ folder, with app.asar, app.asar.unpacked and samples/. */
  resourcesDir: string
  cleanup(): void
}

export interface CheckResult {
  name: string
  ok: boolean
  detail: string
}

export const NATIVE_MODULES: Record<string, string>
export const LEFT_OUT: Record<string, string>
export const EXPECTED_FUSES: Record<Flavour, Record<string, boolean>>
export function packageForCheck(options?: { flavour?: Flavour; log?: boolean }): Promise<PackagedApp>
export function asarEntries(archive: string): Map<string, boolean>
export function inspectPackage(
  packaged: Pick<PackagedApp, 'appDir' | 'resourcesDir'> & { flavour?: Flavour }
): CheckResult[]
