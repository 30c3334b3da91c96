// Reads PDFs the way an auditor's tools would: poppler's pdftotext and pdftoppm (Debian package
// poppler-utils, installed by .ci/run and listed in the README's requirements).
import { execFileSync } from 'node:child_process'

/** The text of every page, laid out as on paper; pages are separated by form feeds. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

export function pdfPages(file: string): string[] {
  return pdfText(file)
    .split('\f')
    .filter((page, index, pages) => index < pages.length - 1 || page.trim() !== '')
}

/** Renders page 1 to `<prefix>.png` at the given width in pixels. */
export function renderFirstPage(file: string, prefix: string, width = 1240): string {
  execFileSync('pdftoppm', [
    '-png',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    '-scale-to',
    String(width),
    file,
    prefix
  ])
  return `${prefix}.png`
}
