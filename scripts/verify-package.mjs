// Packages the app with the real electron-builder configuration into an unpacked Linux folder and checks what
// an installer would ship: the built bundles, production dependencies only, the native modules outside the
// asar archive, the icon, the sample spreadsheets and the Electron fuses.
//
// It runs where Electron cannot be downloaded: `electronDist` points at a stand-in Electron folder (a
// placeholder executable carrying a fuse wire in Electron's stock state, an empty resources/ and a LICENSE),
// and the native rebuild is skipped (it needs Electron's headers from electronjs.org). Everything else — file
// selection, dependency collection, asar packing, asarUnpack, extraResources, flipping the fuses — is
// electron-builder's own code path for `electron-builder --linux dir`.
//
// Run: npm run verify:package [-- --e2e] [-- --keep] (builds out/ first). test/packaging/ runs the same checks.
import { createRequire } from 'node:module'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = join(import.meta.dirname, '..')
const require = createRequire(join(ROOT, 'package.json'))
// electron-builder packs with @electron/asar; read the archive with the same library it wrote it with.
const asar = createRequire(require.resolve('app-builder-lib/package.json'))('@electron/asar')

/** Native modules that must load from app.asar.unpacked in the packaged app. */
export const NATIVE_MODULES = {
  keytar: 'node_modules/keytar/build/Release/keytar.node',
  'better-sqlite3-multiple-ciphers':
    'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'
}

/**
 * Production dependencies electron-builder.yml leaves out on purpose: the desktop app never loads them.
 * If the main process starts importing one, the import check below fails and the exclusion must go.
 */
export const LEFT_OUT = {
  tsx: 'runs the lote command from source',
  react: 'bundled into out/renderer',
  'react-dom': 'bundled into out/renderer',
  'react-i18next': 'bundled into out/renderer',
  i18next: 'bundled into out/renderer'
}

/** Where Electron binaries keep their fuses: this marker, the wire version (1), its length, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/**
 * Electron's stock fuse states ('1' on, '0' off) in wire order: RunAsNode, EnableCookieEncryption,
 * EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation,
 * OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
 */
const STOCK_FUSES = '10110001'

/** Fuse states each configuration must leave in the executable (wire index → on). */
export const EXPECTED_FUSES = {
  release: {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableEmbeddedAsarIntegrityValidation: true,
    OnlyLoadAppFromAsar: true
  },
  e2e: {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: true,
    EnableEmbeddedAsarIntegrityValidation: true,
    OnlyLoadAppFromAsar: true
  }
}
const FUSE_ORDER = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges'
]

/** A folder shaped like an unpacked Electron for Linux, enough for electron-builder's dir target. */
function fakeElectronDist(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  mkdirSync(join(dir, 'locales'), { recursive: true })
  const script = '#!/bin/sh\necho "stand-in for the Electron binary"\nexit 1\n'
  const wire = Buffer.concat([
    Buffer.from(`# ${FUSE_SENTINEL}`),
    Buffer.from([1, STOCK_FUSES.length]),
    Buffer.from(`${STOCK_FUSES}\n`)
  ])
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from(script), wire]))
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for Electron’s LICENSE file.\n')
  return dir
}

/**
 * Runs electron-builder's Linux dir target with one of the configurations (`release` = electron-builder.yml,
 * `e2e` = electron-builder.e2e.yml) into a temporary folder. Call `cleanup()` when done.
 */
export async function packageForCheck({ flavour = 'release', log = false } = {}) {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js')))
    throw new Error('out/ is missing: run `npx electron-vite build` (or `npm run build`) first.')
  const work = mkdtempSync(join(tmpdir(), 'lote-package-'))
  const electronDist = fakeElectronDist(join(work, 'electron-dist'))
  const output = join(work, 'dist')
  const { build, Platform, Arch } = require('electron-builder')
  const previousCwd = process.cwd()
  const restoreLog = log ? () => {} : silenceBuilderLog()
  try {
    process.chdir(ROOT)
    await build({
      projectDir: ROOT,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        extends: flavour === 'e2e' ? 'electron-builder.e2e.yml' : 'electron-builder.yml',
        electronDist,
        npmRebuild: false,
        directories: { output }
      }
    })
  } catch (error) {
    rmSync(work, { recursive: true, force: true })
    throw error
  } finally {
    process.chdir(previousCwd)
    restoreLog()
  }
  const appDir = join(output, 'linux-unpacked')
  return {
    flavour,
    work,
    appDir,
    resourcesDir: join(appDir, 'resources'),
    cleanup: () => rmSync(work, { recursive: true, force: true })
  }
}

/** electron-builder logs through builder-util's logger to stdout; keep test output quiet. */
function silenceBuilderLog() {
  const { log } = require('electron-builder')
  const stream = log.stream
  const lines = []
  log.stream = { write: (text) => lines.push(text) }
  return () => {
    log.stream = stream
  }
}

/** Every file in app.asar: path (posix, no leading slash) → whether it lives in app.asar.unpacked. */
export function asarEntries(archive) {
  const entries = new Map()
  const walk = (node, prefix) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name
      if (child.files) walk(child, path)
      else entries.set(path, Boolean(child.unpacked))
    }
  }
  walk(asar.getRawHeader(archive).header, '')
  return entries
}

function filesUnder(dir) {
  const found = []
  const walk = (current) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name)
      if (statSync(path).isDirectory()) walk(path)
      else found.push(relative(dir, path).split(sep).join('/'))
    }
  }
  if (existsSync(dir)) walk(dir)
  return found
}

/** Package names (as in node_modules/<name>) that appear anywhere in a list of asar paths. */
function packagesIn(paths) {
  const names = new Set()
  for (const path of paths) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(path)
    if (match) names.add(match[1])
  }
  return names
}

/**
 * Dependencies of shipped packages that Node could not resolve inside the archive (optional and peer
 * dependencies aside): what a `files` exclusion or the dependency collector would have broken.
 */
function unresolvedDependencies(archive, entries) {
  const broken = []
  for (const path of entries.keys()) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(path)
    if (!match) continue
    const manifest = JSON.parse(asar.extractFile(archive, path).toString('utf8'))
    if (!manifest.name || !manifest.version) continue // a nested package.json that only sets "type"
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}))
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (optional.has(dependency)) continue
      let dir = match[1]
      let found = false
      while (!found) {
        found = entries.has(`${dir}/node_modules/${dependency}/package.json`)
        const up = dir.lastIndexOf('/node_modules/')
        if (up === -1) break
        dir = dir.slice(0, up)
      }
      found ||= entries.has(`node_modules/${dependency}/package.json`)
      if (!found) broken.push(`${manifest.name} needs ${dependency}`)
    }
  }
  return broken
}

/** Packages that package-lock.json installs only for development (every copy of them is marked dev). */
function devOnlyPackages() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))
  const dev = new Set()
  const prod = new Set()
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)
    if (!match) continue
    ;(entry.dev ? dev : prod).add(match[1])
  }
  return [...dev].filter((name) => !prod.has(name)).sort()
}

/**
 * Bare module specifiers the built main process imports, statically or with import() (node: builtins and
 * electron excluded). The bundle is an ES module, so its dependencies arrive through import; a require()
 * made with createRequire is not followed (the import pipeline uses one only to find tsx when it runs from
 * source, never in the bundle).
 */
function mainProcessImports() {
  const builtins = new Set(require('node:module').builtinModules)
  const specifiers = new Set()
  for (const file of filesUnder(join(ROOT, 'out', 'main')).filter((path) => /\.[cm]?js$/.test(path))) {
    const code = readFileSync(join(ROOT, 'out', 'main', file), 'utf8')
    const pattern =
      // A specifier has no spaces: text such as "the import's reading thread" in a message is not an import.
      /\bfrom\s*["']([^"'./\s][^"'\s]*)["']|\bimport\s*\(\s*["']([^"'./\s][^"'\s]*)["']\s*\)|(?:^|[;\n])\s*import\s*["']([^"'./\s][^"'\s]*)["']/g
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1] ?? match[2] ?? match[3]
      if (specifier.startsWith('node:') || builtins.has(specifier) || specifier === 'electron') continue
      const parts = specifier.split('/')
      specifiers.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0])
    }
  }
  return [...specifiers].sort()
}

/**
 * Checks a packaged resources/ folder. Returns one result per check: {name, ok, detail}.
 */
export function inspectPackage({ flavour = 'release', appDir, resourcesDir }) {
  const results = []
  const check = (name, ok, detail = '') => results.push({ name, ok: Boolean(ok), detail })
  const archive = join(resourcesDir, 'app.asar')
  if (!existsSync(archive)) {
    check('resources/app.asar exists', false, `no ${archive}`)
    return results
  }
  const entries = asarEntries(archive)
  const paths = [...entries.keys()]
  const unpackedDir = join(resourcesDir, 'app.asar.unpacked')
  const project = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

  // The app itself: every built file except source maps, and the package.json that names the entry.
  const built = filesUnder(join(ROOT, 'out'))
    .filter((path) => !path.endsWith('.map'))
    .map((path) => `out/${path}`)
  const missingBuilt = built.filter((path) => !entries.has(path))
  check(
    'main, preload and renderer bundles are in app.asar',
    built.length > 0 && missingBuilt.length === 0,
    missingBuilt.length ? `missing: ${missingBuilt.join(', ')}` : `${built.length} files from out/`
  )
  for (const entry of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'])
    check(`${entry} is in app.asar`, entries.has(entry))
  check('no source maps are shipped', !paths.some((path) => path.endsWith('.map')))
  const manifest = entries.has('package.json')
    ? JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'))
    : null
  check(
    'package.json is in app.asar and names the main bundle',
    manifest?.main === project.main && manifest?.type === 'module',
    manifest ? `main ${manifest.main}, type ${manifest.type}, version ${manifest.version}` : 'absent'
  )
  check(
    'the window icon is in app.asar at resources/icon.png',
    entries.has('resources/icon.png') && entries.has('resources/icon@2x.png')
  )
  check(
    'no project sources or tests are shipped',
    !paths.some((path) => /^(src|test|scripts|bench|docs)\//.test(path))
  )

  // Dependencies: every production dependency, every package the main bundle imports, and no dev-only package.
  const shipped = packagesIn(paths)
  // keytar is optional so that installing from source goes on without libsecret; a package must ship it.
  const wanted = Object.keys({ ...project.dependencies, ...project.optionalDependencies }).filter(
    (name) => !(name in LEFT_OUT)
  )
  const missingDeps = wanted.filter((name) => !shipped.has(name))
  check(
    'every production dependency the app loads is in app.asar',
    missingDeps.length === 0,
    missingDeps.length
      ? `missing: ${missingDeps.join(', ')}`
      : `${wanted.length} dependencies, ${shipped.size} packages in all`
  )
  const leftIn = Object.keys(LEFT_OUT).filter((name) => shipped.has(name))
  check(
    'the CLI-only and renderer-only dependencies are left out',
    leftIn.length === 0 && !shipped.has('esbuild'),
    leftIn.length ? `still shipped: ${leftIn.join(', ')}` : Object.keys(LEFT_OUT).join(', ')
  )
  const imports = mainProcessImports()
  const unresolved = imports.filter((name) => !shipped.has(name))
  check(
    'every package the main process imports is in app.asar',
    unresolved.length === 0,
    unresolved.length ? `missing: ${unresolved.join(', ')}` : imports.join(', ')
  )
  const broken = unresolvedDependencies(archive, entries)
  check(
    'every dependency of a shipped package resolves inside app.asar',
    broken.length === 0,
    broken.length ? broken.join('; ') : "checked with Node's node_modules lookup"
  )
  const devShipped = devOnlyPackages().filter((name) => shipped.has(name))
  check(
    'no development-only package is in app.asar',
    devShipped.length === 0,
    devShipped.length
      ? `found: ${devShipped.join(', ')}`
      : 'none of the dev-only packages in package-lock.json'
  )
  for (const name of [
    'vitest',
    '@playwright/test',
    'playwright',
    'electron-vite',
    'vite',
    'typescript',
    'eslint',
    'electron',
    'electron-builder'
  ])
    check(`${name} is not in app.asar`, !shipped.has(name))

  // Native modules: marked unpacked in the archive and present beside it.
  for (const [name, path] of Object.entries(NATIVE_MODULES)) {
    const onDisk = join(unpackedDir, ...path.split('/'))
    check(
      `${name}'s .node file is unpacked from app.asar`,
      entries.get(path) === true && existsSync(onDisk),
      `${path}: ${entries.has(path) ? (entries.get(path) ? 'marked unpacked' : 'packed inside the archive') : 'absent'}, ${existsSync(onDisk) ? 'present' : 'missing'} in app.asar.unpacked`
    )
  }
  const packedNative = paths.filter((path) => path.endsWith('.node') && !entries.get(path))
  check('no .node file is packed inside app.asar', packedNative.length === 0, packedNative.join(', '))
  check(
    'native module sources and build intermediates are not shipped',
    !paths.some((path) =>
      /node_modules\/better-sqlite3-multiple-ciphers\/(deps|src)\/|\/build\/Release\/obj(\.target)?\/|test_extension\.node$/.test(
        path
      )
    )
  )

  // Sample spreadsheets, as extraResources beside the archive.
  const samplesDir = join(ROOT, 'resources', 'samples')
  const expected = filesUnder(samplesDir)
  const shippedSamples = new Set(filesUnder(join(resourcesDir, 'samples')))
  const missingSamples = expected.filter((path) => !shippedSamples.has(path))
  check(
    'the sample spreadsheets are in resources/samples',
    expected.length > 0 && missingSamples.length === 0,
    missingSamples.length ? `missing: ${missingSamples.join(', ')}` : `${expected.length} files`
  )
  const changed = expected.filter(
    (path) =>
      shippedSamples.has(path) &&
      !readFileSync(join(samplesDir, path)).equals(readFileSync(join(resourcesDir, 'samples', path)))
  )
  check(
    'the shipped samples are byte-identical to resources/samples',
    changed.length === 0,
    changed.join(', ')
  )

  // The launcher electron-builder renames from the Electron executable.
  const executable = join(appDir, 'lote')
  check('the app folder has the lote executable', existsSync(executable))
  if (existsSync(executable)) {
    const binary = readFileSync(executable)
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length
    const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]).toString('latin1')
    for (const [fuse, on] of Object.entries(EXPECTED_FUSES[flavour])) {
      const state = wire[FUSE_ORDER.indexOf(fuse)]
      check(`fuse ${fuse} is ${on ? 'on' : 'off'}`, state === (on ? '1' : '0'), `wire ${wire}`)
    }
  }
  check(
    "Electron's LICENSE is kept as LICENSE.electron.txt",
    existsSync(join(appDir, 'LICENSE.electron.txt'))
  )
  const size = statSync(archive).size
  check('app.asar is under 150 MB', size < 150 * 1024 * 1024, `${(size / 1024 / 1024).toFixed(1)} MB`)
  return results
}

async function main() {
  const started = Date.now()
  const flavour = process.argv.includes('--e2e') ? 'e2e' : 'release'
  const packaged = await packageForCheck({ flavour, log: process.argv.includes('--verbose') })
  try {
    const results = inspectPackage(packaged)
    for (const { name, ok, detail } of results)
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`)
    const failed = results.filter((result) => !result.ok).length
    console.log(
      `${results.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`
    )
    if (process.argv.includes('--keep')) console.log(`Packaged app left in ${packaged.appDir}`)
    else packaged.cleanup()
    process.exitCode = failed ? 1 : 0
  } catch (error) {
    packaged.cleanup()
    throw error
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
