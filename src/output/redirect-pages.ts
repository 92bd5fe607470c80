/**
 * A page per redirected article per locale (DocFX `source_path` →
 * `redirect_url`), so old links keep working on a static server: a meta
 * refresh, a canonical link and a visible link for readers and crawlers.
 */
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { ResolvedConfig, ResolvedLocale } from '../config/schema.ts'
import type { SiteIndex } from '../content/site-index.ts'
import { report } from '../diagnostics/report.ts'
import { resolveLink } from '../links/resolve-link.ts'
import { articleOutputFile, articlePath, relativeUrl } from '../links/urls.ts'

export interface RedirectPage {
  outputFile: string
  html: string
}

export function redirectPages(
  config: ResolvedConfig,
  site: SiteIndex,
  t: (locale: string, key: string) => string,
): { pages: RedirectPage[]; messages: VFileMessage[] } {
  const pages: RedirectPage[] = []
  const file = new VFile({ path: config.redirectionFile ?? '<redirects>' })
  for (const [source, target] of site.redirects) {
    if (!/\.md$/i.test(source)) continue
    let reported = false
    for (const locale of config.locales) {
      // An article that still exists wins over its redirect.
      if (site.articlesByLocale.get(locale.code)?.has(source)) continue
      const href = targetHref(target, source, locale.code, site)
      if (href === undefined) {
        // Once per redirect, from whichever locale meets it first (the default locale may still have the article).
        if (!reported) report(file, 'broken-redirect', `Redirect of \`${source}\` points to \`${target}\`, which is not in this build`)
        reported = true
        continue
      }
      pages.push({ outputFile: articleOutputFile(locale.code, source), html: redirectHtml(locale, href, canonicalOf(href, source, locale.code, config), t) })
    }
  }
  return { pages, messages: file.messages }
}

/** Relative URL of the redirect target as seen from the old page, or an absolute URL outside the build. */
function targetHref(target: string, source: string, locale: string, site: SiteIndex): string | undefined {
  const resolved = resolveLink(target, { site, locale, relPath: source, isImage: false })
  const from = articlePath(locale, source)
  switch (resolved.kind) {
    case 'page':
      return relativeUrl(from, articlePath(resolved.locale, resolved.relPath)) + resolved.search + (resolved.hash ? `#${resolved.hash}` : '')
    case 'url':
      return resolved.url
    case 'keep':
      return /^https?:/i.test(target) ? target : undefined
    default:
      return undefined
  }
}

function canonicalOf(href: string, source: string, locale: string, config: ResolvedConfig): string {
  if (/^https?:/i.test(href) || !config.siteUrl) return href
  return new URL(href, `${config.siteUrl}${config.base}${articlePath(locale, source)}`).href
}

function redirectHtml(locale: ResolvedLocale, href: string, canonical: string, t: (locale: string, key: string) => string): string {
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: locale.lang, dir: locale.dir }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('title', t(locale.code, 'redirect.title')),
        h('meta', { httpEquiv: 'refresh', content: `0; url=${href}` }),
        h('link', { rel: 'canonical', href: canonical }),
        h('meta', { name: 'robots', content: 'noindex' }),
      ]),
      h('body', [h('p', [t(locale.code, 'redirect.text'), ' ', h('a', { href }, href)])]),
    ]),
  ])
  return `${toHtml(tree)}\n`
}
