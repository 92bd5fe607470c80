/**
 * Turn a request URL into a site-relative path the dev server may answer, or
 * `undefined` for anything that tries to leave the served roots: `..` in any
 * spelling (`%2e%2e`), encoded slashes or backslashes, NUL bytes, or a path
 * outside the configured base.
 * @example requestPath('/docs/da-dk/guide/?x=1', '/docs/') // => 'da-dk/guide/'
 * @example requestPath('/docs/%2e%2e/tolk.config.ts', '/docs/') // => undefined
 */
export function requestPath(url: string, base: string): string | undefined {
  const pathname = url.split(/[?#]/)[0] ?? ''
  // Encoded separators would let a decoded path differ from what routing saw.
  if (/%2f|%5c|%00/i.test(pathname)) return undefined
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  if (decoded.includes('\\') || decoded.includes('\0') || !decoded.startsWith(base)) return undefined
  const relative = decoded.slice(base.length)
  const segments = relative.split('/')
  if (segments.some((segment) => segment === '..' || segment === '.')) return undefined
  if (relative.startsWith('/')) return undefined
  return relative
}
