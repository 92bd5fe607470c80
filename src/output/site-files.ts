/**
 * The files around the pages: `sitemap.xml` with hreflang alternates,
 * `robots.txt`, a 404 page per locale (plus `/404.html`), and the root page
 * that sends readers to their language (`navigator.languages`, with a plain
 * list of languages for readers without JavaScript).
 */
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import type { ResolvedConfig } from '../config/schema.ts'
import { alternatesOf, urlKeyOf, type SiteIndex } from '../content/site-index.ts'
import { computedUrl } from '../links/url-policy.ts'
import { articlePath } from '../links/urls.ts'
import { pageAssets, type PageData } from '../render/page-data.ts'
import { clientHrefs } from '../client/client-hrefs.ts'
import type { PageTemplate } from '../render/templates.ts'

type Translate = (locale: string, key: string) => string

/** Every translated article (never a fallback page) with its language versions. */
export function sitemapXml(config: ResolvedConfig, site: SiteIndex): string | undefined {
  if (!config.siteUrl) return undefined
  const url = (path: string) => escapeXml(computedUrl(`${config.siteUrl}${config.base}${path}`))
  const langOf = new Map(config.locales.map((locale) => [locale.code, locale.lang]))
  const entries: string[] = []
  // `faq.md` in one locale and `faq.yml` in another are one article: one set of entries.
  const articles = new Map(site.allArticlePaths.map((relPath) => [urlKeyOf(relPath), relPath]))
  for (const relPath of articles.values()) {
    const versions = alternatesOf(site, relPath)
    const links = versions.map((code) => `    <xhtml:link rel="alternate" hreflang="${langOf.get(code)}" href="${url(articlePath(code, relPath))}"/>`)
    if (versions.includes(config.defaultLocale)) {
      links.push(`    <xhtml:link rel="alternate" hreflang="x-default" href="${url(articlePath(config.defaultLocale, relPath))}"/>`)
    }
    for (const code of versions) entries.push(`  <url>\n    <loc>${url(articlePath(code, relPath))}</loc>\n${links.join('\n')}\n  </url>`)
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join('\n')}\n</urlset>\n`
}

export function robotsTxt(config: ResolvedConfig): string {
  const sitemap = config.siteUrl ? `Sitemap: ${computedUrl(`${config.siteUrl}${config.base}sitemap.xml`)}\n` : ''
  return `User-agent: *\nAllow: /\n${sitemap}`
}

/**
 * A 404 page in a locale's chrome. Hosts serve it at any depth, so its links
 * are base-absolute (`/docs/da-dk/`), not relative like the pages'.
 */
export function notFoundHtml(config: ResolvedConfig, locale: string, template: PageTemplate, t: Translate): string {
  const base = config.base
  // Every locale has a home page (its own, a fallback page or a generated one, home-page.ts).
  const homeOf = (code: string) => computedUrl(`${base}${code}/`)
  const own = config.locales.find((entry) => entry.code === locale)!
  const content = toHtml([
    h('h1', t(locale, 'notFound.title')),
    h('p', t(locale, 'notFound.text')),
    h('p', h('a', { href: homeOf(locale) }, t(locale, 'notFound.home'))),
  ])
  const data: PageData = {
    lang: own.lang,
    dir: own.dir,
    locale,
    title: t(locale, 'notFound.title'),
    description: undefined,
    keywords: undefined,
    date: undefined,
    dateIso: undefined,
    content,
    contentHead: content,
    contentBody: '',
    readingTime: undefined,
    home: false,
    contentLang: undefined,
    contentDir: undefined,
    notices: [],
    switcher: config.locales.map((other) => ({
      label: t(other.code, 'locale.name'),
      lang: other.lang,
      href: computedUrl(`${base}${other.code}/404.html`),
      current: other.code === locale,
      fallback: false,
      unavailable: undefined,
    })),
    homeHref: homeOf(locale),
    assetsHref: computedUrl(`${base}_tolk/`),
    ...pageAssets(computedUrl(`${base}_tolk/`)),
    nav: undefined,
    outline: [],
    canonical: undefined,
    alternates: [],
    noindex: true,
    t: (key) => t(locale, key),
  }
  return template(data as unknown as Record<string, unknown>)
}

/** `/`: a list of languages, each linking its start page; `language.js` picks one for the reader. */
export function rootPageHtml(config: ResolvedConfig, t: Translate): string {
  const defaultLang = config.locales.find((locale) => locale.code === config.defaultLocale)!.lang
  // Every locale has a home page (its own, a fallback page or a generated one, home-page.ts).
  const homes = config.locales.map((locale) => ({ locale, href: computedUrl(`${locale.code}/`) }))
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: defaultLang }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('title', t(config.defaultLocale, 'site.title')),
        h('link', { rel: 'icon', href: clientHrefs('./_tolk/').iconHref, type: 'image/svg+xml' }),
        h('link', { rel: 'stylesheet', href: clientHrefs('./_tolk/').styleHref }),
        h('script', { type: 'module', src: clientHrefs('./_tolk/').rootScriptHref }),
      ]),
      h('body', [
        h('main', { id: 'main', className: ['language-choice'] }, [
          h('h1', t(config.defaultLocale, 'site.title')),
          h('p', t(config.defaultLocale, 'root.title')),
          h(
            'ul',
            { id: 'languages' },
            homes.map(({ locale, href }) =>
              h('li', h('a', { href, lang: locale.lang, hrefLang: locale.lang, dir: locale.dir, dataLang: locale.lang }, t(locale.code, 'locale.name'))),
            ),
          ),
        ]),
      ]),
    ]),
  ])
  return `${toHtml(tree)}\n`
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}
