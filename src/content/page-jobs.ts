/**
 * The pages a build makes, in output order: every article of every locale,
 * plus, when fallback pages are on, a page in each other locale for every
 * default-locale article it lacks and its own redirection file did not
 * move (a redirect page stands there: output/redirect-pages.ts). An article
 * is matched across locales by the URL it builds (`urlKeyOf`), so a locale's
 * `faq.yml` is the translation of the default locale's `faq.md` and no
 * fallback page replaces it. This is the list `builtPage` (site-index.ts)
 * describes.
 */
import type { ResolvedConfig, ResolvedLocale } from '../config/schema.ts'
import type { LocaleSources, SourceRef } from './discover.ts'
import { isMoved, urlKeyOf, type SiteIndex } from './site-index.ts'

export interface PageJob {
  locale: ResolvedLocale
  /** The article shown: the locale's own, or the default locale's on a fallback page. */
  source: SourceRef
  fallback: boolean
}

export function pageJobs(config: ResolvedConfig, sources: Map<string, LocaleSources>, site: SiteIndex): PageJob[] {
  const defaults = sources.get(config.defaultLocale)?.articles ?? []
  const jobs: PageJob[] = []
  for (const locale of config.locales) {
    const own = sources.get(locale.code)?.articles ?? []
    const ownKeys = new Set(own.map((ref) => urlKeyOf(ref.relPath)))
    const fallbacks =
      config.fallback === 'page' && locale.code !== config.defaultLocale
        ? defaults.filter((ref) => !ownKeys.has(urlKeyOf(ref.relPath)) && !isMoved(site, ref.relPath, locale.code))
        : []
    const list = [
      ...own.map((source) => ({ locale, source, fallback: false })),
      ...fallbacks.map((source) => ({ locale, source, fallback: true })),
    ]
    jobs.push(...list.sort((a, b) => (a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0)))
  }
  return jobs
}
