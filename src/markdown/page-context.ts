/**
 * What a plugin may know about the page being rendered. It travels on
 * `file.data.page`, so one frozen processor serves every page and locale.
 */
import type { IncludeRoots } from '../includes/resolve-include.ts'
import type { SiteIndex } from '../content/site-index.ts'

export interface PageContext {
  locale: string
  /** The article's path inside its content root (the page's source, not an include). */
  relPath: string
  /** Locale the article content comes from (the page locale unless it is a fallback page). */
  contentLocale: string
  roots: IncludeRoots
  site: SiteIndex
  /** Looks up a UI string in the page's locale (with default-locale fallback). */
  t: (key: string) => string
}

declare module 'vfile' {
  interface DataMap {
    page: PageContext
  }
}

declare module 'unist' {
  interface Data {
    /** Absolute path of the include file a node came from; messages about it go there. */
    sourceFile?: string
    /** Path of that include inside the content root, for resolving its relative links. */
    sourceRelPath?: string
    /** A link's URL as written in its include, before it was rebased onto the page. */
    sourceUrl?: string
  }
}
