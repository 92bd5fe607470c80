/**
 * URL helpers. Pages link to each other with relative URLs, so the built site
 * works on any static server, under any base path, without rewriting.
 */
import path from 'node:path'

/**
 * Site-relative folder URL of an article, without a leading slash.
 * @example articlePath('da-dk', 'guide/analyze.md') // => 'da-dk/guide/analyze/'
 * @example articlePath('da-dk', 'guide/index.md') // => 'da-dk/guide/'
 * @example articlePath('da-dk', 'guide/index.yml') // => 'da-dk/guide/'
 */
export function articlePath(locale: string, relPath: string): string {
  const withoutExtension = relPath.replace(/\.(md|yml)$/i, '')
  const folder = /(^|\/)index$/i.test(withoutExtension)
    ? withoutExtension.replace(/(^|\/)index$/i, '')
    : withoutExtension
  return folder ? `${locale}/${folder}/` : `${locale}/`
}

/** Output file of an article below the output folder: `da-dk/guide/analyze/index.html`. */
export function articleOutputFile(locale: string, relPath: string): string {
  return `${articlePath(locale, relPath)}index.html`
}

/**
 * Relative URL from one site-relative page folder to a site-relative target,
 * always starting with `./` or `../` so that no folder name (`javascript:x,`)
 * can be read as a scheme (see url-policy.ts).
 * @example relativeUrl('da-dk/guide/a/', 'en-us/guide/b/') // => '../../../en-us/guide/b/'
 * @example relativeUrl('da-dk/', 'da-dk/guide/') // => './guide/'
 */
export function relativeUrl(fromFolder: string, to: string): string {
  const trailingSlash = to === '' || to.endsWith('/')
  let relative = path.posix.relative(`/${fromFolder}`, `/${to}`)
  if (relative === '') return './'
  if (trailingSlash) relative += '/'
  return relative.startsWith('../') || relative === '..' ? relative : `./${relative}`
}

/**
 * True for a URL with a scheme (`https:`, `mailto:`) or protocol-relative
 * `//host`, which browsers also read in `\\host`, `/\host` and `\/host`.
 */
export function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[/\\]{2}/.test(url)
}

/** Split `a.md?tabs=x#frag` into its path, query and fragment (fragment without `#`). */
export function splitUrl(url: string): { pathname: string; search: string; hash: string } {
  const hashAt = url.indexOf('#')
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt)
  const hash = hashAt === -1 ? '' : url.slice(hashAt + 1)
  const queryAt = beforeHash.indexOf('?')
  return {
    pathname: queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt),
    search: queryAt === -1 ? '' : beforeHash.slice(queryAt),
    hash,
  }
}

/**
 * Resolve a relative path against the folder of `fromRelPath`; `undefined`
 * when the result would leave the content root.
 * @example resolveRelPath('a/b.md', '../c.md') // => 'c.md'
 */
export function resolveRelPath(fromRelPath: string, target: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURI(target)
  } catch {
    decoded = target
  }
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromRelPath), decoded))
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return undefined
  const trimmed = joined.replace(/\/$/, '')
  return trimmed === '.' ? '' : trimmed
}
