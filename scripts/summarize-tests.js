// Sums the JSON reports of every test runner into the one line CI reads: "N passed, N failed, N skipped".
// A runner that crashed without a report, or exited non-zero, counts as a failure.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2] ?? 'test-results'
let passed = 0
let failed = 0
let skipped = 0
const problems = []

function readJson(name) {
  const path = join(dir, name)
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined
}

function exitCode(name) {
  const path = join(dir, name)
  return existsSync(path) ? Number(readFileSync(path, 'utf8').trim()) : undefined
}

const vitest = readJson('vitest.json')
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0)
  // Suites that failed to load have no tests but must still fail the run.
  const brokenSuites = vitest.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.length === 0
  )
  failed += brokenSuites.length
  for (const suite of brokenSuites)
    problems.push(`vitest: ${suite.name} failed to run: ${suite.message ?? ''}`)
} else problems.push('vitest wrote no report')
if (exitCode('vitest.rc') !== 0 && vitest && vitest.numFailedTests === 0) {
  failed += 1
  problems.push(`vitest exited with ${exitCode('vitest.rc')}`)
}

/** Skipped tests and why, from a Playwright report's annotations. */
function skipReasons(suite, reasons = []) {
  for (const spec of suite.specs ?? [])
    for (const test of spec.tests ?? [])
      if (test.status === 'skipped')
        for (const annotation of test.annotations ?? [])
          if (annotation.type === 'skip' && annotation.description)
            reasons.push(`${spec.title}: ${annotation.description}`)
  for (const child of suite.suites ?? []) skipReasons(child, reasons)
  return reasons
}

// Playwright runs twice: against the browser host (playwright) and the desktop app (desktop).
for (const runner of ['playwright', 'desktop']) {
  const rc = exitCode(`${runner}.rc`)
  if (rc === undefined) continue
  const report = readJson(`${runner}.json`)
  if (!report) {
    failed += 1
    problems.push(`${runner}: wrote no report`)
    continue
  }
  passed += report.stats.expected + (report.stats.flaky ?? 0)
  failed += report.stats.unexpected
  skipped += report.stats.skipped
  for (const error of report.errors ?? [])
    problems.push(`${runner}: ${error.message ?? JSON.stringify(error)}`)
  for (const reason of (report.suites ?? []).flatMap((suite) => skipReasons(suite)))
    console.log(`${runner}: skipped ${reason}`)
  if (rc !== 0 && report.stats.unexpected === 0) {
    failed += 1
    problems.push(`${runner}: exited with ${rc}`)
  }
}

for (const problem of problems) console.log(problem)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
