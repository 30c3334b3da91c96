// A grid for very many rows: fixed row height, only the rows on screen (plus a few) are in the DOM, and rows
// are asked for by index so they can arrive a page at a time. One focusable element with role="grid" carries
// the keyboard (arrows, PageUp/PageDown, Home/End, Enter) and points at the focused row with
// aria-activedescendant, so a screen reader follows it while the DOM stays small. The grid is one Tab stop:
// the buttons and boxes inside cells are left out of the Tab order and reached with the arrows instead
// (Left/Right move to a cell, Enter or Space presses what it holds, Escape goes back to the whole row).
// What is on screen is measured in use-grid-viewport.ts, the keys are handled in use-grid-keyboard.ts.
import { useId, useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GridHeader } from './GridHeader'
import { GridRow } from './GridRow'
import { HEADER_HEIGHT, useGridViewport } from './use-grid-viewport'
import { gridCellId, useGridKeyboard } from './use-grid-keyboard'

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

/** The columns and how they are laid out, which the header and every row share. */
export interface GridLayout<T> {
  columns: GridColumn<T>[]
  /** The CSS grid template of a row: one width a column. */
  template: string
  /** The width of a whole row, in pixels. */
  width: number
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
  const layout = useMemo<GridLayout<T>>(
    () => ({
      columns,
      template: columns.map((c) => `${c.width}px`).join(' '),
      width: columns.reduce((sum, c) => sum + c.width, 0)
    }),
    [columns]
  )
  const { scroller, start, end, visibleCount, scrollToRow, onScroll } = useGridViewport({
    rowCount,
    rowHeight,
    overscan,
    resetKey,
    onRangeChange
  })
  const { focus, cell, pick, onKeyDown } = useGridKeyboard({
    gridId: id,
    scroller,
    rowCount,
    columnCount: columns.length,
    pageSize: Math.max(1, visibleCount - 1),
    row,
    onActivate,
    scrollToRow
  })

  const rows: ReactNode[] = []
  for (let index = start; index < end; index++) {
    const item = row(index)
    rows.push(
      <GridRow
        key={index}
        gridId={id}
        index={index}
        item={item}
        layout={layout}
        height={rowHeight}
        focused={index === focus}
        focusedCell={cell}
        active={item !== undefined && isActive?.(item) === true}
        clickable={onActivate !== undefined}
        extraClass={item && rowClass ? rowClass(item) : undefined}
        loadingText={loadingText}
        onClick={() => {
          pick(index)
          if (item && onActivate) onActivate(item, index)
        }}
      />
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
              : gridCellId(id, focus, cell)
            : undefined
        }
        data-testid={testId}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        <GridHeader layout={layout} height={HEADER_HEIGHT} sort={sort} onSort={onSort} sortHint={sortHint} />
        <div className="vgrid-body" style={{ height: rowCount * rowHeight, width: layout.width }}>
          {rows}
        </div>
      </div>
    </>
  )
}
