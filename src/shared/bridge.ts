// The type of `window.api`, derived from the contract: `api.profiles.setKey(input)` for channel
// `profiles:setKey`, each answering with the envelope.
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from './contract'
import type { Envelope } from './result'

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never

export type BridgeCall<C extends Channel> =
  undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>

export type BridgeDomains = {
  [D in DomainOf<Channel>]: { [V in VerbOf<Channel, D>]: BridgeCall<`${D}:${V}` & Channel> }
}

export type BridgeEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName]

export type LoteBridge = BridgeDomains & {
  onEvent(listener: (event: BridgeEvent) => void): () => void
  /** The path of a dropped or picked file (desktop app only). */
  pathForFile(file: File): string
}
