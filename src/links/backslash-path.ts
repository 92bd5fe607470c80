/**
 * DocFX reads `\` in a relative link's path as `/` (`..\media\a.png`,
 * `folder\page.md`, written by Windows tools); so does tolk, with a
 * `link-backslash` warning where the link is written. Only the path is read
 * so: the query and fragment keep what they hold. A URL with a scheme
 * (`https://…\…`, `C:\x`) and a path that would start with `//` once read (a
 * Windows network path `\\server\share`, `/\host`) stay as written: browsers
 * read those as another host, and the URL policy refuses them.
 */
import { isExternal, splitUrl } from './urls.ts'

/**
 * The URL with the backslashes of its path read as `/`, or `undefined` when
 * it has none there or is not a relative or root-relative path.
 * @example slashedPath('..\\media\\a.png') // => '../media/a.png'
 * @example slashedPath('a\\b.md#x\\y') // => 'a/b.md#x\\y'
 * @example slashedPath('\\\\server\\x') // => undefined
 */
export function slashedPath(url: string): string | undefined {
  if (!url.includes('\\') || isExternal(url)) return undefined
  const { pathname } = splitUrl(url)
  if (!pathname.includes('\\')) return undefined
  const slashed = pathname.replaceAll('\\', '/')
  if (slashed.startsWith('//')) return undefined
  return slashed + url.slice(pathname.length)
}
