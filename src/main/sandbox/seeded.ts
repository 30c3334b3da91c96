// Repeatable randomness: the same seed and inputs give the same ids, outcomes and outages.
import { createHash } from 'node:crypto'

/** Hex digest of the parts, for ids. */
export function seededHex(length: number, ...parts: (string | number)[]): string {
  let out = ''
  for (let round = 0; out.length < length; round++)
    out += createHash('sha256')
      .update(`${round}\u0000${parts.join('\u0000')}`)
      .digest('hex')
  return out.slice(0, length)
}

/** A number in [0, 1) fixed by the parts. */
export function seededUnit(...parts: (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest()
  return digest.readUInt32BE(0) / 2 ** 32
}

export function seededPick<T>(items: readonly T[], ...parts: (string | number)[]): T {
  return items[Math.floor(seededUnit(...parts) * items.length)]
}

/** A stream of numbers in [0, 1) (mulberry32), for decisions taken per request such as faults. */
export function randomStream(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}
