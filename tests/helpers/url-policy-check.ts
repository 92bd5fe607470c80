/**
 * The test suite's own reading of the URL policy (/work/briefs/url-rule.md,
 * README "Security"), independent of tolk's `src/links/url-policy.ts`: a URL
 * tolk writes is allowed only when it is absolute `http(s):` with a host,
 * `mailto:`, or relative and unreadable as a scheme (`./`, `../`, `/` but not
 * `//`, `#`, `?`). Used by the fuzz and canary tests to judge every URL in
 * the output.
 */

/**
 * TODO(lead): set to `false` after merging the "urlpolicy" branch, which
 * writes every relative URL with a leading `./`. Until then tolk writes bare
 * relative paths like `analyze/` or `media/flow.svg`; this accepts them when
 * no scheme can be read into them (no `:` before the first `/`, `?` or `#`).
 */
export const allowBareRelative = false

/**
 * TODO(lead): set to `false` after merging the "urlpolicy" branch (item 4).
 * Until then a Markdown or HTML link to `//host/` or `/\host` in an article
 * passes the sanitizer as a relative URL and is written as it is.
 */
export const allowProtocolRelative = false

/** How often each URL form the two flags above let through was seen, for the tests to print. */
export const acceptedPendingUrls = new Map<string, number>()

function acceptPending(kind: string): undefined {
  acceptedPendingUrls.set(kind, (acceptedPendingUrls.get(kind) ?? 0) + 1)
  return undefined
}

/** Why `url` breaks the policy, or `undefined` when it is allowed. */
export function urlPolicyViolation(url: string): string | undefined {
  // The HTML parser decoded entities already; what is left is what a browser reads.
  // Spaces inside are tolerable (browsers encode them); control characters, tabs, newlines and edge spaces are not.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) return 'control character, tab or newline in the URL'
  if (url !== url.trim()) return 'leading or trailing whitespace'
  if (/^https?:/i.test(url)) {
    if (!/^https?:\/\/[^/?#]/i.test(url)) return 'http(s) URL without a host'
    if (!URL.canParse(url)) return 'unparsable http(s) URL'
    return undefined
  }
  if (/^mailto:/i.test(url)) return undefined
  // Browsers read `\` as `/` in http(s) URLs: `/\host` and `\\host` are `//host`.
  if (/^[/\\]{2}/.test(url)) return allowProtocolRelative ? acceptPending('protocol-relative (item 4)') : 'protocol-relative URL'
  if (/^(\.\.?[/\\]|\/|#|\?)/.test(url)) return undefined
  if (url === '.' || url === '..') return undefined
  const head = /^[^/?#]*/.exec(url)![0]
  if (head.includes(':')) return `scheme \`${head.slice(0, head.indexOf(':') + 1)}\` not allowed`
  if (url === '') return 'empty URL'
  return allowBareRelative ? acceptPending('bare relative (item 4)') : 'relative URL without a leading `./`, `../`, `/`, `#` or `?`'
}

/** The URLs of a `srcset` value (each candidate's first token). */
export function srcsetUrls(value: string): string[] {
  return value
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '')
}

/** The URL of a `<meta http-equiv="refresh" content="0; url=…">`, or `undefined` without one. */
export function refreshUrl(content: string): string | undefined {
  const match = /^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(content)
  const raw = match?.[1]?.trim()
  if (!raw) return undefined
  return raw.replace(/^(['"])(.*)\1$/s, '$2')
}
