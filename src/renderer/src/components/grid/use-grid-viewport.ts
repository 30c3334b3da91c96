// What part of a virtualised grid is on screen: the grid's height as it is measured, how far it has scrolled,
// and from that the rows to put in the DOM (the visible ones plus a few either side). It scrolls a row into
// view for the keyboard and back to the top when the query changes.
import { useCallback, useEffect, useRef, useState } from 'react'

/** Height of the header row, which scrolls with the rows but covers the first of them. */
export const HEADER_HEIGHT = 38

interface Options {
  rowCount: number
  rowHeight: number
  overscan: number
  /** When it changes the grid scrolls back to the top (a new query). */
  resetKey?: string
  onRangeChange?(start: number, end: number): void
}

export function useGridViewport({ rowCount, rowHeight, overscan, resetKey, onRangeChange }: Options) {
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(600)

  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const observer = new ResizeObserver(() => setViewport(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 })
  }, [resetKey])

  const bodyHeight = Math.max(0, viewport - HEADER_HEIGHT)
  const firstVisible = Math.floor(scrollTop / rowHeight)
  const visibleCount = Math.max(1, Math.ceil(bodyHeight / rowHeight))
  const start = Math.max(0, firstVisible - overscan)
  const end = Math.min(rowCount, firstVisible + visibleCount + overscan)

  useEffect(() => {
    onRangeChange?.(firstVisible, Math.min(rowCount, firstVisible + visibleCount))
  }, [firstVisible, visibleCount, rowCount, onRangeChange])

  /** Scrolls as little as it takes for the row at `index` to be wholly in view. */
  const scrollToRow = useCallback(
    (index: number) => {
      const element = scroller.current
      if (!element) return
      const top = index * rowHeight
      const visibleHeight = element.clientHeight - HEADER_HEIGHT
      if (top < element.scrollTop) element.scrollTop = top
      else if (top + rowHeight > element.scrollTop + visibleHeight)
        element.scrollTop = top + rowHeight - visibleHeight
    },
    [rowHeight]
  )

  const onScroll = useCallback((event: { currentTarget: HTMLElement }) => {
    setScrollTop(event.currentTarget.scrollTop)
  }, [])

  return { scroller, start, end, visibleCount, scrollToRow, onScroll }
}
