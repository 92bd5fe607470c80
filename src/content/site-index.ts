/**
 * The site's page index: which article exists in which locale. Rendering a
 * page reads it (switcher, link targets) but never changes it.
 */
import type { ResolvedConfig } from '../config/schema.ts'
import type { LocaleSources, SourceRef } from './discover.ts'

export interface SiteIndex {
  /** Locale codes in config order. */
  locales: string[]
  defaultLocale: string
  /** locale → relPath → source. */
  articlesByLocale: Map<string, Map<string, SourceRef>>
  /** Every article path of any locale, sorted. */
  allArticlePaths: string[]
  /** locale → asset paths (images, downloads) in that locale's root. */
  assetsByLocale: Map<string, Set<string>>
}

export function createSiteIndex(config: ResolvedConfig, sources: Map<string, LocaleSources>): SiteIndex {
  const articlesByLocale = new Map<string, Map<string, SourceRef>>()
  const all = new Set<string>()
  const assetsByLocale = new Map<string, Set<string>>()
  for (const locale of config.locales) {
    assetsByLocale.set(locale.code, new Set((sources.get(locale.code)?.assets ?? []).map((ref) => ref.relPath)))
    const articles = new Map<string, SourceRef>()
    for (const ref of sources.get(locale.code)?.articles ?? []) {
      articles.set(ref.relPath, ref)
      all.add(ref.relPath)
    }
    articlesByLocale.set(locale.code, articles)
  }
  return {
    locales: config.locales.map((locale) => locale.code),
    defaultLocale: config.defaultLocale,
    articlesByLocale,
    allArticlePaths: [...all].sort(),
    assetsByLocale,
  }
}

/** Locales that have their own copy of `relPath`, in config order. */
export function alternatesOf(index: SiteIndex, relPath: string): string[] {
  return index.locales.filter((locale) => index.articlesByLocale.get(locale)?.has(relPath))
}

/**
 * The locale whose page a link to `relPath` from `locale` lands on: the
 * locale's own, else the default locale's, else `undefined` (no such article).
 */
export function landingLocale(index: SiteIndex, relPath: string, locale: string): string | undefined {
  if (index.articlesByLocale.get(locale)?.has(relPath)) return locale
  if (index.articlesByLocale.get(index.defaultLocale)?.has(relPath)) return index.defaultLocale
  return undefined
}

/** The locale whose copy of an asset a page in `locale` uses, or `undefined` when none has it. */
export function assetLocale(index: SiteIndex, relPath: string, locale: string): string | undefined {
  if (index.assetsByLocale.get(locale)?.has(relPath)) return locale
  if (index.assetsByLocale.get(index.defaultLocale)?.has(relPath)) return index.defaultLocale
  return undefined
}
