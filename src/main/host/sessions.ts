// Browser sessions of the host. The address `lote serve` prints carries a one-time launch code; the first
// load trades it for a session kept in an HttpOnly, SameSite=Strict cookie, so the code left in the browser's
// history is spent, and nothing the page asks for afterwards carries a secret in its URL. Sessions end after
// a while without use and after a maximum lifetime; a new address is then minted for the terminal.
import { randomBytes } from 'node:crypto'

export interface SessionPolicy {
  /** A session not used for this long ends. */
  idleMs: number
  /** A session ends this long after it began, used or not. */
  maxMs: number
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 12 * 3_600_000,
  maxMs: 24 * 3_600_000
}

interface Session {
  startedAt: number
  lastUsedAt: number
}

export type SessionCheck = 'valid' | 'expired' | 'unknown'

function secret(): string {
  return randomBytes(32).toString('base64url')
}

export class HostSessions {
  private readonly sessions = new Map<string, Session>()
  /** The one launch code printed and not used yet. */
  private unusedCode: string | null = null

  constructor(
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly now: () => number = Date.now
  ) {}

  /** A fresh launch code; any earlier unused one stops working. */
  mintLaunchCode(): string {
    this.unusedCode = secret()
    return this.unusedCode
  }

  /** Whether a launch code is waiting to be used (then there is no need to print another). */
  get hasUnusedCode(): boolean {
    return this.unusedCode !== null
  }

  /** Trades an unused launch code for a new session id; null when the code is wrong or spent. */
  redeem(code: string): string | null {
    if (this.unusedCode === null || !sameSecret(code, this.unusedCode)) return null
    this.unusedCode = null
    const id = secret()
    const at = this.now()
    this.sessions.set(id, { startedAt: at, lastUsedAt: at })
    return id
  }

  /** Checks a session id and, when it is valid and `use` is set, counts this as use. */
  check(id: string | undefined, use = true): SessionCheck {
    if (!id) return 'unknown'
    const session = this.sessions.get(id)
    if (!session) return 'unknown'
    const at = this.now()
    if (at - session.lastUsedAt > this.policy.idleMs || at - session.startedAt > this.policy.maxMs) {
      this.sessions.delete(id)
      return 'expired'
    }
    if (use) session.lastUsedAt = at
    return 'valid'
  }

  /** Seconds a cookie may live: the session's maximum lifetime (the host enforces idleness itself). */
  get cookieMaxAgeSeconds(): number {
    return Math.floor(this.policy.maxMs / 1000)
  }
}

function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
