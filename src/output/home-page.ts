/**
 * The generated home page of a locale that has no `index.md`/`index.yml` of
 * its own (and no fallback page for the default locale's): the site title
 * and the top level of the locale's root TOC as links, in the page template.
 * So `/<locale>/`, the site-title link, the 404 page's home link and the
 * root page's language links always land on a written page.
 */
import { h } from 'hastscript'
import type { ElementContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { ResolvedConfig } from '../config/schema.ts'
import { builtPage, type SiteIndex } from '../content/site-index.ts'
import { computedUrl } from '../links/url-policy.ts'
import { relativeUrl } from '../links/urls.ts'
import type { NavItemView, PageNav } from '../nav/page-nav.ts'
import { pageAssets, type PageData } from '../render/page-data.ts'
import type { PageTemplate } from '../render/templates.ts'

type Translate = (locale: string, key: string) => string

/** The relPath a locale's home is built from, for navigation and URLs. */
export const homeRelPath = 'index.md'

/** True when the build writes no article at `/<locale>/`, so tolk generates the home page. */
export function needsGeneratedHome(site: SiteIndex, locale: string): boolean {
  return builtPage(site, homeRelPath, locale) === undefined
}

/** `nav` is the root TOC's view from `/<locale>/` (its own locale's, else the default locale's); `undefined` without TOCs. */
export function homePageHtml(config: ResolvedConfig, locale: string, template: PageTemplate, t: Translate, nav: PageNav | undefined): string {
  const here = `${locale}/`
  const own = config.locales.find((entry) => entry.code === locale)!
  const title = t(locale, 'site.title')
  const content = toHtml([h('h1', title), ...(nav && nav.items.length > 0 ? [h('ul', { className: ['home-contents'] }, nav.items.map(listItem))] : [])])
  const data: PageData = {
    lang: own.lang,
    dir: own.dir,
    locale,
    title,
    description: undefined,
    keywords: undefined,
    date: undefined,
    dateIso: undefined,
    content,
    contentHead: content,
    contentBody: '',
    readingTime: undefined,
    home: true,
    contentLang: undefined,
    contentDir: undefined,
    notices: [],
    // Every locale has a home (its own, a fallback page, or a generated one).
    switcher: config.locales.map((other) => ({
      label: t(other.code, 'locale.name'),
      lang: other.lang,
      href: computedUrl(relativeUrl(here, `${other.code}/`)),
      current: other.code === locale,
      fallback: false,
      unavailable: undefined,
    })),
    homeHref: computedUrl('./'),
    assetsHref: computedUrl(relativeUrl(here, '_tolk/')),
    ...pageAssets(computedUrl(relativeUrl(here, '_tolk/'))),
    nav,
    outline: [],
    canonical: config.siteUrl ? computedUrl(`${config.siteUrl}${config.base}${here}`) : undefined,
    alternates: [],
    noindex: false,
    siteHome: true,
    t: (key) => t(locale, key),
  }
  return template(data as unknown as Record<string, unknown>)
}

/** A TOC entry as a link; an entry without a page of its own lists its children's links. */
function listItem(item: NavItemView): ElementContent {
  if (item.href) return h('li', h('a', { href: item.href }, item.title))
  const children = item.children.filter((child) => child.href)
  return h('li', [item.title, ...(children.length > 0 ? [h('ul', children.map((child) => h('li', h('a', { href: child.href! }, child.title))))] : [])])
}
