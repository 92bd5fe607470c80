/**
 * Render Markdown through the real processor against a virtual content tree,
 * for unit tests of single pipeline stages.
 */
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import type { Root } from 'hast'
import { VFile } from 'vfile'
import { urlKeyOf, type SiteIndex } from '../../src/content/site-index.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import type { FileSystem } from '../../src/includes/resolve-include.ts'
import { createProcessor } from '../../src/markdown/create-processor.ts'
import { createCodeHighlighter } from '../../src/markdown/plugins/rehype-highlight-code.ts'
import type { VideoPolicy } from '../../src/markdown/video-url.ts'

/** One highlighter for every test in a file: creating one costs ~100 ms. */
const highlighter = createCodeHighlighter()

export const root = '/virtual/en-us'
/** Messages are printed relative to this folder: `en-us/guide/page.md:1:1: …`. */
export const cwd = '/virtual'
export const fallbackRoot = '/virtual/default-locale'

export interface RenderOptions {
  /** Files of the page's locale, by path inside the root. */
  files?: Record<string, string>
  /** Files of the default locale (include fallback). */
  fallbackFiles?: Record<string, string>
  relPath?: string
  locale?: string
  site?: Partial<SiteIndex>
  strings?: Record<string, string>
  maxDepth?: number
  /** Video hosts and site URL (default: the config defaults, no site URL). */
  video?: VideoPolicy
  /** A processor to reuse (it caches includes across pages), made by `processorFor`. */
  processor?: ReturnType<typeof createProcessor>
}

/** One processor over the files of `options`, to render several pages with, as a build does. */
export function processorFor(options: Pick<RenderOptions, 'files' | 'fallbackFiles' | 'maxDepth' | 'video'>) {
  const fs = virtualFs({ [root]: options.files ?? {}, [fallbackRoot]: options.fallbackFiles ?? {} })
  return createProcessor({ fs, maxIncludeDepth: options.maxDepth ?? 8, highlighter, ...(options.video ? { video: options.video } : {}) })
}

export function virtualFs(trees: Record<string, Record<string, string>>): FileSystem {
  const all = new Map<string, string>()
  for (const [base, files] of Object.entries(trees)) {
    for (const [relPath, text] of Object.entries(files)) all.set(path.join(base, relPath), text)
  }
  return {
    read: (absPath) => all.get(absPath),
    // No links in a virtual tree: a path is inside a root when it starts with it.
    readContained(absPath, roots) {
      const text = all.get(absPath)
      if (text === undefined) return { ok: false, kind: 'missing', rule: 'read-error', reason: 'Cannot find it' }
      if (!roots.some((root) => absPath.startsWith(`${root}/`))) return { ok: false, kind: 'outside', rule: 'file-outside-root', reason: 'outside' }
      return { ok: true, text, problems: [], realPath: absPath }
    },
  }
}

export function renderMarkdown(markdown: string, options: RenderOptions = {}) {
  const relPath = options.relPath ?? 'guide/page.md'
  const locale = options.locale ?? 'en-us'
  const processor = options.processor ?? processorFor(options)
  const file = new VFile({ path: `/virtual/${locale}/${relPath}`, value: markdown })
  const base: Omit<SiteIndex, 'relPathsByUrlKey'> = {
    locales: ['en-us', 'da-dk'],
    defaultLocale: 'en-us',
    articlesByLocale: new Map([
      ['en-us', new Map()],
      ['da-dk', new Map()],
    ]),
    allArticlePaths: [],
    assetsByLocale: new Map(),
    pathsByLowerCase: new Map(),
    redirects: new Map(),
    externalRoots: [],
    ignoreLinks: [],
    topFolders: new Set(),
    yamlPages: new Set(),
    fallbackPages: false,
    ...options.site,
  }
  // Derived like createSiteIndex does, so a test's own `articlesByLocale` is enough.
  const relPathsByUrlKey = new Map(
    [...base.articlesByLocale].map(([code, articles]) => [code, new Map([...articles.keys()].reverse().map((relPath) => [urlKeyOf(relPath), relPath]))]),
  )
  const site: SiteIndex = { relPathsByUrlKey, ...base }
  file.data.page = {
    locale,
    relPath,
    contentLocale: locale,
    roots: { root, fallbackRoot: options.fallbackFiles ? fallbackRoot : undefined, docsetDir: '' },
    site,
    t: (key) => options.strings?.[key] ?? key,
  }
  const tree = processor.runSync(processor.parse(markdown), file)
  const html = processor.stringify(tree, file)
  return {
    html,
    hast: fromHtml(html, { fragment: true }) as Root,
    messages: file.messages.map((message) => formatHuman(message, { cwd })),
  }
}

/** A site index holding the given article paths per locale. */
export function siteWith(articles: Record<string, string[]>, assets: Record<string, string[]> = {}): Partial<SiteIndex> {
  const ref = (locale: string, relPath: string) => ({ locale, root: `/virtual/${locale}`, relPath, absPath: `/virtual/${locale}/${relPath}` })
  return {
    locales: Object.keys(articles),
    articlesByLocale: new Map(
      Object.entries(articles).map(([locale, paths]) => [locale, new Map(paths.map((p) => [p, ref(locale, p)]))]),
    ),
    allArticlePaths: [...new Set(Object.values(articles).flat())].sort(),
    assetsByLocale: new Map(Object.entries(assets).map(([locale, paths]) => [locale, new Set(paths)])),
    pathsByLowerCase: new Map(
      Object.keys({ ...articles, ...assets }).map((locale) => [
        locale,
        new Map([...(articles[locale] ?? []), ...(assets[locale] ?? [])].map((p) => [p.toLowerCase(), p])),
      ]),
    ),
  }
}
