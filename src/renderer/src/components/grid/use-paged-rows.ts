// Rows of a large result set fetched on demand, a page at a time, and cached by page. The cache belongs to a
// query identity (`key`): when filters or sort change the old pages are dropped, so the grid never shows a row
// under the wrong query. `refresh` refetches only the pages on screen, replacing them in place without a flash.
import { useCallback, useEffect, useRef, useState } from 'react'

export interface Page<T> {
  rows: T[]
  total: number
}

interface Cache<T> {
  key: string
  total: number | null
  pages: ReadonlyMap<number, T[]>
  error?: string
}

export interface PagedRows<T> {
  /** Rows matching the query; null until the first page has answered. */
  total: number | null
  /** The row at an index, or undefined while its page is loading. */
  row(index: number): T | undefined
  /** Tells which rows are on screen; their pages (and one beyond) are fetched if missing. */
  showRange(start: number, end: number): void
  /** Refetches the pages on screen (after the data changed underneath). */
  refresh(): void
  /** Changes loaded rows in place (after an edit whose answer carries the rows as they now are). */
  replace(change: (row: T) => T): void
  loading: boolean
  error: string | undefined
}

/** Wait this long after a scroll before fetching, so a fast drag to the end loads only where it stops. */
const SETTLE_MS = 40

export function usePagedRows<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  key: string,
  pageSize = 200
): PagedRows<T> {
  const [cache, setCache] = useState<Cache<T>>({ key: '', total: null, pages: new Map() })
  const current = useRef({ key, fetchPage })
  const inflight = useRef(new Set<string>())
  const range = useRef({ start: 0, end: 0 })
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const loaded = useRef<{ key: string; pages: ReadonlySet<number> }>({ key: '', pages: new Set() })

  useEffect(() => {
    current.current = { key, fetchPage }
  }, [key, fetchPage])

  const load = useCallback(
    (pages: number[], replace: boolean) => {
      const { key: forKey, fetchPage: fetcher } = current.current
      const wanted = pages.filter((p) => !inflight.current.has(`${forKey}:${p}`))
      if (wanted.length === 0) return
      for (const p of wanted) inflight.current.add(`${forKey}:${p}`)
      void Promise.allSettled(wanted.map((p) => fetcher(p * pageSize, pageSize))).then((answers) => {
        for (const p of wanted) inflight.current.delete(`${forKey}:${p}`)
        if (current.current.key !== forKey) return
        setCache((previous) => {
          const base = previous.key === forKey && !replace ? previous.pages : new Map<number, T[]>()
          const pagesNext = new Map(base)
          let total = previous.key === forKey ? previous.total : null
          let error: string | undefined
          answers.forEach((answer, i) => {
            if (answer.status === 'fulfilled') {
              pagesNext.set(wanted[i], answer.value.rows)
              total = answer.value.total
            } else error = (answer.reason as Error).message
          })
          loaded.current = { key: forKey, pages: new Set(pagesNext.keys()) }
          return { key: forKey, total, pages: pagesNext, error }
        })
      })
    },
    [pageSize]
  )

  const pagesOnScreen = useCallback(() => {
    const { start, end } = range.current
    const first = Math.floor(start / pageSize)
    const last = Math.floor(Math.max(start, end) / pageSize)
    const list: number[] = []
    for (let p = Math.max(0, first); p <= last + 1; p++) list.push(p)
    return list
  }, [pageSize])

  const fetchMissing = useCallback(() => {
    const known = loaded.current.key === current.current.key ? loaded.current.pages : new Set<number>()
    load(
      pagesOnScreen().filter((p) => !known.has(p)),
      false
    )
  }, [load, pagesOnScreen])

  // A new query: start again from the pages on screen.
  useEffect(() => {
    fetchMissing()
  }, [key, fetchMissing])

  useEffect(() => () => clearTimeout(timer.current), [])

  const showRange = useCallback(
    (start: number, end: number) => {
      range.current = { start, end }
      clearTimeout(timer.current)
      timer.current = setTimeout(fetchMissing, SETTLE_MS)
    },
    [fetchMissing]
  )

  const refresh = useCallback(() => load(pagesOnScreen(), true), [load, pagesOnScreen])

  const replace = useCallback(
    (change: (row: T) => T) =>
      setCache((previous) => {
        const pages = new Map<number, T[]>()
        for (const [page, rows] of previous.pages) pages.set(page, rows.map(change))
        return { ...previous, pages }
      }),
    []
  )

  const valid = cache.key === key
  const pages = valid ? cache.pages : undefined
  const row = useCallback(
    (index: number) => pages?.get(Math.floor(index / pageSize))?.[index % pageSize],
    [pages, pageSize]
  )
  return {
    total: valid ? cache.total : null,
    row,
    showRange,
    refresh,
    replace,
    loading: !valid,
    error: valid ? cache.error : undefined
  }
}
