// The direction of imports is kept by ESLint (eslint.config.js); these cases prove the rules catch what they
// are for, so a rule loosened by accident fails here and not months later as a cycle.
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: resolve(__dirname, '../../..') })

/** The messages ESLint gives an import written in the file at `path` (relative to the repository). */
async function importProblems(path: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(
    `import type { Anything } from '${from}'\nexport type Used = Anything\n`,
    {
      filePath: resolve(__dirname, '../../..', path)
    }
  )
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('the direction of imports', () => {
  it('keeps src/shared free of the backend, the renderer, Node and electron', async () => {
    expect(await importProblems('src/shared/probe.ts', '../main/store/results/results-store')).toHaveLength(1)
    expect(await importProblems('src/shared/probe.ts', '../renderer/src/lib/api')).toHaveLength(1)
    expect(await importProblems('src/shared/probe.ts', 'node:fs')).toHaveLength(1)
    expect(await importProblems('src/shared/probe.ts', './checks/inputs')).toEqual([])
  })

  it('lets the renderer import only src/shared and its own files', async () => {
    const screen = 'src/renderer/src/screens/Probe.tsx'
    expect(await importProblems(screen, '../../../main/app/batches')).toHaveLength(1)
    expect(await importProblems(screen, '../../../shared/batch')).toEqual([])
  })

  it('keeps the store and the engines from importing each other', async () => {
    expect(await importProblems('src/main/store/results/probe.ts', '../../batch/service')).toHaveLength(1)
    expect(await importProblems('src/main/store/results/probe.ts', '../../app/drafts')).toHaveLength(1)
    expect(await importProblems('src/main/batch/probe.ts', '../store/results/check-ledger')).toEqual([])
  })

  it('keeps the lower parts of the backend below the ones built on them', async () => {
    expect(await importProblems('src/main/truora/probe.ts', '../store/settings')).toHaveLength(1)
    expect(await importProblems('src/main/sheets/probe.ts', '../batch/engine')).toHaveLength(1)
    expect(await importProblems('src/main/batch/probe.ts', '../app/batches')).toHaveLength(1)
    expect(await importProblems('src/main/app/probe.ts', '../ipc/dispatch')).toHaveLength(1)
    expect(await importProblems('src/main/batch/probe.ts', '../../cli/io')).toHaveLength(1)
    expect(
      await importProblems('src/main/export/probe.ts', '../../renderer/src/i18n/locales/en/app.json')
    ).toEqual([])
  })
})
