// A grid for very many rows: fixed row height, only the rows on screen (plus a few) are in the DOM, and rows
// are asked for by index so they can arrive a page at a time. One focusable element with role="grid" carries
// the keyboard (arrows, PageUp/PageDown, Home/End, Enter) and points at the focused row with
// aria-activedescendant, so a screen reader follows it while the DOM stays small. The grid is one Tab stop:
// the buttons and boxes inside cells are left out of the Tab order and reached with the arrows instead
// (Left/Right move to a cell, Enter or Space presses what it holds, Escape goes back to the whole row).
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode
} from 'react'
import { useTranslation } from 'react-i18next'
import { GridHeader } from './GridHeader'

export interface GridColumn<T> {
  id: string
  header: ReactNode
  /** Width in pixels. */
  width: number
  align?: 'start' | 'end'
  /** Set when the column can sort the rows; the value is handed to onSort. */
  sortKey?: string
  render(row: T): ReactNode
  /** Plain text of the cell, for the tooltip of a cut-off value. */
  title?(row: T): string | undefined
}

export interface GridSort {
  by: string
  direction: 'asc' | 'desc'
}

interface Props<T> {
  label: string
  columns: GridColumn<T>[]
  rowCount: number
  row(index: number): T | undefined
  onRangeChange?(start: number, end: number): void
  onActivate?(row: T, index: number): void
  sort?: GridSort
  onSort?(sortKey: string): void
  /** When it changes the grid scrolls back to the top (a new query). */
  resetKey?: string
  rowHeight?: number
  overscan?: number
  /** Text of a row still loading, for screen readers. */
  loadingText: string
  sortHint?: string
  isActive?(row: T): boolean
  /** Extra class of a row (e.g. its status), for how it looks. */
  rowClass?(row: T): string
  /** Extra class of the grid (e.g. its height where it shares a screen). */
  className?: string
  testId?: string
}

const HEADER_HEIGHT = 38
const CONTROLS = 'button, input, select, textarea, a[href], [tabindex]'

export function VirtualGrid<T>({
  label,
  columns,
  rowCount,
  row,
  onRangeChange,
  onActivate,
  sort,
  onSort,
  resetKey,
  rowHeight = 36,
  overscan = 10,
  loadingText,
  sortHint,
  isActive,
  rowClass,
  className,
  testId
}: Props<T>) {
  const { t } = useTranslation()
  const id = useId()
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(600)
  const [focused, setFocused] = useState(0)
  /** The cell the keyboard is on in the focused row, or null for the whole row. */
  const [cell, setCell] = useState<number | null>(null)
  const template = useMemo(() => columns.map((c) => `${c.width}px`).join(' '), [columns])
  const width = useMemo(() => columns.reduce((sum, c) => sum + c.width, 0), [columns])
  const focus = Math.min(focused, Math.max(0, rowCount - 1))

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

  // Whatever a column renders, its controls are not Tab stops of their own: Tab leaves the grid in one press.
  useLayoutEffect(() => {
    scroller.current
      ?.querySelectorAll<HTMLElement>(`.vgrid-body :is(${CONTROLS})`)
      .forEach((control) => control.setAttribute('tabindex', '-1'))
  })

  const bodyHeight = Math.max(0, viewport - HEADER_HEIGHT)
  const firstVisible = Math.floor(scrollTop / rowHeight)
  const visibleCount = Math.max(1, Math.ceil(bodyHeight / rowHeight))
  const start = Math.max(0, firstVisible - overscan)
  const end = Math.min(rowCount, firstVisible + visibleCount + overscan)

  useEffect(() => {
    onRangeChange?.(firstVisible, Math.min(rowCount, firstVisible + visibleCount))
  }, [firstVisible, visibleCount, rowCount, onRangeChange])

  const moveTo = useCallback(
    (index: number) => {
      const element = scroller.current
      if (!element || rowCount === 0) return
      const next = Math.max(0, Math.min(rowCount - 1, index))
      setFocused(next)
      const top = next * rowHeight
      const visibleHeight = element.clientHeight - HEADER_HEIGHT
      if (top < element.scrollTop) element.scrollTop = top
      else if (top + rowHeight > element.scrollTop + visibleHeight)
        element.scrollTop = top + rowHeight - visibleHeight
    },
    [rowCount, rowHeight]
  )

  const cellId = (index: number, column: number) => `${id}-r${index}-c${column}`

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
      const last = columns.length - 1
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
    const page = Math.max(1, visibleCount - 1)
    const moves: Record<string, number | undefined> = {
      ArrowDown: focus + 1,
      ArrowUp: focus - 1,
      PageDown: focus + page,
      PageUp: focus - page,
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
          : document.getElementById(cellId(focus, cell))?.querySelector<HTMLElement>(CONTROLS)
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

  const rows: ReactNode[] = []
  for (let index = start; index < end; index++) {
    const item = row(index)
    const classes = ['vgrid-row']
    if (index === focus) classes.push('is-focused')
    if (item && isActive?.(item)) classes.push('is-active')
    if (!item) classes.push('is-loading')
    if (item && onActivate) classes.push('is-clickable')
    if (item && rowClass) classes.push(rowClass(item))
    rows.push(
      <div
        key={index}
        id={`${id}-r${index}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={index === focus}
        aria-busy={item ? undefined : true}
        className={classes.join(' ')}
        style={{ top: index * rowHeight, height: rowHeight, gridTemplateColumns: template, width }}
        onClick={() => {
          setFocused(index)
          setCell(null)
          if (item && onActivate) onActivate(item, index)
        }}
      >
        {item ? (
          columns.map((column, c) => (
            <div
              key={column.id}
              id={cellId(index, c)}
              role="gridcell"
              aria-colindex={c + 1}
              className={
                (column.align === 'end' ? 'vgrid-cell numeric' : 'vgrid-cell') +
                (index === focus && c === cell ? ' is-focused' : '')
              }
              title={column.title?.(item)}
            >
              {column.render(item)}
            </div>
          ))
        ) : (
          <div role="gridcell" aria-colindex={1} className="vgrid-cell vgrid-skeleton">
            <span className="visually-hidden">{loadingText}</span>
          </div>
        )}
      </div>
    )
  }

  return (
    <>
      {/* Beside the grid, not in it: a grid holds only rows. Out of flow, so the layout does not change. */}
      <span id={`${id}-keys`} className="visually-hidden">
        {t('common.gridKeys')}
      </span>
      <div
        ref={scroller}
        className={className ? `vgrid ${className}` : 'vgrid'}
        role="grid"
        tabIndex={0}
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length}
        aria-describedby={`${id}-keys`}
        aria-activedescendant={
          rowCount > 0 && focus >= start && focus < end
            ? cell === null || !row(focus)
              ? `${id}-r${focus}`
              : cellId(focus, cell)
            : undefined
        }
        data-testid={testId}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <GridHeader
          columns={columns}
          template={template}
          width={width}
          height={HEADER_HEIGHT}
          sort={sort}
          onSort={onSort}
          sortHint={sortHint}
        />
        <div className="vgrid-body" style={{ height: rowCount * rowHeight, width }}>
          {rows}
        </div>
      </div>
    </>
  )
}
