// Counts of an import's rows and issues, with the first few examples of each kind of issue.
import type { ImportSummary, ImportedRow, IssueCode } from './types'

export const EXAMPLES_PER_CODE = 3

export class SummaryBuilder {
  private readonly summary: ImportSummary = {
    rows: 0,
    byStatus: { ok: 0, warning: 0, error: 0, excluded: 0 },
    byLevel: { error: 0, warning: 0, info: 0 },
    byCode: {}
  }

  add(row: Pick<ImportedRow, 'status' | 'issues'>): void {
    this.summary.rows++
    this.summary.byStatus[row.status]++
    for (const issue of row.issues) {
      this.summary.byLevel[issue.level]++
      const code = issue.code as IssueCode
      let entry = this.summary.byCode[code]
      if (!entry) entry = this.summary.byCode[code] = { level: issue.level, count: 0, examples: [] }
      entry.count++
      if (entry.examples.length < EXAMPLES_PER_CODE)
        entry.examples.push({ row: issue.row, column: issue.column, message: issue.message })
    }
  }

  result(): ImportSummary {
    return structuredClone(this.summary)
  }
}

export function summarise(rows: Iterable<ImportedRow>): ImportSummary {
  const builder = new SummaryBuilder()
  for (const row of rows) builder.add(row)
  return builder.result()
}
