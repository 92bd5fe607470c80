/**
 * The build, stage by stage: config → sources → site index → strings and
 * templates → one page at a time (render, write) → assets → commit.
 */
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { ResolvedConfig } from './config/schema.ts'
import { findKey } from './config/resolve-config.ts'
import { discover, type LocaleSources } from './content/discover.ts'
import { docsetDirOf } from './content/docset.ts'
import { createNodeFileSystem } from './content/node-file-system.ts'
import { pageJobs } from './content/page-jobs.ts'
import { loadRedirects } from './content/redirects.ts'
import { sourceHash } from './i18n/translation-status.ts'
import { dropCopiesOfDefault } from './content/shared-assets.ts'
import { createSiteIndex, type SiteIndex } from './content/site-index.ts'
import type { SourceRef } from './content/discover.ts'
import { buildLocaleNav, tocFor, type LocaleNav } from './nav/nav-index.ts'
import { pageNav, type PageNav } from './nav/page-nav.ts'
import { hasErrors, report } from './diagnostics/report.ts'
import { sortMessages } from './diagnostics/format.ts'
import { loadUiStrings, type UiStringCoverage } from './i18n/ui-strings.ts'
import { checkAnchors, pageKey, type AnchorsByPage } from './links/check-anchors.ts'
import type { AnchorCheck } from './links/remark-rewrite-links.ts'
import { articleOutputFile } from './links/urls.ts'
import { createProcessor } from './markdown/create-processor.ts'
import { createSiteWriter, type SiteWriter } from './output/write-site.ts'
import { redirectPages } from './output/redirect-pages.ts'
import { notFoundHtml, robotsTxt, rootPageHtml, sitemapXml } from './output/site-files.ts'
import { statusPageFile, statusPageHtml } from './output/status-page.ts'
import { collectStatus } from './i18n/collect-status.ts'
import { renderPage, type RenderedPage } from './render/render-page.ts'
import { loadTemplates, type Templates } from './render/templates.ts'

export interface BuildOptions {
  /** Write `outDir` (build) or only report (check). */
  write: boolean
  /** Treat warnings as errors. */
  strict?: boolean
  /** Called with each rendered page (the dev server and tests read pages here). */
  onPage?: (page: { outputFile: string; locale: string; relPath: string; html: string }) => void
}

export interface BuildResult {
  messages: VFileMessage[]
  pages: number
  assets: number
  /** True when the output folder was written. */
  written: boolean
  /** UI-string coverage per locale, for `tolk check`. */
  uiStrings: UiStringCoverage[]
}

export async function build(config: ResolvedConfig, options: BuildOptions): Promise<BuildResult> {
  const messages: VFileMessage[] = []
  const configFile = new VFile({ path: config.configFile ?? '<command line>', value: readConfigText(config) })
  const sources = new Map<string, LocaleSources>()
  for (const locale of config.locales) {
    if (!existsSync(locale.root)) {
      report(configFile, 'invalid-config', `Content root \`${locale.root}\` of locale \`${locale.code}\` does not exist`, findKey(String(configFile.value), ['locales', locale.code]))
    }
    sources.set(locale.code, discover(locale))
  }
  messages.push(...configFile.messages)
  dropCopiesOfDefault(sources, config.defaultLocale)
  const redirects = loadRedirects(config.redirectionFile)
  messages.push(...(redirects.file?.messages ?? []))
  const site = createSiteIndex(config, sources, { redirects: redirects.bySource })
  const strings = loadUiStrings(config)
  const templates = loadTemplates(config.templatesDir, strings)
  messages.push(...strings.files.flatMap((file) => file.messages), ...templates.files.flatMap((file) => file.messages))

  const fs = createNodeFileSystem()
  const navs = new Map<string, LocaleNav>()
  for (const locale of config.locales) {
    const { nav, messages: navMessages } = buildLocaleNav(locale.code, sources.get(locale.code)!.tocs, site, fs)
    navs.set(locale.code, nav)
    messages.push(...navMessages, ...orphanWarnings(nav, sources.get(locale.code)!.articles))
  }
  const processor = createProcessor({ fs, maxIncludeDepth: config.maxIncludeDepth })
  const defaultRoot = config.locales.find((locale) => locale.code === config.defaultLocale)!.root
  const writer: SiteWriter | undefined = options.write && !hasErrors(messages, options.strict) ? createSiteWriter(config.outDir) : undefined
  const outputs = new Map<string, string>()
  const anchorsByPage: AnchorsByPage = new Map()
  const anchorChecks: AnchorCheck[] = []
  let pages = 0

  const docsets = new Map<string, Map<string, string>>()
  const sourceHash = sourceHashReader(site)
  for (const { locale, source, fallback } of pageJobs(config, sources)) {
    const contentRoot = fallback ? defaultRoot : locale.root
    const outputFile = articleOutputFile(locale.code, source.relPath)
    const previous = outputs.get(outputFile)
    if (previous) {
      const file = new VFile({ path: source.absPath })
      report(file, 'duplicate-page', `\`${source.relPath}\` and \`${previous}\` both build \`${outputFile}\`; rename one`)
      messages.push(...file.messages)
      continue
    }
    outputs.set(outputFile, source.relPath)
    const text = await readSource(source.absPath, messages)
    if (text === undefined) continue
    const rendered = renderSafely(source.absPath, () => renderPage({
      config,
      site,
      locale,
      source,
      text,
      roots: {
        root: contentRoot,
        fallbackRoot: contentRoot === defaultRoot ? undefined : defaultRoot,
        docsetDir: docsetDirOf(contentRoot, source.relPath, mapFor(docsets, contentRoot)),
      },
      strings,
      templates,
      processor,
      nav: navFor(navs, locale.code, config.defaultLocale, source.relPath, site),
      fallback,
      currentSourceHash: locale.code === config.defaultLocale ? undefined : sourceHash(source.relPath),
    }))
    // A fallback page re-renders the default locale's article: its problems are that page's.
    messages.push(...(fallback ? rendered.file.messages.filter((m) => m.fatal === true) : rendered.file.messages))
    // A page that failed to render has no ids; leave it out so links to it are not all reported as broken anchors.
    if (rendered.file.data.anchors) anchorsByPage.set(pageKey(locale.code, source.relPath), new Set(rendered.file.data.anchors))
    anchorChecks.push(...(rendered.file.data.anchorChecks ?? []))
    if (rendered.html === undefined) continue
    // Pages go to disk as they are rendered; the site is never held in memory.
    writer?.write(outputFile, rendered.html)
    options.onPage?.({ outputFile, locale: locale.code, relPath: source.relPath, html: rendered.html })
    pages++
  }

  messages.push(...checkAnchors(anchorChecks, anchorsByPage))
  const redirected = redirectPages(config, site, strings.t)
  messages.push(...redirected.messages)
  for (const page of redirected.pages) {
    if (outputs.has(page.outputFile)) continue
    writer?.write(page.outputFile, page.html)
  }

  if (writer) {
    const statuses = collectStatus(config, sources)
    writer.write(statusPageFile, statusPageHtml(config, statuses, (key) => strings.t(config.defaultLocale, key)))
    writeSiteFiles(writer, config, site, templates, strings.t)
  }

  let assets = 0
  if (writer) {
    for (const locale of config.locales) {
      for (const asset of sources.get(locale.code)!.assets) {
        writer.copy(`${locale.code}/${asset.relPath}`, asset.absPath)
        assets++
      }
    }
    for (const name of templates.assets) writer.copy(`_tolk/${name}`, path.join(templates.assetsDir, name))
  }

  const sorted = dedupe(sortMessages(messages))
  const failed = hasErrors(sorted, options.strict)
  if (writer && !failed) writer.commit()
  else writer?.abort()
  return { messages: sorted, pages, assets, written: Boolean(writer) && !failed, uiStrings: strings.coverage() }
}

function readConfigText(config: ResolvedConfig): string {
  if (!config.configFile) return ''
  try {
    return readFileSync(config.configFile, 'utf8')
  } catch {
    return ''
  }
}

/** Sitemap, robots.txt, 404 pages and the language-choice root page. */
function writeSiteFiles(writer: SiteWriter, config: ResolvedConfig, site: SiteIndex, templates: Templates, t: (locale: string, key: string) => string): void {
  const sitemap = sitemapXml(config, site)
  if (sitemap) writer.write('sitemap.xml', sitemap)
  writer.write('robots.txt', robotsTxt(config))
  writer.write('index.html', rootPageHtml(config, site, t))
  if (!templates.page) return
  for (const locale of config.locales) {
    const html = notFoundHtml(config, site, locale.code, templates.page, t)
    writer.write(`${locale.code}/404.html`, html)
    if (locale.code === config.defaultLocale) writer.write('404.html', html)
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

/** SHA-1 of each default-locale article, read once, only when a translation asks. */
function sourceHashReader(site: SiteIndex): (relPath: string) => string | undefined {
  const hashes = new Map<string, string | undefined>()
  return function (relPath) {
    if (!hashes.has(relPath)) {
      const ref = site.articlesByLocale.get(site.defaultLocale)?.get(relPath)
      let hash: string | undefined
      try {
        hash = ref ? sourceHash(readFileSync(ref.absPath)) : undefined
      } catch {
        hash = undefined
      }
      hashes.set(relPath, hash)
    }
    return hashes.get(relPath)
  }
}

function mapFor<V>(maps: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = maps.get(key)
  if (!map) maps.set(key, (map = new Map()))
  return map
}

async function readSource(absPath: string, messages: VFileMessage[]): Promise<string | undefined> {
  try {
    return await readFile(absPath, 'utf8')
  } catch (error) {
    const file = new VFile({ path: absPath })
    messages.push(report(file, 'read-error', `Cannot read this file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`))
    return undefined
  }
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
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    const stack = error instanceof Error ? error.stack?.split('\n').slice(1, 4).join('\n') : undefined
    report(file, 'internal-error', `tolk failed on this page (a bug in tolk; please report it): ${reason}`, undefined, stack)
    return { html: undefined, file }
  }
}

/** An include used by many pages reports its problem once. */
function dedupe(messages: VFileMessage[]): VFileMessage[] {
  const seen = new Set<string>()
  return messages.filter((message) => {
    const key = `${message.file}:${message.line}:${message.column}:${message.ruleId}:${message.reason}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
