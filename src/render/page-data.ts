/**
 * Everything a page template may show, as plain data: the article's metadata
 * and HTML, the locale's facts, the language switcher, translation notices
 * and the SEO links (canonical, hreflang alternates).
 */
import type { ResolvedConfig, ResolvedLocale } from '../config/schema.ts'
import { alternatesOf, builtPage, type SiteIndex } from '../content/site-index.ts'
import type { ArticleMeta } from '../front-matter/article-meta.ts'
import { formatDate, formatString } from '../i18n/format-string.ts'
import { noticesFor, type Notice } from '../i18n/notices.ts'
import type { TranslationInfo } from '../i18n/translation-status.ts'
import type { UiStrings } from '../i18n/ui-strings.ts'
import { computedUrl } from '../links/url-policy.ts'
import { articlePath, relativeUrl } from '../links/urls.ts'
import type { PageNav } from '../nav/page-nav.ts'
import { clientHrefs } from '../client/client-hrefs.ts'
import { displayNames, numberFormat } from '../i18n/intl-formatters.ts'

export interface SwitcherItem {
  /** The locale's name in its own language ("Dansk"). */
  label: string
  lang: string
  /** `undefined` when the build writes no page for this article in the locale: the entry is shown, but not as a link. */
  href: string | undefined
  current: boolean
  /** True when the locale has no translation of its own and shows the default locale's text. */
  fallback: boolean
  /** On a fallback entry: that the page there is not translated, in the locale's own language (shown as a marker). */
  fallbackNote?: string | undefined
  /** Why an entry without `href` is no link, in the locale's own language. */
  unavailable: string | undefined
}

export interface PageData {
  lang: string
  dir: 'ltr' | 'rtl'
  locale: string
  title: string
  description: string | undefined
  keywords: string | undefined
  /** `ms.date` in the page's language ("8. marts 2022"), and as `YYYY-MM-DD`. */
  date: string | undefined
  dateIso: string | undefined
  /** The article's HTML: `contentHead` (up to and including its title, the first top-level `h1`) then `contentBody`; `content` is both. */
  content: string
  contentHead: string
  contentBody: string
  /** "5 min read" in the page's language, from the article's word count; `undefined` on generated pages. */
  readingTime: string | undefined
  /** True on a locale's home page: its breadcrumbs would only repeat the home crumb. */
  home: boolean
  /** Set when the article text is in another language than the page (a fallback page). */
  contentLang: string | undefined
  contentDir: 'ltr' | 'rtl' | undefined
  notices: Notice[]
  switcher: SwitcherItem[]
  homeHref: string
  assetsHref: string
  /** tolk's stylesheet and page module (hashed names, client-hrefs.ts). */
  styleHref: string
  scriptHref: string
  nav: PageNav | undefined
  /** The article's sections (its `h2`s), listed under "In this article" when there are two or more; `href` is `#id`, encoded. */
  outline: Array<{ id: string; text: string; href: string }>
  /** Absolute URLs; only with a configured `siteUrl`. */
  canonical: string | undefined
  alternates: Array<{ hreflang: string; href: string }>
  /** Fallback pages duplicate the default locale's text: keep them out of search engines. */
  noindex: boolean
  /** The site's generated home page: its title is the site title, so `<title>` does not repeat it. */
  siteHome?: boolean
  /** The site's favicon (client-hrefs.ts). */
  iconHref: string
  t: (key: string) => string
}

export interface PageDataInput {
  config: ResolvedConfig
  site: SiteIndex
  locale: ResolvedLocale
  relPath: string
  meta: ArticleMeta
  /** The article's HTML, split after its title (render-page.ts). */
  content: { head: string; body: string }
  /** Words in the article text, for the reading time. */
  words: number
  strings: UiStrings
  nav: PageNav | undefined
  /** True when the page shows the default locale's text in this locale's chrome. */
  fallback: boolean
  translation: TranslationInfo
  outline: Array<{ id: string; text: string }>
}

/**
 * A language's name as running text in another language (Intl's CLDR data).
 * @example languageName('en-US', 'da-DK') // => 'engelsk'
 */
export function languageName(lang: string, inLang: string): string {
  const language = lang.split('-')[0]!
  try {
    return displayNames(inLang, { type: 'language' }).of(language) ?? language
  } catch {
    return language
  }
}

/** `locale.dateStyle` in the locale's UI strings: `full`, `long` (default), `medium` or `short`. */
function dateStyleOf(value: string): 'full' | 'long' | 'medium' | 'short' {
  return value === 'full' || value === 'medium' || value === 'short' ? value : 'long'
}

export function createPageData(input: PageDataInput): PageData {
  const { config, site, locale, relPath, meta, strings } = input
  const here = articlePath(locale.code, relPath)
  // Every language link goes to a page the build writes (`builtPage`), never to one assumed.
  const translated = new Set(alternatesOf(site, relPath))
  const localeByCode = new Map(config.locales.map((entry) => [entry.code, entry]))
  const source = localeByCode.get(config.defaultLocale)!
  const switcher = config.locales.map((other): SwitcherItem => {
    const built = other.code === locale.code ? (input.fallback ? 'fallback' : 'own') : builtPage(site, relPath, other.code)
    return {
      label: strings.t(other.code, 'locale.name'),
      lang: other.lang,
      href: built ? computedUrl(relativeUrl(here, articlePath(other.code, relPath))) : undefined,
      current: other.code === locale.code,
      fallback: built === 'fallback',
      fallbackNote: built === 'fallback' ? strings.t(other.code, 'switcher.fallback') : undefined,
      unavailable: built ? undefined : strings.t(other.code, 'switcher.unavailable'),
    }
  })
  // Every locale has a home: its own `index.md`/`index.yml`, a fallback page, or a generated one (home-page.ts).
  const home = `${locale.code}/`
  const t = (key: string) => strings.t(locale.code, key)
  const absolute = (path: string) => (config.siteUrl ? computedUrl(`${config.siteUrl}${config.base}${path}`) : undefined)
  const alternates = config.siteUrl
    ? [
        ...[...translated].map((code) => ({ hreflang: localeByCode.get(code)!.lang, href: absolute(articlePath(code, relPath))! })),
        ...(translated.has(source.code) ? [{ hreflang: 'x-default', href: absolute(articlePath(source.code, relPath))! }] : []),
      ]
    : []
  // A translation whose original is not in this build (a locale-only article) links no original.
  const original = input.fallback || translated.has(source.code) ? computedUrl(relativeUrl(here, articlePath(source.code, relPath))) : undefined
  return {
    lang: locale.lang,
    dir: locale.dir,
    locale: locale.code,
    title: meta.title,
    description: meta.description,
    keywords: meta.keywords,
    date: meta.dateValue ? formatDate(meta.dateValue, locale.lang, dateStyleOf(t('locale.dateStyle'))) : undefined,
    dateIso: meta.dateValue?.toISOString().slice(0, 10),
    content: input.content.head + input.content.body,
    contentHead: input.content.head,
    contentBody: input.content.body,
    readingTime: readingTime(input.words, locale.lang, t),
    home: relPath === 'index.md' || relPath === 'index.yml',
    contentLang: input.fallback ? source.lang : undefined,
    contentDir: input.fallback && source.dir !== locale.dir ? source.dir : undefined,
    notices: noticesFor({
      fallback: input.fallback,
      translation: input.translation,
      language: languageName(locale.lang, locale.lang),
      sourceLanguage: languageName(source.lang, locale.lang),
      sourceLang: source.lang,
      sourceHref: original,
      t,
    }),
    switcher,
    homeHref: computedUrl(relativeUrl(here, home)),
    assetsHref: computedUrl(relativeUrl(here, '_tolk/')),
    ...pageAssets(computedUrl(relativeUrl(here, '_tolk/'))),
    nav: input.nav,
    outline: input.outline.length >= 2 ? input.outline.map((section) => ({ ...section, href: fragmentHref(section.id) })) : [],
    // A fallback page points search engines at the original it shows.
    canonical: absolute(articlePath(input.fallback ? source.code : locale.code, relPath)),
    alternates,
    noindex: input.fallback,
    t,
  }
}

/** Words a reader reads in a minute, as reading-time estimates usually take it. */
const wordsPerMinute = 200

/** "5 min read": whole minutes, at least one, with the number in the page's language. */
function readingTime(words: number, lang: string, t: (key: string) => string): string {
  const minutes = Math.max(1, Math.round(words / wordsPerMinute))
  return formatString(t('article.readingTime'), { minutes: numberFormat(lang).format(minutes) })
}

/**
 * `#id` as a URL: an id from `<a name>` may hold spaces, tabs or control
 * characters, which a URL must not; they are percent-encoded (browsers
 * decode a fragment before matching it against ids).
 */
function fragmentHref(id: string): string {
  return computedUrl(`#${id.replace(/[\u0000-\u0020\u007f]/g, (character) => encodeURIComponent(character))}`)
}

/** The stylesheet, page module and favicon, as a page whose `_tolk/` is at `assetsHref` links them. */
export function pageAssets(assetsHref: string): { styleHref: string; scriptHref: string; iconHref: string } {
  const { styleHref, scriptHref, iconHref } = clientHrefs(assetsHref)
  return { styleHref, scriptHref, iconHref }
}
