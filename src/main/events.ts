// Typed events from the backend to whoever shows them: Electron windows or browser-host clients.
import type { EventName, EventPayload } from '../shared/contract'

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void

export class EventBus {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload)
  }
}
