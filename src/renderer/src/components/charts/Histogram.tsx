// A small bar chart of counts per bucket (e.g. scores 0–0.1 … 0.9–1). The description lists every bucket so a
// screen reader gets the same data as the picture.
import { ChartFrame } from './ChartFrame'

export function Histogram({
  title,
  bins,
  binLabel,
  format,
  width = 320,
  height = 120
}: {
  title: string
  bins: number[]
  /** Text of a bucket, e.g. "0.9–1". */
  binLabel(index: number): string
  format(value: number): string
  width?: number
  height?: number
}) {
  const max = Math.max(1, ...bins)
  const axis = 18
  const gap = 4
  const barWidth = bins.length ? (width - gap * (bins.length - 1)) / bins.length : 0
  const plot = height - axis
  return (
    <ChartFrame
      title={title}
      description={bins.map((n, i) => `${binLabel(i)}: ${format(n)}`).join('; ')}
      width={width}
      height={height}
    >
      <line x1={0} x2={width} y1={plot + 0.5} y2={plot + 0.5} className="chart-axis" />
      {bins.map((n, i) => {
        const h = n === 0 ? 0 : Math.max(2, (n / max) * (plot - 14))
        const x = i * (barWidth + gap)
        return (
          <g key={i}>
            <rect x={x} y={plot - h} width={barWidth} height={h} rx={2} className="chart-bar" />
            {n > 0 && (
              <text x={x + barWidth / 2} y={plot - h - 3} textAnchor="middle" className="chart-value">
                {format(n)}
              </text>
            )}
          </g>
        )
      })}
      {[0, Math.floor(bins.length / 2), bins.length - 1].map((i) => (
        <text
          key={i}
          x={i === 0 ? 0 : i === bins.length - 1 ? width : i * (barWidth + gap)}
          y={height - 4}
          textAnchor={i === 0 ? 'start' : i === bins.length - 1 ? 'end' : 'middle'}
          className="chart-label"
        >
          {binLabel(i)}
        </text>
      ))}
    </ChartFrame>
  )
}
