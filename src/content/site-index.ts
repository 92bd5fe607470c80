/**
 * The site's page index: which article exists in which locale. Rendering a
 * page reads it (switcher, link targets) but never changes it.
 */
import type { ResolvedConfig } from '../config/schema.ts'
import type { LocaleSources, SourceRef } from './discover.ts'
import type { RedirectPlaces } from './redirects.ts'
import { articlePath } from '../links/urls.ts'
import type { XrefIndex } from '../xref/xref-index.ts'

export interface SiteIndex {
  /** Locale codes in config order. */
  locales: string[]
  defaultLocale: string
  /** locale → relPath → source. */
  articlesByLocale: Map<string, Map<string, SourceRef>>
  /** locale → URL key (see `urlKeyOf`) → the relPath of the locale's article there (the first, when two clash). */
  relPathsByUrlKey: Map<string, Map<string, string>>
  /** Every article path of any locale, sorted. */
  allArticlePaths: string[]
  /** locale → asset paths (images, downloads) in that locale's root. */
  assetsByLocale: Map<string, Set<string>>
  /** locale → lower-cased article or asset path → its real path, for case-insensitive matches. */
  pathsByLowerCase: Map<string, Map<string, string>>
  /**
   * Redirected article paths (DocFX `source_path`) → root-relative
   * `redirect_url`: the default locale's (site-wide) redirection file. A
   * locale's own file is in `localeRedirects`; `redirectOf` merges them.
   */
  redirects: Map<string, string>
  /** Root-relative prefixes outside this build → URL templates (`{locale}` filled in), longest first. */
  externalRoots: Array<[prefix: string, template: string]>
  /** Untranslated articles get a page in every locale (`fallback: 'page'`). */
  fallbackPages: boolean
  /** Link prefixes never checked. */
  ignoreLinks: string[]
  /** DocFX YAML pages of any locale (linked, but not built). */
  yamlPages: Set<string>
  /** First path segments of every article (docset folders like `microsoft-365`). */
  topFolders: Set<string>
  /** Redirected article paths → where their entry is in the redirection file (absent in tests that make redirects by hand). */
  redirectPlaces?: Map<string, RedirectPlaces> | undefined
  /** Locale → its own redirection file's entries (source path → `redirect_url`), for locales that have one. */
  localeRedirects?: Map<string, Map<string, string>> | undefined
  /** Locale → where its own entries are in its file. */
  localeRedirectPlaces?: Map<string, Map<string, RedirectPlaces>> | undefined
  /**
   * Locale → default-locale articles its own file redirects somewhere that
   * exists (`movedArticles` in resolve-link.ts, set once the index is made):
   * the locale has a redirect page there, not a fallback page.
   */
  movedByLocale?: Map<string, Set<string>> | undefined
  /** The uids cross-references resolve against (xref/xref-index.ts, set in `prepareSite`); absent: none. */
  xref?: XrefIndex | undefined
}

export interface SiteIndexExtras {
  redirects?: Map<string, string>
  redirectPlaces?: Map<string, RedirectPlaces>
  localeRedirects?: Map<string, Map<string, string>>
  localeRedirectPlaces?: Map<string, Map<string, RedirectPlaces>>
}

export function createSiteIndex(
  config: ResolvedConfig,
  sources: Map<string, LocaleSources>,
  extras: SiteIndexExtras = {},
): SiteIndex {
  const articlesByLocale = new Map<string, Map<string, SourceRef>>()
  const all = new Set<string>()
  const assetsByLocale = new Map<string, Set<string>>()
  const pathsByLowerCase = new Map<string, Map<string, string>>()
  const relPathsByUrlKey = new Map<string, Map<string, string>>()
  for (const locale of config.locales) {
    const lower = new Map<string, string>()
    for (const ref of [...(sources.get(locale.code)?.articles ?? []), ...(sources.get(locale.code)?.assets ?? [])]) {
      lower.set(ref.relPath.toLowerCase(), ref.relPath)
    }
    pathsByLowerCase.set(locale.code, lower)
    assetsByLocale.set(locale.code, new Set((sources.get(locale.code)?.assets ?? []).map((ref) => ref.relPath)))
    const articles = new Map<string, SourceRef>()
    const byUrlKey = new Map<string, string>()
    for (const ref of sources.get(locale.code)?.articles ?? []) {
      articles.set(ref.relPath, ref)
      all.add(ref.relPath)
      const key = urlKeyOf(ref.relPath)
      if (!byUrlKey.has(key)) byUrlKey.set(key, ref.relPath)
    }
    articlesByLocale.set(locale.code, articles)
    relPathsByUrlKey.set(locale.code, byUrlKey)
  }
  return {
    locales: config.locales.map((locale) => locale.code),
    defaultLocale: config.defaultLocale,
    articlesByLocale,
    relPathsByUrlKey,
    allArticlePaths: [...all].sort(),
    assetsByLocale,
    pathsByLowerCase,
    redirects: extras.redirects ?? new Map(),
    externalRoots: Object.entries(config.externalRoots).sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1)),
    ignoreLinks: config.ignoreLinks,
    fallbackPages: config.fallback === 'page',
    yamlPages: new Set(config.locales.flatMap((locale) => (sources.get(locale.code)?.yamlPages ?? []).map((ref) => ref.relPath))),
    topFolders: new Set([...all].filter((relPath) => relPath.includes('/')).map((relPath) => relPath.split('/')[0]!)),
    redirectPlaces: extras.redirectPlaces ?? new Map(),
    localeRedirects: extras.localeRedirects ?? new Map(),
    localeRedirectPlaces: extras.localeRedirectPlaces ?? new Map(),
  }
}

/** The redirect of `relPath` in `locale`'s own redirection file, if it has one. */
export function ownRedirect(index: SiteIndex, relPath: string, locale: string): string | undefined {
  const entries = index.localeRedirects?.get(locale)
  if (!entries) return undefined
  // DocFX matches a `source_path` whatever its letter case (the files come from Windows authors).
  return entries.get(relPath) ?? lowerCased(entries).get(relPath.toLowerCase())
}

const lowerCasedEntries = new WeakMap<Map<string, string>, Map<string, string>>()

/** A locale's redirect entries by lower-cased `source_path`, made once per map. */
function lowerCased(entries: Map<string, string>): Map<string, string> {
  let lower = lowerCasedEntries.get(entries)
  if (!lower) {
    lower = new Map()
    for (const [source, target] of entries) if (!lower.has(source.toLowerCase())) lower.set(source.toLowerCase(), target)
    lowerCasedEntries.set(entries, lower)
  }
  return lower
}

/** True when `locale`'s own redirection file moved the default locale's `relPath` somewhere that exists. */
export function isMoved(index: SiteIndex, relPath: string, locale: string): boolean {
  return index.movedByLocale?.get(locale)?.has(relPath) ?? false
}

/**
 * Where a link to `relPath` from `locale` is redirected, merging the
 * redirection files the way DocFX builds each translation repository:
 *
 * | `locale` has…                              | the link goes to                        |
 * | ------------------------------------------ | --------------------------------------- |
 * | its own article at `relPath`               | that article (never redirected)         |
 * | its own entry for `relPath`                | its own entry's target                  |
 * | the default locale's article at `relPath`  | that article (a fallback page)          |
 * | only a default-locale (site-wide) entry    | the site-wide entry's target            |
 *
 * This answers the redirect part only; callers look for articles first.
 * `own` says which file the entry is from.
 */
export function redirectOf(index: SiteIndex, relPath: string, locale: string): { target: string; own: boolean } | undefined {
  const own = ownRedirect(index, relPath, locale)
  if (own !== undefined) return { target: own, own: true }
  const sitewide = index.redirects.get(relPath)
  return sitewide === undefined ? undefined : { target: sitewide, own: false }
}


/**
 * An article's identity across locales: the URL it builds inside its locale
 * (`guide/faq/`, `''` for the home). `faq.md` in one locale and `faq.yml`
 * (a DocFX FAQ page) in another build the same URL, so they are one article
 * in two languages.
 * @example urlKeyOf('guide/faq.yml') // => 'guide/faq/'
 */
export function urlKeyOf(relPath: string): string {
  return articlePath('', relPath).slice(1)
}

/**
 * The relPath of `locale`'s own article at the URL `relPath` builds: `relPath`
 * itself, or its `.md`/`.yml` counterpart; `undefined` when the locale has none.
 */
export function ownRelPath(index: SiteIndex, relPath: string, locale: string): string | undefined {
  if (index.articlesByLocale.get(locale)?.has(relPath)) return relPath
  // Only article paths have counterparts; `guide` or `a.png` never stand for `guide.md`.
  if (!/\.(md|yml)$/i.test(relPath)) return undefined
  return index.relPathsByUrlKey.get(locale)?.get(urlKeyOf(relPath))
}

/**
 * What the build writes at `locale`'s URL of `relPath`: the locale's own
 * article, a fallback page (the default locale's text), or nothing. Page
 * jobs (page-jobs.ts) make exactly these pages; every language link
 * (switcher, hreflang, sitemap, notices, home links) is computed from it.
 */
export function builtPage(index: SiteIndex, relPath: string, locale: string): 'own' | 'fallback' | undefined {
  if (ownRelPath(index, relPath, locale) !== undefined) return 'own'
  // The locale's own redirection file moved the article: a redirect page stands there, no fallback.
  if (isMoved(index, relPath, locale)) return undefined
  if (index.fallbackPages && ownRelPath(index, relPath, index.defaultLocale) !== undefined) return 'fallback'
  return undefined
}

/** Locales that have their own copy of `relPath` (or of its `.md`/`.yml` counterpart), in config order. */
export function alternatesOf(index: SiteIndex, relPath: string): string[] {
  return index.locales.filter((locale) => ownRelPath(index, relPath, locale) !== undefined)
}

/**
 * The locale whose page a link to `relPath` from `locale` lands on: the
 * locale's own; for an article only the default locale has, the locale's
 * fallback page, or the default locale's page when fallback pages are off;
 * `undefined` when no such article exists.
 */
export function landingLocale(index: SiteIndex, relPath: string, locale: string): string | undefined {
  if (builtPage(index, relPath, locale)) return locale
  // The locale's own redirection file moved the article: links follow the redirect instead.
  if (isMoved(index, relPath, locale)) return undefined
  return ownRelPath(index, relPath, index.defaultLocale) !== undefined ? index.defaultLocale : undefined
}

/** True when `locale` shows `relPath` from the default locale (a fallback page). */
export function isFallback(index: SiteIndex, relPath: string, locale: string): boolean {
  return builtPage(index, relPath, locale) === 'fallback'
}

/** The locale whose copy of an asset a page in `locale` uses, or `undefined` when none has it. */
export function assetLocale(index: SiteIndex, relPath: string, locale: string): string | undefined {
  if (index.assetsByLocale.get(locale)?.has(relPath)) return locale
  if (index.assetsByLocale.get(index.defaultLocale)?.has(relPath)) return index.defaultLocale
  return undefined
}
