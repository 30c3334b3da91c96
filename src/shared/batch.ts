// The vocabulary of batches and results shared by the backend and the UI.
export * from '../main/batch/types'
export type {
  CheckView,
  DatasetView,
  ResultRow,
  RowPage,
  RowQuery,
  StoredDetail,
  StoredFile
} from '../main/store/results/results-store'

/** One detail of a check as the results drawer shows it: a database's answer and its tables. */
export interface DetailView {
  id: string | null
  dataSet: string | null
  databaseName: string | null
  result: string | null
  severity: string | null
  tables: { title: string; rows: { label: string; value: string }[][] }[]
}
