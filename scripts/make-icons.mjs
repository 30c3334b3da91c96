// Renders resources/icon.svg into every icon the installers and the window need, and writes the Windows
// .ico and macOS .icns containers itself (both are a small header around PNG or bitmap images).
// Run: npm run icons. The outputs are committed, so packaging needs neither this script nor its renderer.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'

const RESOURCES = join(import.meta.dirname, '..', 'resources')
const SOURCE = join(RESOURCES, 'icon.svg')

/** Sizes the Linux icon theme folders use; electron-builder reads them from resources/icons/<n>x<n>.png. */
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
/** Windows picks from these for the taskbar, Explorer views and the installer. */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** macOS icon types: PNG data, sizes in pixels (the @2x types hold the larger image). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024]
]

const svg = readFileSync(SOURCE)
const renders = new Map()

/** The icon at size x size: PNG bytes and straight (not premultiplied) RGBA pixels. */
function render(size) {
  let image = renders.get(size)
  if (!image) {
    const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render()
    image = { png: rendered.asPng(), rgba: unpremultiply(rendered.pixels) }
    renders.set(size, image)
  }
  return image
}

function unpremultiply(pixels) {
  const out = Buffer.from(pixels)
  for (let i = 0; i < out.length; i += 4) {
    const alpha = out[i + 3]
    if (alpha === 0 || alpha === 255) continue
    for (let c = 0; c < 3; c++) out[i + c] = Math.min(255, Math.round((out[i + c] * 255) / alpha))
  }
  return out
}

/**
 * A 32-bit bitmap as an .ico entry stores it: BITMAPINFOHEADER with twice the height (image plus mask),
 * BGRA rows bottom-up, then a 1-bit AND mask left empty because the alpha channel already says it all.
 * Small sizes are stored this way because older Windows shells and NSIS read only bitmaps below 256 px.
 */
function icoBitmap(size, rgba) {
  const maskRow = Math.ceil(size / 32) * 4
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8)
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(0, 16)
  header.writeUInt32LE(size * size * 4 + maskRow * size, 20)
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4
      const to = ((size - 1 - y) * size + x) * 4
      pixels[to] = rgba[from + 2]
      pixels[to + 1] = rgba[from + 1]
      pixels[to + 2] = rgba[from]
      pixels[to + 3] = rgba[from + 3]
    }
  }
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)])
}

function ico(sizes) {
  const images = sizes.map((size) => {
    const { png, rgba } = render(size)
    return { size, data: size >= 256 ? png : icoBitmap(size, rgba) }
  })
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // 1 = icon
  header.writeUInt16LE(images.length, 4)
  const entries = []
  let offset = 6 + 16 * images.length
  for (const { size, data } of images) {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0) // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1)
    entry.writeUInt8(0, 2) // no palette
    entry.writeUInt8(0, 3)
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(data.length, 8)
    entry.writeUInt32LE(offset, 12)
    entries.push(entry)
    offset += data.length
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)])
}

function icns(types) {
  const chunks = types.map(([type, size]) => {
    const data = render(size).png
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(data.length + 8, 4)
    return Buffer.concat([head, data])
  })
  const body = Buffer.concat(chunks)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

const written = []
function write(path, data) {
  writeFileSync(path, data)
  written.push(`${path.slice(RESOURCES.length + 1)} (${data.length} bytes)`)
}

// The window icon; Electron picks icon@2x.png by itself on high-density screens.
write(join(RESOURCES, 'icon.png'), render(512).png)
write(join(RESOURCES, 'icon@2x.png'), render(1024).png)
write(join(RESOURCES, 'icon.ico'), ico(ICO_SIZES))
write(join(RESOURCES, 'icon.icns'), icns(ICNS_TYPES))
const linuxDir = join(RESOURCES, 'icons')
rmSync(linuxDir, { recursive: true, force: true })
mkdirSync(linuxDir)
for (const size of LINUX_SIZES) write(join(linuxDir, `${size}x${size}.png`), render(size).png)
console.log(`Wrote ${written.length} icons from resources/icon.svg:\n  ${written.join('\n  ')}`)
