// Runs axe-core (from node_modules, the version package.json pins) on the page as it is, and fails on any
// serious or critical violation, listing each rule with the elements it found.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect } from './fixtures'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** The serious and critical violations axe finds on the page, one line per rule and element. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy (which allows no inline
  // script) does not apply; a page that was reloaded gets it again.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource)
  // Every rule axe has (WCAG A and AA, and its best practices) on the whole document.
  const violations = await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((results) => results.violations)"
  )
  return (violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(node.target)}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`
      )
    )
}

/** Fails the test (without stopping it) on any serious or critical violation, naming the screen. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect.soft(await axeViolations(page), `axe on ${screen}`).toEqual([])
}
