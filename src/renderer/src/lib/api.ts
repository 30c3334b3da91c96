// The renderer's only door to the backend: typed calls to the contract's channels, backend events, and files
// in and out. How they travel (Electron IPC or the browser host) is decided once, in transport.ts.
import type { BridgeEvent } from '../../../shared/bridge'
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  Download,
  EventName,
  EventPayload,
  FileRefView
} from '../../../shared/contract'
import type { AppErrorInfo, Envelope } from '../../../shared/result'
import i18n from '../i18n'
import { transport } from './transport'

/**
 * A failed call. Its message is what the analyst reads: the backend's own sentence (specific, in English),
 * led in Spanish and Portuguese by a headline in the analyst's language.
 */
export class ApiError extends Error {
  readonly code: AppErrorInfo['code']
  readonly details?: Record<string, unknown>
  /** The backend's sentence alone. */
  readonly detail: string

  constructor(info: AppErrorInfo) {
    super(
      i18n.language === 'en' || !i18n.exists(`errors.${info.code}`)
        ? info.message
        : `${i18n.t(`errors.${info.code}`)} ${i18n.t('errors.detail', { message: info.message })}`
    )
    this.code = info.code
    this.details = info.details
    this.detail = info.message
  }
}

function valueOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.value
}

/** Calls a backend channel; resolves with its value or rejects with an ApiError carrying the message. */
export async function call<C extends Channel>(
  channel: C,
  ...args: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]
): Promise<ChannelOutput<C>> {
  return valueOf(await transport.invoke(channel, args[0])) as ChannelOutput<C>
}

type Listener = (event: BridgeEvent) => void
const listeners = new Set<Listener>()
let stopListening: (() => void) | undefined

/** Subscribes to one backend event. Returns the unsubscribe function. */
export function onEvent<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void
): () => void {
  const wrapped: Listener = (event) => {
    if (event.name === name) listener(event.payload as EventPayload<E>)
  }
  listeners.add(wrapped)
  // One connection for every listener, open while anyone listens.
  stopListening ??= transport.listen((event) => listeners.forEach((l) => l(event)))
  return () => {
    listeners.delete(wrapped)
    if (listeners.size === 0) {
      stopListening?.()
      stopListening = undefined
    }
  }
}

export function isDesktop(): boolean {
  return transport.desktop
}

/** Hands a dropped or chosen file to the backend: by path on the desktop, by upload in a browser. */
export async function openFile(file: File): Promise<FileRefView> {
  return valueOf(await transport.openFile(file))
}

/**
 * Gives the analyst a file Lote made: the system's save dialog on the desktop, a download in a browser.
 * Resolves with false when the analyst closed the dialog.
 */
export async function saveDownload(download: Download): Promise<boolean> {
  return valueOf(await transport.save(download))
}

/** Asks once for what notifications need (a browser's permission; nothing on the desktop). */
export function prepareNotifications(): void {
  transport.prepareNotifications()
}

/**
 * Tells the analyst something while Lote is in the background: the desktop app's main process shows a system
 * notification; a browser page shows its own if the analyst allowed it. Resolves with whether one was shown.
 */
export function notify(title: string, body: string): Promise<boolean> {
  return transport.notify(title, body)
}
