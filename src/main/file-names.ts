// File names built from data Lote does not control (check ids and attachment names from the network, batch
// names from spreadsheets) are made safe here and kept inside the folder they are meant for, so no answer
// from a server, however hostile, can name a file elsewhere on the analyst's disk.
import { createHash } from 'node:crypto'
import { basename, dirname, join, resolve } from 'node:path'

const MAX_NAME_LENGTH = 120
/** Names Windows gives to devices: a file called so cannot be written there. */
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i

/**
 * One path segment made from arbitrary text: no separators, no control or reserved characters, no leading
 * dots (so never `.` or `..`, never hidden), no trailing dots or spaces, not a device name, at most 120
 * characters. Empty results become `fallback`.
 */
export function safeFileName(text: string, fallback = 'file'): string {
  let name = text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
  if (name.length > MAX_NAME_LENGTH) {
    // Keep the extension when cutting: "…report.pdf" stays a PDF.
    const dot = name.lastIndexOf('.')
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : ''
    name = name.slice(0, MAX_NAME_LENGTH - extension.length) + extension
  }
  if (WINDOWS_DEVICES.test(name)) name = `_${name}`
  return name || fallback
}

/** The path of `name` (made safe) directly inside `folder`; throws if it would land anywhere else. */
export function pathInside(folder: string, name: string, fallback?: string): string {
  const root = resolve(folder)
  const path = join(root, safeFileName(name, fallback))
  if (dirname(path) !== root || basename(path) === '..' || basename(path) === '.')
    throw new Error(`Refused to write "${name}" outside ${root}.`)
  return path
}

/**
 * A file name for something known by an id from outside (a check id): the id itself when it is already a safe
 * name, otherwise its safe form plus a short hash of the id, so two ids never share a file.
 */
export function fileNameForId(id: string, extension: string): string {
  const safe = safeFileName(id, 'id')
  if (safe === id) return `${id}${extension}`
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 10)
  return `${safe.slice(0, MAX_NAME_LENGTH - 20)}-${hash}${extension}`
}
