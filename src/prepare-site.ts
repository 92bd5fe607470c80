/**
 * Everything a page needs before it can be rendered, made once per build (or
 * per dev-server reload): sources, the site index, UI strings, templates,
 * TOC navigation and the processor; and `renderJob`, which renders one page
 * from them. Shared by `tolk build` and the dev server, so both make the
 * same HTML.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { openArticleFacts, openStatusFacts, openTocFacts, sourceFactsKey } from './cache/source-facts.ts'
import type { StatCache } from './cache/stat-cache.ts'
import { recordingFileSystem, type InputRecord, type RecordingFileSystem } from './cache/recording-file-system.ts'
import type { ResolvedConfig } from './config/schema.ts'
import { findKey } from './config/resolve-config.ts'
import { discover, type LocaleSources, type SourceRef } from './content/discover.ts'
import { docsetDirOf } from './content/docset.ts'
import { createNodeFileSystem } from './content/node-file-system.ts'
import type { PageJob } from './content/page-jobs.ts'
import { readContained, type ContainedText, type ReadLimits } from './content/read-contained.ts'
import { loadRedirects, type RedirectPlaces } from './content/redirects.ts'
import { dropCopiesOfDefault } from './content/shared-assets.ts'
import { createSiteIndex, ownRelPath, type SiteIndex } from './content/site-index.ts'
import { report } from './diagnostics/report.ts'
import { cachedStatusFacts, defaultArticleFacts, type StatusFacts } from './i18n/article-facts.ts'
import { neutralSiteTitle } from './i18n/site-title.ts'
import type { DefaultArticleFacts } from './i18n/translation-status.ts'
import { loadUiStrings, type UiStrings } from './i18n/ui-strings.ts'
import type { FileSystem } from './includes/resolve-include.ts'
import { createProcessor, type Processor } from './markdown/create-processor.ts'
import { applyMoniker } from './markdown/moniker-filter.ts'
import { buildLocaleNav, tocFor, type LocaleNav } from './nav/nav-index.ts'
import { pageNav, type PageNav } from './nav/page-nav.ts'
import { movedArticles } from './links/resolve-link.ts'
import { homePageHtml, homeRelPath, needsGeneratedHome } from './output/home-page.ts'
import { renderPage, type RenderedPage } from './render/render-page.ts'
import { buildXrefIndex } from './xref/build-xref-index.ts'
import { uidOfArticle } from './xref/site-uids.ts'
import { loadTemplates, type Templates } from './render/templates.ts'

export interface PreparedSite {
  config: ResolvedConfig
  /** Problems found before any page is rendered (config, TOC, UI strings, templates, redirects). */
  messages: VFileMessage[]
  /** How many articles are new or changed since the last build that kept their facts (stat-cache.ts); without a cache, all of them. */
  articlesChanged: number
  sources: Map<string, LocaleSources>
  site: SiteIndex
  strings: UiStrings
  templates: Templates
  navs: Map<string, LocaleNav>
  /** Include, snippet and TOC reads, recorded per page for the page cache. */
  fs: RecordingFileSystem
  processor: Processor
  /** Render one page from `text`; never throws (an exception becomes an `internal-error` message). */
  renderJob(job: PageJob, text: string): RenderedPage
  /** Read the page's source through `readContained`, then render it; a file that cannot be read is reported on the page. */
  renderSource(job: PageJob): RenderedPage
  /** `renderSource`, with the files the page read (cache/page-cache.ts). */
  renderRecorded(job: PageJob): { result: RenderedPage; inputs: InputRecord[] }
  /** A digest of the job's article as read for rendering; `undefined` when it cannot be read. */
  articleDigest(job: PageJob): string | undefined
  /**
   * What else a job's page depends on that is neither its text, a file it
   * reads nor the site fingerprint: its content roots, docset folder and,
   * for a translation, the default-locale facts its outdated check compares.
   */
  pageContext(job: PageJob): string
  /** Forget what was read of a default-locale article that changed on disk (its hash, for the outdated check). */
  forgetSource(relPath: string): void
  /**
   * Each article's front-matter facts for the translation status, kept between
   * builds in the cache folder: `collectStatus` takes them from here too, and
   * the build saves them once it has asked for all (not kept on a render worker).
   */
  statusFacts: StatCache<StatusFacts>
  /** The generated home page of a locale that builds no article at `/<locale>/` (home-page.ts); `undefined` when it has one or there is no page template. */
  homePage(locale: string): string | undefined
}

export interface PrepareOptions {
  /** File access for includes and TOCs; the dev server passes one it can invalidate. */
  fs?: FileSystem
  /**
   * The site as another thread read it (`sharedSiteOf`): a render worker
   * takes the build's sources, site index and TOC navigation instead of
   * reading and parsing every article, redirection file and TOC again.
   */
  shared?: SharedSite
}

/**
 * The part of a prepared site that is plain data, read from every article,
 * TOC and redirection file: what render workers get from the build's thread
 * (structured-cloned with the worker's data) rather than make again.
 */
export interface SharedSite {
  sources: Map<string, LocaleSources>
  site: SiteIndex
  navs: Map<string, LocaleNav>
}

export function sharedSiteOf({ sources, site, navs }: PreparedSite): SharedSite {
  return { sources, site, navs }
}

export function prepareSite(config: ResolvedConfig, options: PrepareOptions = {}): PreparedSite {
  const messages: VFileMessage[] = []
  const limits: ReadLimits = { maxFileSize: config.maxFileSize }
  const defaultRoot = config.locales.find((locale) => locale.code === config.defaultLocale)!.root
  const fs = recordingFileSystem(withMoniker(options.fs ?? createNodeFileSystem(limits), config.moniker))
  const navMessages: VFileMessage[] = []
  // What facts kept in the cache folder depend on besides their file; a worker keeps none (its thread does).
  const factsKey = options.shared ? undefined : sourceFactsKey(limits)
  const { sources, site, navs, articleDigests, articlesChanged } = options.shared
    ? { ...options.shared, articleDigests: undefined, articlesChanged: 0 }
    : readSite(config, fs, limits, factsKey!, messages, navMessages)
  // The root TOC names a site whose strings do not.
  const defaultLocale = config.locales.find((locale) => locale.code === config.defaultLocale)!
  const strings = loadUiStrings(config, { siteTitle: neutralSiteTitle(defaultLocale, navs.get(defaultLocale.code), limits) })
  const templates = loadTemplates(config.templatesDir, strings, { roots: [config.configDir, config.templatesDir], limits })
  strings.checkSiteKeys(templates.keys)
  messages.push(...strings.files.flatMap((file) => file.messages), ...templates.files.flatMap((file) => file.messages), ...navMessages)
  const processor = createProcessor({ fs, maxIncludeDepth: config.maxIncludeDepth, video: { hosts: config.videoHosts, siteUrl: config.siteUrl } })
  const docsets = new Map<string, Map<string, string>>()
  const statusFacts = openStatusFacts(options.shared ? undefined : config.cacheDir, factsKey ?? '')
  const defaultArticles = defaultArticleReader(site, limits, statusFacts)

  function rootsOf({ locale, source, fallback }: PageJob) {
    const contentRoot = fallback ? defaultRoot : locale.root
    return {
      root: contentRoot,
      fallbackRoot: contentRoot === defaultRoot ? undefined : defaultRoot,
      docsetDir: docsetDirOf(contentRoot, source.relPath, mapFor(docsets, contentRoot)),
    }
  }

  function defaultFactsOf({ locale, source }: PageJob): DefaultArticleFacts | undefined {
    return locale.code === config.defaultLocale ? undefined : defaultArticles.facts(source.relPath)
  }

  function renderJob(job: PageJob, rawText: string): RenderedPage {
    const { locale, source, fallback } = job
    const text = config.moniker ? applyMoniker(rawText, config.moniker) : rawText
    return renderSafely(source.absPath, () =>
      renderPage({
        config,
        site,
        locale,
        source,
        text,
        roots: rootsOf(job),
        strings,
        templates,
        processor,
        nav: navFor(navs, locale.code, config.defaultLocale, source.relPath, site),
        fallback,
        defaultArticle: defaultFactsOf(job),
      }),
    )
  }

  function articleDigest(job: PageJob): string | undefined {
    const known = articleDigests?.get(job.source.absPath)
    if (known !== undefined) return known
    const read = readContained(job.source.absPath, [job.source.root], limits)
    return read.ok ? digestOfArticle(read) : undefined
  }

  function pageContext(job: PageJob): string {
    const facts = defaultFactsOf(job)
    return JSON.stringify([rootsOf(job), facts ? [facts.fileHash, facts.originHash, facts.date?.getTime()] : null])
  }

  function renderSource(job: PageJob): RenderedPage {
    const read = readContained(job.source.absPath, [job.source.root], limits)
    if (!read.ok) {
      const file = new VFile({ path: job.source.absPath })
      report(file, read.rule, read.reason)
      return { html: undefined, file }
    }
    const rendered = renderJob(job, read.text)
    // After rendering: a YAML page's messages are moved to YAML lines, these are file lines already.
    for (const problem of read.problems) report(rendered.file, problem.rule, problem.reason, problem.place)
    return rendered
  }

  function homePage(locale: string): string | undefined {
    if (!templates.page || !needsGeneratedHome(site, locale)) return undefined
    // The locale's root TOC, else the default locale's.
    const toc = navs.get(locale)!.tocsByDir.get('') ?? navs.get(config.defaultLocale)!.tocsByDir.get('')
    return homePageHtml(config, locale, templates.page, strings.t, toc ? pageNav(toc, homeRelPath, locale, site) : undefined)
  }

  const renderRecorded = (job: PageJob) => fs.recordInputs(() => renderSource(job))

  return {
    config,
    messages,
    articlesChanged,
    sources,
    site,
    strings,
    templates,
    navs,
    fs,
    processor,
    renderJob,
    renderSource,
    renderRecorded,
    articleDigest,
    pageContext,
    forgetSource: defaultArticles.forget,
    statusFacts,
    homePage,
  }
}

/** A digest of an article as read: its text and any problem met decoding it. */
function digestOfArticle(read: Extract<ContainedText, { ok: true }>): string {
  const hash = createHash('sha256').update(read.text)
  if (read.problems.length > 0) hash.update(JSON.stringify(read.problems))
  return hash.digest('base64url')
}

/**
 * Read the site: discover every locale's articles, read the redirection
 * files, index the site (URLs, redirects, xref uids) and build each locale's
 * TOC navigation. Problems go to `messages`, the TOCs' to `navMessages`
 * (they come after the UI strings' and templates').
 *
 * `articleDigests` holds each article's `digestOfArticle` as this build read
 * it for its `uid` (or found it in the facts cache), so the page cache's
 * lookup does not read every article a second time.
 */
function readSite(
  config: ResolvedConfig,
  fs: RecordingFileSystem,
  limits: ReadLimits,
  factsKey: string,
  messages: VFileMessage[],
  navMessages: VFileMessage[],
): SharedSite & { articleDigests: Map<string, string>; articlesChanged: number } {
  const configFile = new VFile({ path: config.configFile ?? '<command line>', value: readConfigText(config) })
  const sources = new Map<string, LocaleSources>()
  for (const locale of config.locales) {
    const problem = contentRootProblem(locale.root)
    if (problem) {
      report(configFile, 'invalid-config', `Content root \`${locale.root}\` of locale \`${locale.code}\` ${problem}`, findKey(String(configFile.value), ['locales', locale.code]))
    }
    sources.set(locale.code, discover(locale, limits))
  }
  messages.push(...configFile.messages)
  dropCopiesOfDefault(sources, config.defaultLocale)
  const defaultRoot = config.locales.find((locale) => locale.code === config.defaultLocale)!.root
  // Config-given files are read from the site's folder (or, for the DocFX
  // default, the default locale's content root), never through a link out of them.
  const redirects = loadRedirects(config.redirectionFile, [config.configDir, defaultRoot], limits)
  messages.push(...(redirects.file?.messages ?? []))
  // Each other locale's own file, read from its content root only; merged by `redirectOf` (site-index.ts).
  const localeRedirects = new Map<string, Map<string, string>>()
  const localeRedirectPlaces = new Map<string, Map<string, RedirectPlaces>>()
  for (const locale of config.locales) {
    if (!locale.redirectionFile) continue
    const own = loadRedirects(locale.redirectionFile, [locale.root], limits)
    messages.push(...(own.file?.messages ?? []))
    localeRedirects.set(locale.code, own.bySource)
    localeRedirectPlaces.set(locale.code, own.placesBySource)
  }
  const site = createSiteIndex(config, sources, {
    redirects: redirects.bySource,
    redirectPlaces: redirects.placesBySource,
    localeRedirects,
    localeRedirectPlaces,
  })
  site.movedByLocale = movedArticles(site)
  // Each article is read here once, for its uid and the page cache's digest of it (or taken from the facts cache).
  const facts = openArticleFacts(config.cacheDir, factsKey)
  const articleDigests = new Map<string, string>()
  const xref = buildXrefIndex(config, sources, String(configFile.value), (article) => {
    const found = facts.factsOf(article.absPath, () => {
      const read = readContained(article.absPath, [article.root], limits)
      return read.ok ? { digest: digestOfArticle(read), uid: uidOfArticle(article.relPath, article.absPath, read.text) } : undefined
    })
    if (found) articleDigests.set(article.absPath, found.digest)
    return found?.uid
  })
  facts.save()
  const articlesChanged = facts.changed
  site.xref = xref.index
  messages.push(...xref.messages)
  const navs = new Map<string, LocaleNav>()
  const tocs = openTocFacts(config.cacheDir, factsKey)
  for (const locale of config.locales) {
    const built = buildLocaleNav(locale.code, sources.get(locale.code)!.tocs, site, fs, tocs)
    navs.set(locale.code, built.nav)
    navMessages.push(...built.messages, ...orphanWarnings(built.nav, sources.get(locale.code)!.articles))
  }
  tocs.save()
  return { sources, site, navs, articleDigests, articlesChanged }
}

/** Why a configured content root cannot be one, or `undefined` when it is a folder. */
function contentRootProblem(root: string): string | undefined {
  try {
    return statSync(root).isDirectory() ? undefined : 'is a file, not a folder'
  } catch {
    return 'does not exist'
  }
}

function readConfigText(config: ResolvedConfig): string {
  if (!config.configFile) return ''
  try {
    return readFileSync(config.configFile, 'utf8')
  } catch {
    return ''
  }
}

/** The page's TOC view: its locale's nearest TOC, else the default locale's. */
function navFor(navs: Map<string, LocaleNav>, locale: string, defaultLocale: string, relPath: string, site: SiteIndex): PageNav | undefined {
  const own = navs.get(locale)!
  const toc = own.tocsByDir.size > 0 ? tocFor(own, relPath) : tocFor(navs.get(defaultLocale)!, relPath)
  return toc ? pageNav(toc, relPath, locale, site) : undefined
}

/** Articles no TOC lists, in a locale that has TOCs at all. */
function orphanWarnings(nav: LocaleNav, articles: SourceRef[]): VFileMessage[] {
  if (nav.tocsByDir.size === 0) return []
  return articles
    .filter((article) => !nav.listed.has(article.relPath))
    .map((article) =>
      report(new VFile({ path: article.absPath }), 'orphan-page', 'No TOC.yml lists this article, so readers can only reach it by links'),
    )
}

/** Markdown read through `fs` (includes) gets the same moniker selection as pages. */
function withMoniker(fs: FileSystem, moniker: string | undefined): FileSystem {
  if (!moniker) return fs
  const select = (absPath: string, text: string): string => (/\.md$/i.test(absPath) ? applyMoniker(text, moniker) : text)
  return {
    readContained(absPath, roots) {
      const read = fs.readContained(absPath, roots)
      return read.ok ? { ...read, text: select(absPath, read.text) } : read
    },
    read(absPath) {
      const text = fs.read(absPath)
      return text !== undefined ? select(absPath, text) : text
    },
  }
}

/** What the outdated check needs of each default-locale article, read once, only when a translation asks. */
function defaultArticleReader(
  site: SiteIndex,
  limits: ReadLimits,
  statusFacts: StatCache<StatusFacts>,
): { facts(relPath: string): DefaultArticleFacts | undefined; forget(relPath: string): void } {
  const known = new Map<string, DefaultArticleFacts | undefined>()
  return {
    facts(relPath) {
      // The default locale's article at the same URL: `faq.md` is the original of a locale's `faq.yml`.
      const original = ownRelPath(site, relPath, site.defaultLocale)
      if (original === undefined) return undefined
      if (!known.has(original)) {
        const ref = site.articlesByLocale.get(site.defaultLocale)!.get(original)!
        known.set(original, defaultArticleFacts(cachedStatusFacts(statusFacts, ref, limits)))
      }
      return known.get(original)
    },
    forget: (relPath) => void known.delete(relPath),
  }
}

function mapFor<V>(maps: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = maps.get(key)
  if (!map) maps.set(key, (map = new Map()))
  return map
}

/**
 * A thrown exception is a bug in tolk, not bad content: report it on the page
 * that triggered it and go on, so one bad page never hides the others.
 */
function renderSafely(absPath: string, render: () => RenderedPage): RenderedPage {
  try {
    return render()
  } catch (error) {
    const file = new VFile({ path: absPath })
    // Nesting within the guard's limits can still exhaust the stack in some
    // plugin; that is the content's shape, not a tolk bug.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      report(file, 'content-too-complex', 'This page nests too deeply to render; flatten its lists, quotes or HTML')
      return { html: undefined, file }
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    const stack = error instanceof Error ? error.stack?.split('\n').slice(1, 4).join('\n') : undefined
    report(file, 'internal-error', `tolk failed on this page (a bug in tolk; please report it): ${reason}`, undefined, stack)
    return { html: undefined, file }
  }
}
