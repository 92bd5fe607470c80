/**
 * A page per redirected article per locale (DocFX `source_path` →
 * `redirect_url`), so old links keep working on a static server: a meta
 * refresh, a canonical link and a visible link for readers and crawlers.
 * The target, followed through any chain of redirects, must pass the URL
 * policy (`unsafe-url`), and a redirect page never replaces a page the build
 * makes (`redirect-collision`); either is an error at the entry.
 */
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { ResolvedConfig, ResolvedLocale } from '../config/schema.ts'
import { builtPage, ownRelPath, type SiteIndex } from '../content/site-index.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import { report, type Place } from '../diagnostics/report.ts'
import { resolveLink } from '../links/resolve-link.ts'
import { clientHrefs } from '../client/client-hrefs.ts'
import { computedUrl, printableUrl, safeUrl } from '../links/url-policy.ts'
import { articleOutputFile, articlePath, isExternal, relativeUrl } from '../links/urls.ts'
import { statusPageFile } from './status-page.ts'

export interface RedirectPage {
  outputFile: string
  html: string
  /** The redirection file whose entry made the page, for messages about writing it. */
  redirectionFile: string | undefined
}

/**
 * Each locale gets pages for its own redirection file's entries and for the
 * site-wide (default locale's) entries it has none of, merged as
 * `redirectOf` (site-index.ts) merges them for links. Problems are reported
 * on the file the entry is in.
 */
export function redirectPages(
  config: ResolvedConfig,
  site: SiteIndex,
  t: (locale: string, key: string) => string,
): { pages: RedirectPage[]; messages: VFileMessage[] } {
  const pages: RedirectPage[] = []
  const sitewideFile = new VFile({ path: config.redirectionFile ?? '<redirects>' })
  const files = [sitewideFile]
  const built = builtFiles(config, site)
  // Each problem once per entry, from whichever locale meets it first.
  const reported = new Map<string, Set<RuleId>>()
  for (const locale of config.locales) {
    const ownEntries = site.localeRedirects?.get(locale.code) ?? new Map<string, string>()
    const ownFile = locale.redirectionFile && ownEntries.size > 0 ? new VFile({ path: locale.redirectionFile }) : undefined
    if (ownFile) files.push(ownFile)
    const entries = [
      ...[...ownEntries].map(([source, target]) => ({ source, target, own: true })),
      ...[...site.redirects].filter(([source]) => !ownEntries.has(source)).map(([source, target]) => ({ source, target, own: false })),
    ]
    for (const { source, target, own } of entries) {
      if (!/\.md$/i.test(source)) continue
      const file = own && ownFile ? ownFile : sitewideFile
      const places = own ? site.localeRedirectPlaces?.get(locale.code)?.get(source) : site.redirectPlaces?.get(source)
      const key = `${own ? locale.code : ''}\0${source}`
      const once = (rule: RuleId, reason: string, place: Place | undefined): void => {
        const rules = reported.get(key) ?? new Set<RuleId>()
        if (!rules.has(rule)) report(file, rule, reason, place)
        reported.set(key, rules.add(rule))
      }
      const written = safeUrl(target)
      if (!written.ok) {
        once('unsafe-url', `Redirect of \`${source}\` to \`${printableUrl(target)}\` gets no page: ${written.reason}`, places?.target)
        continue
      }
      // An article that still exists wins over its redirect: the file itself or its
      // `.md`/`.yml` twin. Another file at the same URL (`a.md` for `a/index.md`) is a collision, reported below.
      const existing = ownRelPath(site, source, locale.code)
      if (existing !== undefined && stem(existing) === stem(source)) continue
      // A target that goes nowhere is the entry's problem, whatever stands at its source.
      const href = targetHref(target, source, locale.code, site)
      if (href === undefined) {
        // The default locale may still have the article: whichever locale meets the problem first reports it.
        once('broken-redirect', `Redirect of \`${source}\` points to \`${target}\`, which is not in this build`, places?.target)
        continue
      }
      const outputFile = articleOutputFile(locale.code, source)
      const occupant = built.get(outputFile.toLowerCase())
      if (occupant !== undefined) {
        once('redirect-collision', `Redirect of \`${source}\` would replace ${occupant} (\`${outputFile}\`); no redirect page is written`, places?.source)
        continue
      }
      // A chain of redirects may end anywhere: judge where it ends.
      const verdict = safeUrl(href)
      const canonical = verdict.ok ? safeUrl(canonicalOf(verdict.url, source, locale.code, config)) : verdict
      if (!verdict.ok || !canonical.ok) {
        const reason = verdict.ok ? (canonical as { reason: string }).reason : verdict.reason
        once('unsafe-url', `Redirect of \`${source}\` leads to \`${printableUrl(href)}\` and gets no page: ${reason}`, places?.target)
        continue
      }
      built.set(outputFile.toLowerCase(), `the redirect page of another \`source_path\``)
      const assets = computedUrl(relativeUrl(articlePath(locale.code, source), '_tolk/'))
      pages.push({ outputFile, html: redirectHtml(locale, verdict.url, canonical.url, assets, t), redirectionFile: own ? locale.redirectionFile : config.redirectionFile })
    }
  }
  return { pages, messages: files.flatMap((file) => file.messages) }
}

/**
 * Every file the build writes besides redirect pages (lower-cased, as
 * case-insensitive disks see them) → what it is, for messages.
 */
function builtFiles(config: ResolvedConfig, site: SiteIndex): Map<string, string> {
  const built = new Map<string, string>()
  const add = (outputFile: string, what: string): void => void built.set(outputFile.toLowerCase(), what)
  add('index.html', 'the root page')
  add('404.html', 'the 404 page')
  add(statusPageFile, 'the translation status page')
  for (const locale of config.locales) {
    add(`${locale.code}/404.html`, `the 404 page of \`${locale.code}\``)
    for (const relPath of site.allArticlePaths) {
      const built = builtPage(site, relPath, locale.code)
      if (!built) continue
      add(articleOutputFile(locale.code, relPath), built === 'own' ? `the page of \`${relPath}\`` : `the fallback page of \`${relPath}\``)
    }
    if (!builtPage(site, 'index.md', locale.code)) add(articleOutputFile(locale.code, 'index.md'), `the generated home page of \`${locale.code}\``)
    for (const asset of site.assetsByLocale.get(locale.code) ?? []) add(`${locale.code}/${asset}`, `the file \`${asset}\``)
  }
  return built
}

/** Relative URL of the redirect target as seen from the old page, an absolute URL outside the build, or `undefined` when it goes nowhere. */
function targetHref(target: string, source: string, locale: string, site: SiteIndex): string | undefined {
  const resolved = resolveLink(target, { site, locale, relPath: source, isImage: false })
  const from = articlePath(locale, source)
  switch (resolved.kind) {
    case 'page':
      return relativeUrl(from, articlePath(resolved.locale, resolved.relPath)) + resolved.search + (resolved.hash ? `#${resolved.hash}` : '')
    case 'url':
      return resolved.url
    case 'keep':
      // External URLs are kept for the URL policy to judge; ignored links (`ignoreLinks`) go nowhere.
      return isExternal(target) ? target : undefined
    default:
      return undefined
  }
}

function canonicalOf(href: string, source: string, locale: string, config: ResolvedConfig): string {
  if (/^https?:/i.test(href) || !config.siteUrl) return href
  return new URL(href, `${config.siteUrl}${config.base}${articlePath(locale, source)}`).href
}

/** `assetsHref`: the page's link to `_tolk/`, for the site's stylesheet and favicon. */
function redirectHtml(locale: ResolvedLocale, href: string, canonical: string, assetsHref: string, t: (locale: string, key: string) => string): string {
  const hrefs = clientHrefs(assetsHref)
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: locale.lang, dir: locale.dir }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('title', t(locale.code, 'redirect.title')),
        h('meta', { httpEquiv: 'refresh', content: `0; url=${href}` }),
        h('link', { rel: 'canonical', href: canonical }),
        h('meta', { name: 'robots', content: 'noindex' }),
        h('link', { rel: 'icon', href: hrefs.iconHref, type: 'image/svg+xml' }),
        h('link', { rel: 'stylesheet', href: hrefs.styleHref }),
      ]),
      h('body', h('main', { id: 'main', className: ['redirect-page'] }, [h('h1', t(locale.code, 'redirect.title')), h('p', [t(locale.code, 'redirect.text'), ' ', h('a', { href }, href)])])),
    ]),
  ])
  return `${toHtml(tree)}\n`
}

/** `a/b.md` → `a/b`: an article path without its page extension. */
function stem(relPath: string): string {
  return relPath.replace(/\.(md|yml)$/i, '')
}
