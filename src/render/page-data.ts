/**
 * Everything a page template may show, as plain data: the article's metadata
 * and HTML, the locale's facts and the language switcher.
 */
import type { ResolvedConfig, ResolvedLocale } from '../config/schema.ts'
import { alternatesOf, landingLocale, type SiteIndex } from '../content/site-index.ts'
import type { ArticleMeta } from '../front-matter/article-meta.ts'
import type { UiStrings } from '../i18n/ui-strings.ts'
import { articlePath, relativeUrl } from '../links/urls.ts'
import type { PageNav } from '../nav/page-nav.ts'

export interface SwitcherItem {
  /** The locale's name in its own language ("Dansk"). */
  label: string
  lang: string
  href: string
  current: boolean
  /** True when the locale lacks the article and the link goes to the default locale's. */
  fallback: boolean
}

export interface PageData {
  lang: string
  dir: 'ltr' | 'rtl'
  locale: string
  title: string
  description: string | undefined
  keywords: string | undefined
  date: string | undefined
  content: string
  switcher: SwitcherItem[]
  homeHref: string
  assetsHref: string
  nav: PageNav | undefined
  t: (key: string) => string
}

export interface PageDataInput {
  config: ResolvedConfig
  site: SiteIndex
  locale: ResolvedLocale
  relPath: string
  meta: ArticleMeta
  content: string
  strings: UiStrings
  nav: PageNav | undefined
}

export function createPageData(input: PageDataInput): PageData {
  const { config, site, locale, relPath, meta, strings } = input
  const here = articlePath(locale.code, relPath)
  const translated = new Set(alternatesOf(site, relPath))
  const switcher = config.locales.map((other) => {
    const target = landingLocale(site, relPath, other.code) ?? other.code
    return {
      label: strings.t(other.code, 'locale.name'),
      lang: other.lang,
      href: relativeUrl(here, articlePath(target, relPath)),
      current: other.code === locale.code,
      fallback: !translated.has(other.code),
    }
  })
  const home = site.articlesByLocale.get(locale.code)?.has('index.md') ? `${locale.code}/` : here
  return {
    lang: locale.lang,
    dir: locale.dir,
    locale: locale.code,
    title: meta.title,
    description: meta.description,
    keywords: meta.keywords,
    date: meta.date,
    content: input.content,
    switcher,
    homeHref: relativeUrl(here, home),
    assetsHref: relativeUrl(here, '_tolk/'),
    nav: input.nav,
    t: (key) => strings.t(locale.code, key),
  }
}
