/**
 * The URL policy: the one check every URL tolk writes into its output goes
 * through (links and images in articles, TOC sidebar, breadcrumbs,
 * previous/next, language switcher, notices, canonical, hreflang, sitemap,
 * redirect pages, 404 and root pages). Allowed:
 *
 * - absolute `http:`/`https:` with a host, and `mailto:`;
 * - relative URLs, written so that no browser can read a scheme into them:
 *   they start with `./`, `../`, `/` (not `//`), `#` or `?` (`safeUrl` adds
 *   `./` to any other relative URL, so a folder named `javascript:x,` stays
 *   a folder).
 *
 * Everything else is refused: `javascript:`, `data:`, `vbscript:`, `file:` and
 * every other scheme, and protocol-relative `//host`. The URL is judged the
 * way a browser reads it: HTML character references decoded, ASCII tabs and
 * newlines removed anywhere, leading and trailing control characters and
 * spaces stripped, and `\` read as `/` (the WHATWG URL parser does all of
 * these), so `JaVaScRiPt:`, ` javascript:`, `java\tscript:` and
 * `&#106;avascript:` are all refused.
 *
 * Stable exports (the fuzz tests call them): `safeUrl`, `isSafeUrl`, `computedUrl`,
 * `relativeHref`, `printableUrl`, `UrlVerdict`.
 */
import { decodeHTML } from 'entities'

export type UrlVerdict =
  /** `url` is the form to write: cleaned as a browser would, relative URLs prefixed with `./` where needed. */
  | { ok: true; url: string }
  /** Why the URL may not be written (for an `unsafe-url` message; the URL itself is not in it). */
  | { ok: false; reason: string }

const scheme = /^([a-z][a-z0-9+.-]*):/i
/** ASCII tab and newlines: the URL parser removes them anywhere in the URL. */
const tabOrNewline = /[\t\n\r]/g
/** C0 controls and space: the URL parser strips them at both ends. */
const edgeControls = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g

/**
 * Judge a URL tolk is about to write.
 * @example safeUrl('https://learn.microsoft.com/') // => {ok: true, url: 'https://learn.microsoft.com/'}
 * @example safeUrl('guide/a/') // => {ok: true, url: './guide/a/'}
 * @example safeUrl(' JaVa\tScRiPt:alert(1)') // => {ok: false, reason: '`javascript:` URLs are not allowed'}
 */
export function safeUrl(url: string): UrlVerdict {
  const cleaned = clean(url)
  // Judge what a browser could make of it: character references decoded
  // (repeatedly, so `&amp;#106;` counts too), then cleaned again.
  const judged = clean(decodeFully(cleaned)).replaceAll('\\', '/')
  if (judged === '' && cleaned === '') return { ok: true, url: '' }
  const found = scheme.exec(judged)
  if (found) {
    const name = found[1]!.toLowerCase()
    if (name === 'mailto') return { ok: true, url: cleaned }
    if (name !== 'http' && name !== 'https') return { ok: false, reason: `\`${name}:\` URLs are not allowed` }
    if (!hasHost(judged)) return { ok: false, reason: `\`${name}:\` URL without a host` }
    return { ok: true, url: cleaned }
  }
  if (judged.startsWith('//')) return { ok: false, reason: 'protocol-relative URLs (`//host`) are not allowed' }
  return { ok: true, url: relativeHref(cleaned) }
}

/** True when `safeUrl` allows the URL. */
export function isSafeUrl(url: string): boolean {
  return safeUrl(url).ok
}

/**
 * A relative URL written so that no browser reads a scheme into it: `./`
 * in front unless it starts with `./`, `../`, `/` (not `//`), `#` or `?`.
 * Leaves absolute URLs to `safeUrl`; call it on relative URLs only.
 * @example relativeHref('javascript:x,/a/') // => './javascript:x,/a/'
 * @example relativeHref('../a/') // => '../a/'
 */
export function relativeHref(url: string): string {
  if (url === '' || /^(\.\.?\/|\/(?![/\\])|#|\?)/.test(url)) return url
  // `.` and `..` alone name folders; keep them folders.
  if (url === '.' || url === '..') return `${url}/`
  return `./${url}`
}

/**
 * A URL as it may be quoted in a message: control characters shown as
 * escapes, at most 80 characters.
 * @example printableUrl('java\tscript:x') // => 'java\\tscript:x'
 */
export function printableUrl(url: string): string {
  const shown = url.replace(/[\u0000-\u001f\u007f]/g, (char) => (char === '\t' ? '\\t' : char === '\n' ? '\\n' : char === '\r' ? '\\r' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))
  return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown
}

function clean(url: string): string {
  return url.replace(tabOrNewline, '').replace(edgeControls, '')
}

function decodeFully(url: string): string {
  let current = url
  for (let round = 0; round < 4 && current.includes('&'); round++) {
    const decoded = decodeHTML(current)
    if (decoded === current) break
    current = decoded
  }
  return current
}

/** `http(s)://host…` with a non-empty host, as the URL parser sees it. */
function hasHost(url: string): boolean {
  if (!/^https?:\/\/[^/?#]/i.test(url)) return false
  try {
    return new URL(url).hostname !== ''
  } catch {
    return false
  }
}

/**
 * A URL tolk computes itself (relative page URLs, `siteUrl` + path), in the
 * form the policy writes it. Content never reaches here unchecked, so a
 * refusal is a bug in tolk: it throws, and the page becomes an
 * `internal-error` instead of carrying the URL.
 * @example computedUrl('da-dk/') // => './da-dk/'
 */
export function computedUrl(url: string): string {
  const verdict = safeUrl(url)
  if (!verdict.ok) throw new Error(`The URL policy refused a URL tolk made (\`${printableUrl(url)}\`): ${verdict.reason}`)
  return verdict.url
}
