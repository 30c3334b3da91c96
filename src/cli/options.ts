// Options several lote commands share, read the same way everywhere.
import { COUNTRIES, isCountry, type Country } from '../shared/checks/inputs'
import { CSV_ENCODINGS, type CsvEncoding } from '../shared/sheets/types'
import { parseCheckType } from '../shared/sheets/values'
import { resolve } from 'node:path'
import { createNodeCore, defaultDataDir } from '../main/node-core'
import type { Core } from '../main/core'
import { AppError } from '../shared/result'
import { CliError, type CliIo } from './io'

/** The options every command that opens the data folder takes. */
export const DATA_FOLDER_OPTIONS = {
  'data-dir': { type: 'string' },
  'store-key-file': { type: 'string' }
} as const

export const DATA_FOLDER_HELP = `  --data-dir DIR            Data folder (default: the app's)
  --store-key-file FILE     The store key, where no keychain answers (readable by its owner only;
                            LOTE_STORE_KEY does the same)`

/**
 * Opens the data folder named by --data-dir (from where the command runs, else the app's), with its store key.
 * A key that cannot be had is a plain message and exit code 1, never a crash or an empty store. `workerName`
 * names the command to other processes when it runs batches.
 */
export async function openDataFolder(
  values: { 'data-dir'?: string; 'store-key-file'?: string },
  io: CliIo,
  options: Omit<Parameters<typeof createNodeCore>[0], 'shell' | 'dataDir' | 'env' | 'storeKeyFile'> & {
    shell?: Core['options']['shell']
  } = {}
): Promise<Core> {
  const dataDir = values['data-dir'] ? resolve(io.cwd, values['data-dir']) : defaultDataDir(io.env)
  try {
    return await createNodeCore({
      ...options,
      shell: options.shell ?? 'cli',
      dataDir,
      env: io.env,
      storeKeyFile: values['store-key-file'] ? resolve(io.cwd, values['store-key-file']) : undefined
    })
  } catch (error) {
    if (error instanceof AppError && error.code === 'store_key') throw new CliError(error.message, 1)
    throw error
  }
}

/** `--country`: a country code in any case; undefined when not given. */
export function countryOption(value: string | undefined): Country | undefined {
  if (value === undefined) return undefined
  const code = value.toUpperCase()
  if (!isCountry(code))
    throw new CliError(`--country must be one of ${COUNTRIES.join(', ')}; got "${value}".`, 2)
  return code
}

/** `--type`: person, vehicle, company (in Spanish, Portuguese or English) or a custom type's name. */
export function checkTypeOption(value: string | undefined): string | undefined {
  return value === undefined ? undefined : parseCheckType(value)?.type
}

export const ENCODING_HELP = `csv only: its text encoding, ${CSV_ENCODINGS.join(', ')} (needed when the file is not UTF-8)`

/** `--encoding`: the text encoding of a csv, when its bytes are not UTF-8. */
export function encodingOption(value: string | undefined): CsvEncoding | undefined {
  if (value === undefined) return undefined
  const encoding = value
    .toLowerCase()
    .replace(/^cp1252$|^latin-?1$/, 'windows-1252')
    .replace(/^utf8$/, 'utf-8')
  if (!(CSV_ENCODINGS as readonly string[]).includes(encoding))
    throw new CliError(`--encoding must be one of ${CSV_ENCODINGS.join(', ')}; got "${value}".`, 2)
  return encoding as CsvEncoding
}

const DURATION_UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000
}

/**
 * A duration flag such as 90s, 30m, 48h or 3d (a bare number is hours), in ms; undefined when not given.
 * At least one second, at most 30 days.
 */
export function durationOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/i.exec(value.trim())
  const ms = match ? Number(match[1]) * DURATION_UNITS[(match[2] ?? 'h').toLowerCase()] : NaN
  if (!Number.isFinite(ms) || ms < 1000 || ms > 30 * 86_400_000)
    throw new CliError(
      `${flag} takes a duration such as 90s, 30m, 48h or 3d (1 second to 30 days); got "${value}".`,
      2
    )
  return Math.round(ms)
}
