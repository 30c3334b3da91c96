// One row of the virtualised grid, placed at its own height: a cell per column, or while the row is still
// loading one cell that says so to a screen reader.
import type { GridLayout } from './VirtualGrid'
import { gridCellId } from './use-grid-keyboard'

interface Props<T> {
  gridId: string
  index: number
  item: T | undefined
  layout: GridLayout<T>
  height: number
  /** The row the keyboard is on, and the cell in it (null: the whole row). */
  focused: boolean
  focusedCell: number | null
  active: boolean
  clickable: boolean
  extraClass?: string
  loadingText: string
  onClick(): void
}

export function GridRow<T>({
  gridId,
  index,
  item,
  layout,
  height,
  focused,
  focusedCell,
  active,
  clickable,
  extraClass,
  loadingText,
  onClick
}: Props<T>) {
  const { columns, template, width } = layout
  const classes = ['vgrid-row']
  if (focused) classes.push('is-focused')
  if (item && active) classes.push('is-active')
  if (!item) classes.push('is-loading')
  if (item && clickable) classes.push('is-clickable')
  if (item && extraClass) classes.push(extraClass)
  return (
    <div
      id={`${gridId}-r${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={focused}
      aria-busy={item ? undefined : true}
      className={classes.join(' ')}
      style={{ top: index * height, height, gridTemplateColumns: template, width }}
      onClick={onClick}
    >
      {item ? (
        columns.map((column, c) => (
          <div
            key={column.id}
            id={gridCellId(gridId, index, c)}
            role="gridcell"
            aria-colindex={c + 1}
            className={
              (column.align === 'end' ? 'vgrid-cell numeric' : 'vgrid-cell') +
              (focused && c === focusedCell ? ' is-focused' : '')
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
