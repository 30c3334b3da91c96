// The header row of the virtualised grid: one cell per column, a sort button where the column sorts, and the
// current sort as aria-sort and a mark.
import type { GridColumn, GridSort } from './VirtualGrid'

interface Props<T> {
  columns: GridColumn<T>[]
  template: string
  width: number
  height: number
  sort?: GridSort
  onSort?(sortKey: string): void
  sortHint?: string
}

export function GridHeader<T>({ columns, template, width, height, sort, onSort, sortHint }: Props<T>) {
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
