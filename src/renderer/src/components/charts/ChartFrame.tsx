// The picture of a chart: an svg named by its title, with a description that lists every value, so a screen
// reader gets the same data as the picture.
import { useId, type ReactNode } from 'react'

export function ChartFrame({
  title,
  description,
  width,
  height,
  children
}: {
  title: string
  /** Every value, in words ("0.9–1: 12; …"). */
  description: string
  width: number
  height: number
  children: ReactNode
}) {
  const id = useId()
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {children}
    </svg>
  )
}
