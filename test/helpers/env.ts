import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function makeTempDir(prefix = 'lote-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Set by the test script, which runs tests inside a D-Bus session with an unlocked gnome-keyring. */
export const keychainRequired = process.env.LOTE_REQUIRE_KEYCHAIN === '1'
