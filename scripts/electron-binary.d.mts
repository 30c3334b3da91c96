// Types of scripts/electron-binary.mjs for the tests that import it.
export function electronBinary(): string | null
export function electronViteCommand(): string
export const MISSING_ELECTRON_REASON: string
