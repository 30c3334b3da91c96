// Reuse, cost and a person's history in words, for the lote command.
import type { CostEstimate } from '../shared/costs'

export function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount)
  } catch {
    return `${currency} ${amount}`
  }
}

/** What starting the batch does and costs, a line each. */
export function estimateLines(estimate: CostEstimate): string[] {
  const lines: string[] = []
  lines.push(
    estimate.reuseDays > 0
      ? `Reuse: ${estimate.reusedRows} row(s) take the result of a completed check of the last ${estimate.reuseDays} days on this connection (no new check).`
      : 'Reuse: off (every row gets a new check).'
  )
  if (estimate.groupedRows > 0)
    lines.push(
      `Grouped: ${estimate.groupedRows} row(s) repeat the document of an earlier row and share its check.`
    )
  lines.push(`New checks: ${estimate.newChecks}`)
  for (const line of estimate.lines)
    lines.push(
      `  ${`${line.country} ${line.type}`.padEnd(18)} ${String(line.checks).padStart(6)} × ${
        line.unitPrice === null
          ? 'no price set'
          : `${money(line.unitPrice, estimate.currency)} = ${money(line.amount ?? 0, estimate.currency)}`
      }`
    )
  const continuous = estimate.continuous
  lines.push(
    continuous
      ? `Continuous checks: ${continuous.checks}, re-run ${continuous.frequency} until ${continuous.endDate} (${continuous.runs} run(s) each${continuous.amount === null ? '' : `, about ${money(continuous.amount, estimate.currency)} more`}).`
      : 'Continuous checks: 0'
  )
  if (estimate.total !== null) lines.push(`Estimated cost: ${money(estimate.total, estimate.currency)}`)
  else
    lines.push(
      `Estimated cost: unknown — no price for ${estimate.missingPrices.map((p) => `${p.country} ${p.type}`).join(', ')}. Set the prices of your contract in the app's Settings.`
    )
  return lines
}
