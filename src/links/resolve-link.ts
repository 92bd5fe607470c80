/**
 * Decide where a link or image in a page's Markdown goes, the way DocFX and
 * Microsoft Learn do: relative `.md` paths, folder links (`index.md`),
 * root-relative docs links (`/docset/path`, with or without `.md`), redirected
 * pages, and roots outside this build. Always the page's own locale first,
 * then the default locale. Pure: reads the site index, touches no disk.
 */
import type { RuleId } from '../diagnostics/rules.ts'
import { ownRelPath, redirectOf, type SiteIndex } from '../content/site-index.ts'
import { isExternal, resolveRelPath, splitUrl } from './urls.ts'

export interface Problem {
  rule: RuleId
  reason: string
}

export type LinkTarget =
  /** Leave the URL alone (external, mailto, ignored). */
  | { kind: 'keep' }
  /** Same-page fragment. */
  | { kind: 'fragment'; hash: string }
  | { kind: 'page'; locale: string; relPath: string; search: string; hash: string; warnings: Problem[] }
  | { kind: 'asset'; locale: string; relPath: string; search: string; hash: string; warnings: Problem[] }
  /** A DocFX YAML page (`index.yml` landing pages), which tolk does not build. */
  | { kind: 'unbuilt'; relPath: string }
  /** A root outside this build, mapped by `externalRoots`. */
  | { kind: 'url'; url: string }
  | { kind: 'broken'; problem: Problem }

export interface LinkContext {
  site: SiteIndex
  locale: string
  /** The page's article path (links in includes are already rebased onto it). */
  relPath: string
  isImage: boolean
  /** The link as its writer wrote it, for messages (default: `url`). */
  written?: string | undefined
  /**
   * The page's docset root (the folder holding `docfx.json`, see
   * content/docset.ts), relative to the content root: `~/` starts here.
   * Default `''`, the content root.
   */
  docsetDir?: string | undefined
}

const maxRedirectHops = 5
/** A redirect chain that never ends; `resolveLink` words it with the link as written. */
const endlessRedirects: Problem = { rule: 'broken-link', reason: 'endless redirects' }

/**
 * Locale → default-locale articles that the locale's own redirection file
 * moved: its entry for the path leads to a page or a URL. The locale gets a
 * redirect page there instead of a fallback page (page-jobs.ts, landingLocale).
 */
export function movedArticles(site: SiteIndex): Map<string, Set<string>> {
  const moved = new Map<string, Set<string>>()
  const defaults = site.articlesByLocale.get(site.defaultLocale)
  for (const [locale, entries] of site.localeRedirects ?? []) {
    if (locale === site.defaultLocale) continue
    const paths = new Set<string>()
    for (const [source, redirect] of entries) {
      // DocFX matches paths whatever their letter case: `Manage-X.md` in a locale's file moves the default locale's `manage-x.md`.
      const article = defaults?.has(source) ? source : site.pathsByLowerCase.get(site.defaultLocale)?.get(source.toLowerCase())
      if (article === undefined || !defaults?.has(article) || site.articlesByLocale.get(locale)?.has(article)) continue
      const target = resolveLink(redirect, { site, locale, relPath: source, isImage: false })
      // Somewhere: a page of the build, or a URL outside it (kept for the URL policy to judge, as redirect pages do).
      if (target.kind === 'page' || target.kind === 'url' || (target.kind === 'keep' && isExternal(redirect))) paths.add(article)
    }
    moved.set(locale, paths)
  }
  return moved
}

export function resolveLink(url: string, context: LinkContext): LinkTarget {
  const target = resolveUrl(url, context)
  if (target.kind === 'broken' && target.problem === endlessRedirects) {
    return broken('broken-link', `Link \`${context.written ?? url}\` goes through more than ${maxRedirectHops} redirects`)
  }
  return target
}

function resolveUrl(url: string, context: LinkContext): LinkTarget {
  if (!url) return { kind: 'keep' }
  if (url.startsWith('#')) return { kind: 'fragment', hash: decodeHash(url.slice(1)) }
  if (context.site.ignoreLinks.some((prefix) => url.startsWith(prefix))) return { kind: 'keep' }
  if (isExternal(url)) return checkExternal(url)
  const { pathname, search, hash } = splitUrl(url)
  const decodedHash = decodeHash(hash)
  // `?view=x#anchor`: the same page with a query.
  if (pathname === '') return decodedHash ? { kind: 'fragment', hash: decodedHash } : { kind: 'keep' }
  if (pathname.startsWith('/')) return resolveRootRelative(pathname, search, decodedHash, context, 0)
  const written = context.written ?? url
  // DocFX reads `~/` as the docset root everywhere, not only in includes; the same containment applies.
  const target = pathname.startsWith('~/')
    ? resolveRelPath(context.docsetDir ? `${context.docsetDir}/_` : '_', pathname.slice(2))
    : resolveRelPath(context.relPath, pathname)
  if (target === undefined) {
    return broken('broken-link', `Link \`${written}\` points outside the content root`)
  }
  return resolveInRoot(target, splitUrl(written).pathname, search, decodedHash, context, 0)
}

/** `target` is a path inside the content root; `written` is the link as the writer wrote it. */
function resolveInRoot(
  target: string,
  written: string,
  search: string,
  hash: string,
  context: LinkContext,
  hops: number,
): LinkTarget {
  const { site } = context
  const warnings: Problem[] = []
  const isMarkdown = /\.md$/i.test(target)
  // Pages are Markdown articles or DocFX YAML pages (`index.yml` landing pages).
  const candidates = isMarkdown || /\.yml$/i.test(target)
    ? [target]
    : [target, `${target}.md`, `${target}.yml`, ...(target ? [`${target}/index.md`, `${target}/index.yml`] : ['index.md', 'index.yml'])]
  if (!context.isImage) {
    // The locale's own article, its own redirect, the default locale's article, the site-wide redirect (see `redirectOf`).
    // An own redirect that leads nowhere gives way to the default locale's article (translation trees
    // redirect to articles they do not hold yet).
    let ownBroken: LinkTarget | undefined
    for (const own of [true, false]) {
      const locales = own ? [context.locale] : [site.defaultLocale].filter((code) => code !== context.locale)
      for (const candidate of candidates) {
        const page = findArticle(site, candidate, locales, context.locale, warnings, written)
        if (page) return { kind: 'page', ...page, search, hash, warnings }
      }
      for (const candidate of candidates) {
        const redirect = redirectOf(site, candidate, context.locale)
        if (redirect === undefined || redirect.own !== own) continue
        if (hops >= maxRedirectHops) return { kind: 'broken', problem: endlessRedirects }
        const followed = followRedirect(redirect.target, search, hash, context, hops + 1)
        if (own && followed.kind === 'broken' && followed.problem !== endlessRedirects) {
          ownBroken = followed
          break
        }
        if (followed.kind === 'page') {
          followed.warnings.unshift({
            rule: 'redirected-link',
            reason: `\`${written}\` is redirected to \`${redirect.target}\`; link the target directly`,
          })
        }
        return followed
      }
    }
    if (ownBroken) return ownBroken
  }
  for (const candidate of [target, target ? `${target}/index.yml` : 'index.yml']) {
    if (site.yamlPages.has(candidate)) return { kind: 'unbuilt', relPath: candidate }
  }
  if (!isMarkdown) {
    const asset = findAsset(site, target, context.locale, warnings, written)
    if (asset) return { kind: 'asset', ...asset, search, hash, warnings }
  }
  if (context.isImage || (!isMarkdown && /\.[a-z0-9]{2,5}$/i.test(target))) {
    return broken('missing-asset', `Cannot find \`${written}\`${lookedFor(written, target)}`)
  }
  return broken('broken-link', `Cannot find \`${written}\`${lookedFor(written, isMarkdown ? target : candidates[1]!)}`)
}

/** `/docset/path` → the article at `docset/path(.md)` in this build, a mapped external root, or broken. */
function resolveRootRelative(pathname: string, search: string, hash: string, context: LinkContext, hops: number): LinkTarget {
  const target = resolveRelPath('', pathname.replace(/^\/+/, '').replace(/\/$/, ''))
  // A missing page under a folder this build has is broken, never "elsewhere".
  const topFolder = target?.split('/')[0]
  const inBuild = topFolder !== undefined && target!.includes('/') && context.site.topFolders.has(topFolder)
  if (target !== undefined) {
    const inRoot = resolveInRoot(target, pathname, search, hash, { ...context, isImage: context.isImage }, hops)
    if (inRoot.kind !== 'broken' || inBuild || inRoot.problem === endlessRedirects) return inRoot
  }
  const external = inBuild ? undefined : context.site.externalRoots.find(([prefix]) => `${pathname}/`.startsWith(prefix))
  if (external) {
    const [prefix, template] = external
    const rest = pathname.slice(prefix.length)
    const base = template.replaceAll('{locale}', context.locale)
    // `hash` was decoded for anchor checks; the URL needs it encoded again.
    return { kind: 'url', url: `${base}${rest}${search}${hash ? `#${encodeURI(hash)}` : ''}` }
  }
  return broken(
    'broken-link',
    `Cannot find \`${pathname}\` in this build; add its root to \`externalRoots\` or \`ignoreLinks\` if it lives elsewhere`,
  )
}

function followRedirect(redirect: string, search: string, hash: string, context: LinkContext, hops: number): LinkTarget {
  if (isExternal(redirect)) return { kind: 'url', url: redirect }
  const { pathname, search: redirectSearch, hash: redirectHash } = splitUrl(redirect)
  return resolveRootRelative(pathname, redirectSearch || search, decodeHash(redirectHash) || hash, context, hops)
}

/** `relPath` in the first of `locales` that has it, as seen from a page in `locale`. */
function findArticle(site: SiteIndex, relPath: string, locales: string[], locale: string, warnings: Problem[], written: string) {
  for (const candidateLocale of locales) {
    const articles = site.articlesByLocale.get(candidateLocale)
    // `faq.md` finds the locale's `faq.yml` (and the reverse): both build one URL.
    let found = ownRelPath(site, relPath, candidateLocale)
    if (!found) {
      const sameLetters = site.pathsByLowerCase.get(candidateLocale)?.get(relPath.toLowerCase())
      if (sameLetters && articles?.has(sameLetters)) {
        warnings.push({ rule: 'link-case', reason: `\`${written}\` differs in letter case from \`${sameLetters}\`; write it as the file is named` })
        found = sameLetters
      }
    }
    if (!found) continue
    if (candidateLocale !== locale) {
      warnings.push({
        rule: 'link-to-fallback',
        reason: site.fallbackPages
          ? `\`${written}\` is not translated into \`${locale}\`; readers get the \`${candidateLocale}\` text`
          : `\`${written}\` is not translated into \`${locale}\`; linking the \`${candidateLocale}\` page`,
      })
      // With fallback pages the locale has a page (in its own chrome) for the article.
      if (site.fallbackPages) return { locale, relPath: found }
    }
    return { locale: candidateLocale, relPath: found }
  }
  return undefined
}

/** Assets come from the page's locale, else the default locale (translations often ship no images). */
function findAsset(site: SiteIndex, relPath: string, locale: string, warnings: Problem[], written: string) {
  for (const candidateLocale of unique([locale, site.defaultLocale])) {
    const assets = site.assetsByLocale.get(candidateLocale)
    if (assets?.has(relPath)) return { locale: candidateLocale, relPath }
    const sameLetters = site.pathsByLowerCase.get(candidateLocale)?.get(relPath.toLowerCase())
    if (sameLetters && assets?.has(sameLetters)) {
      warnings.push({ rule: 'link-case', reason: `\`${written}\` differs in letter case from \`${sameLetters}\`; write it as the file is named` })
      return { locale: candidateLocale, relPath: sameLetters }
    }
  }
  return undefined
}

/** External links are never fetched (CI has no network), but their syntax is checked. */
function checkExternal(url: string): LinkTarget {
  if (!/^https?:/i.test(url)) return { kind: 'keep' }
  try {
    const parsed = new URL(url)
    if (!/^https?:\/\/[^/]/i.test(url) || !parsed.hostname.includes('.') && parsed.hostname !== 'localhost') {
      return broken('invalid-url', `\`${url}\` is not a valid web address`)
    }
  } catch {
    return broken('invalid-url', `\`${url}\` is not a valid web address`)
  }
  return { kind: 'keep' }
}

/** ` (looked for `a/b.md`)` when the resolved path says more than the link. */
function lookedFor(written: string, target: string): string {
  return written.replace(/^\/+/, '') === target ? '' : ` (looked for \`${target}\`)`
}

function decodeHash(hash: string): string {
  try {
    return decodeURIComponent(hash)
  } catch {
    return hash
  }
}

function broken(rule: RuleId, reason: string): LinkTarget {
  return { kind: 'broken', problem: { rule, reason } }
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
