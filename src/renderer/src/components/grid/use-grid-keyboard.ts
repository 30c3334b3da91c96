// The keyboard of a virtualised grid: which row (and which cell in it) the keyboard is on, and what each key
// does. Arrows Up/Down, PageUp/PageDown, Home/End move between rows; Left/Right move to a cell and Escape goes
// back to the whole row; Enter or Space presses what the cell holds, or opens the row. The controls inside
// cells are kept out of the Tab order so the grid is one Tab stop.
import { useCallback, useLayoutEffect, useState, type KeyboardEvent, type RefObject } from 'react'

/** What counts as a control inside a cell. */
const CONTROLS = 'button, input, select, textarea, a[href], [tabindex]'

/** The DOM id of a cell, which aria-activedescendant points at. */
export function gridCellId(gridId: string, index: number, column: number): string {
  return `${gridId}-r${index}-c${column}`
}

interface Options<T> {
  gridId: string
  scroller: RefObject<HTMLDivElement | null>
  rowCount: number
  columnCount: number
  /** Rows a page key moves by. */
  pageSize: number
  row(index: number): T | undefined
  onActivate?(row: T, index: number): void
  scrollToRow(index: number): void
}

export function useGridKeyboard<T>({
  gridId,
  scroller,
  rowCount,
  columnCount,
  pageSize,
  row,
  onActivate,
  scrollToRow
}: Options<T>) {
  const [focused, setFocused] = useState(0)
  /** The cell the keyboard is on in the focused row, or null for the whole row. */
  const [cell, setCell] = useState<number | null>(null)
  const focus = Math.min(focused, Math.max(0, rowCount - 1))

  // Whatever a column renders, its controls are not Tab stops of their own: Tab leaves the grid in one press.
  useLayoutEffect(() => {
    scroller.current
      ?.querySelectorAll<HTMLElement>(`.vgrid-body :is(${CONTROLS})`)
      .forEach((control) => control.setAttribute('tabindex', '-1'))
  })

  const moveTo = (index: number) => {
    if (!scroller.current || rowCount === 0) return
    const next = Math.max(0, Math.min(rowCount - 1, index))
    setFocused(next)
    scrollToRow(next)
  }

  /** A row clicked: the keyboard goes to it, on the whole row. */
  const pick = useCallback((index: number) => {
    setFocused(index)
    setCell(null)
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) {
      // Enter or Escape in a control inside a cell (a cell being edited) ends it: the grid takes focus back
      // once the control has gone, so the keyboard is not dropped on the page.
      if (event.key === 'Enter' || event.key === 'Escape') {
        const grid = event.currentTarget
        requestAnimationFrame(() => {
          if (!grid.contains(document.activeElement) || document.activeElement === document.body) grid.focus()
        })
      }
      return
    }
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault()
      const last = columnCount - 1
      setCell((current) =>
        event.key === 'ArrowRight'
          ? Math.min(last, current === null ? 0 : current + 1)
          : current === null || current === 0
            ? null
            : current - 1
      )
      return
    }
    if (event.key === 'Escape' && cell !== null) {
      event.preventDefault()
      setCell(null)
      return
    }
    const moves: Record<string, number | undefined> = {
      ArrowDown: focus + 1,
      ArrowUp: focus - 1,
      PageDown: focus + pageSize,
      PageUp: focus - pageSize,
      Home: 0,
      End: rowCount - 1
    }
    const target = moves[event.key]
    if (target !== undefined) {
      event.preventDefault()
      moveTo(target)
      return
    }
    if (event.key === 'Enter' || event.key === ' ') {
      const control =
        cell === null
          ? null
          : document.getElementById(gridCellId(gridId, focus, cell))?.querySelector<HTMLElement>(CONTROLS)
      if (control) {
        event.preventDefault()
        control.click()
        return
      }
      const item = row(focus)
      if (item && onActivate) {
        event.preventDefault()
        onActivate(item, focus)
      }
    }
  }

  return { focus, cell, pick, onKeyDown }
}
