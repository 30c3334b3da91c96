// Security settings shared by the Electron window and the browser host.

/** No remote code, no inline scripts, no plugins; API calls only to our own origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** External links the app may open in the system browser. */
export const EXTERNAL_LINK_HOSTS = [
  'truora.com',
  'www.truora.com',
  'dev.truora.com',
  'docs.truora.com',
  'app.truora.com'
]

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && EXTERNAL_LINK_HOSTS.includes(url.hostname)
  } catch {
    return false
  }
}

/** Hosts that are this computer: a Sandbox there may be given a key, as may Truora. */
export function isLoopbackUrl(raw: string): boolean {
  try {
    const host = new URL(raw).hostname
    return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  } catch {
    return false
  }
}

/**
 * Where an API key may be sent: Truora's own hosts over https, or a Sandbox on this computer. Anything else
 * (a mistyped address, a proxy, a look-alike domain) never sees the key.
 */
export function isApiKeyDestination(raw: string): boolean {
  if (isLoopbackUrl(raw)) return /^https?:$/.test(new URL(raw).protocol)
  try {
    const url = new URL(raw)
    return (
      url.protocol === 'https:' && (url.hostname === 'truora.com' || url.hostname.endsWith('.truora.com'))
    )
  } catch {
    return false
  }
}
