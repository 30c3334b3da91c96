// The header row of the virtualised grid: one cell per column, a sort button where the column sorts, and the
// current sort as aria-sort and a mark.
import type { GridLayout, GridSort } from './VirtualGrid'

interface Props<T> {
  layout: GridLayout<T>
  height: number
  sort?: GridSort
  onSort?(sortKey: string): void
  sortHint?: string
}

export function GridHeader<T>({ layout, height, sort, onSort, sortHint }: Props<T>) {
  const { columns, template, width } = layout
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="vgrid-header"
      style={{ gridTemplateColumns: template, width, height }}
    >
      {columns.map((column, c) => {
        const sorted = sort && column.sortKey === sort.by ? sort.direction : undefined
        return (
          <div
            key={column.id}
            role="columnheader"
            aria-colindex={c + 1}
            aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
            className={column.align === 'end' ? 'vgrid-cell numeric' : 'vgrid-cell'}
          >
            {column.sortKey && onSort ? (
              <button
                type="button"
                className="vgrid-sort"
                title={sortHint}
                onClick={() => onSort(column.sortKey!)}
              >
                {column.header}
                <span aria-hidden="true" className="vgrid-sort-mark">
                  {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                </span>
              </button>
            ) : (
              column.header
            )}
          </div>
        )
      })}
    </div>
  )
}
