// Batch events reach screens through this one hub: a single subscription to the backend's `batch:event`,
// handed to the screens that follow one batch or all of them.
import { useEffect, useRef } from 'react'
import type { BatchEvent } from '../../../shared/batch'
import { onEvent } from './api'

type Handler = (event: BatchEvent) => void

const ALL = '*'
const handlers = new Map<string, Set<Handler>>()
let stop: (() => void) | undefined

function deliver(event: BatchEvent): void {
  for (const key of [event.batchId, ALL]) handlers.get(key)?.forEach((handler) => handler(event))
}

function subscribe(key: string, handler: Handler): () => void {
  let set = handlers.get(key)
  if (!set) handlers.set(key, (set = new Set()))
  set.add(handler)
  stop ??= onEvent('batch:event', deliver)
  return () => {
    set.delete(handler)
    if (set.size === 0) handlers.delete(key)
    if (handlers.size === 0) {
      stop?.()
      stop = undefined
    }
  }
}

/**
 * Calls `handler` with every event of one batch, or of every batch when `batchId` is null. The latest
 * handler is used without subscribing again, so it may close over fresh state.
 */
export function useBatchEvents(batchId: string | null, handler: Handler): void {
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => subscribe(batchId ?? ALL, (event) => latest.current(event)), [batchId])
}
