// Packages the app with electron-builder's Linux dir target (stand-in Electron, see scripts/verify-package.mjs)
// and checks what an installer would ship. Needs out/ built first (npm test builds it; CI builds before tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  inspectPackage,
  packageForCheck,
  type CheckResult,
  type Flavour,
  type PackagedApp
} from '../../scripts/verify-package.mjs'

const PACKAGING_TIMEOUT = 180_000

describe.each<Flavour>(['release', 'e2e'])('the %s package', (flavour) => {
  let packaged: PackagedApp | undefined
  let results: CheckResult[] = []

  beforeAll(async () => {
    packaged = await packageForCheck({ flavour })
    results = inspectPackage(packaged)
  }, PACKAGING_TIMEOUT)

  afterAll(() => packaged?.cleanup())

  it('passes every packaging check', () => {
    const failed = results.filter((result) => !result.ok).map((result) => `${result.name}: ${result.detail}`)
    expect(failed).toEqual([])
  })

  it.each([
    'main, preload and renderer bundles are in app.asar',
    'package.json is in app.asar and names the main bundle',
    'the window icon is in app.asar at resources/icon.png',
    'every production dependency the app loads is in app.asar',
    'every package the main process imports is in app.asar',
    'no development-only package is in app.asar',
    'vitest is not in app.asar',
    '@playwright/test is not in app.asar',
    "keytar's .node file is unpacked from app.asar",
    "better-sqlite3-multiple-ciphers's .node file is unpacked from app.asar",
    'the sample spreadsheets are in resources/samples',
    'fuse RunAsNode is off',
    'fuse EnableNodeOptionsEnvironmentVariable is off',
    'fuse OnlyLoadAppFromAsar is on',
    'fuse EnableEmbeddedAsarIntegrityValidation is on',
    'fuse EnableCookieEncryption is on',
    `fuse EnableNodeCliInspectArguments is ${flavour === 'e2e' ? 'on' : 'off'}`
  ])('checks that %s', (name) => {
    const result = results.find((candidate) => candidate.name === name)
    expect(result, `no check named "${name}"`).toBeDefined()
    expect(result?.ok, result?.detail).toBe(true)
  })
})
