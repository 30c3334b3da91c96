// Horizontal bars of how many items fall in each category, each with its label and count written out, so the
// colour of a bar is never the only way to tell categories apart.
import { ChartFrame } from './ChartFrame'

export interface BreakdownItem {
  key: string
  label: string
  value: number
  /** A CSS class giving the bar its fill. */
  tone?: string
  /** A short symbol drawn before the label (the risk shapes). */
  mark?: string
}

export function BreakdownChart({
  title,
  items,
  format,
  width = 320,
  rowHeight = 22
}: {
  title: string
  items: BreakdownItem[]
  format(value: number): string
  width?: number
  rowHeight?: number
}) {
  const max = Math.max(1, ...items.map((i) => i.value))
  const labelWidth = 130
  const valueWidth = 56
  const barSpace = width - labelWidth - valueWidth
  const height = Math.max(rowHeight, items.length * rowHeight)
  return (
    <ChartFrame
      title={title}
      description={items.map((i) => `${i.label}: ${format(i.value)}`).join('; ')}
      width={width}
      height={height}
    >
      {items.map((item, index) => {
        const y = index * rowHeight
        const w = item.value === 0 ? 0 : Math.max(2, (item.value / max) * barSpace)
        return (
          <g key={item.key}>
            <text x={0} y={y + rowHeight / 2 + 4} className="chart-label">
              {item.mark ? `${item.mark} ` : ''}
              {item.label}
            </text>
            <rect
              x={labelWidth}
              y={y + 4}
              width={w}
              height={rowHeight - 8}
              rx={2}
              className={`chart-bar ${item.tone ?? ''}`}
            />
            <text x={labelWidth + w + 6} y={y + rowHeight / 2 + 4} className="chart-value">
              {format(item.value)}
            </text>
          </g>
        )
      })}
    </ChartFrame>
  )
}
