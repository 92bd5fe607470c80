/**
 * Render one page: a pure function of its inputs (the article text, the
 * site index, config, UI strings, templates and processor), so pages can be
 * rendered in any order, on any thread, and cached.
 */
import type { Root as HastRoot } from 'hast'
import { select } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { VFile } from 'vfile'
import type { ResolvedConfig, ResolvedLocale } from '../config/schema.ts'
import type { SiteIndex } from '../content/site-index.ts'
import type { SourceRef } from '../content/discover.ts'
import { report } from '../diagnostics/report.ts'
import { readArticleMeta } from '../front-matter/article-meta.ts'
import { parseFrontMatter } from '../front-matter/parse.ts'
import type { UiStrings } from '../i18n/ui-strings.ts'
import type { IncludeRoots } from '../includes/resolve-include.ts'
import type { Processor } from '../markdown/create-processor.ts'
import type { PageNav } from '../nav/page-nav.ts'
import { translationFacts } from '../i18n/article-facts.ts'
import { translationState, type DefaultArticleFacts, type TranslationInfo } from '../i18n/translation-status.ts'
import { withinComplexityLimits } from '../markdown/complexity-guard.ts'
import { yamlPageToMarkdown } from '../content/yaml-page.ts'
import { createPageData } from './page-data.ts'

declare module 'vfile' {
  interface DataMap {
    translation: TranslationInfo
  }
}
import type { Templates } from './templates.ts'

export interface PageInput {
  config: ResolvedConfig
  site: SiteIndex
  locale: ResolvedLocale
  source: SourceRef
  text: string
  roots: IncludeRoots
  strings: UiStrings
  templates: Templates
  processor: Processor
  /** The page's sidebar, breadcrumbs and previous/next, when a TOC covers it. */
  nav: PageNav | undefined
  /** True when `source` is the default locale's article shown in `locale` (a fallback page). */
  fallback: boolean
  /** The default-locale article of `relPath` as it is now, for the outdated check; `undefined` when there is none. */
  defaultArticle: DefaultArticleFacts | undefined
}

export interface RenderedPage {
  /** `undefined` when the template could not be used. */
  html: string | undefined
  file: VFile
}

export function renderPage(input: PageInput): RenderedPage {
  if (!/\.yml$/i.test(input.source.relPath)) return renderMarkdownPage(input, input.text)
  // A DocFX YAML page renders as the Markdown it stands for; its messages
  // are moved back to the YAML lines they came from.
  const probe = new VFile({ path: input.source.absPath, value: input.text })
  const page = yamlPageToMarkdown(input.text, probe, (key) => input.strings.t(input.source.locale, key))
  if (!page) return { html: undefined, file: probe }
  const rendered = renderMarkdownPage(input, page.markdown)
  for (const message of rendered.file.messages) {
    if (message.file !== input.source.absPath || message.line === undefined) continue
    const place = page.lineMap[message.line - 1] ?? { line: 1, column: 1 }
    message.line = place.line
    message.column = place.column
    message.place = place
  }
  // What reading the YAML reported (`yaml-warning`, keys not shown) is at YAML lines already.
  rendered.file.messages.unshift(...probe.messages)
  return rendered
}

function renderMarkdownPage(input: PageInput, text: string): RenderedPage {
  const { source, locale } = input
  const file = new VFile({ path: source.absPath, value: text })
  const { data, body } = parseFrontMatter(file)
  const meta = readArticleMeta(file, data, file.messages.length > 0)
  file.data.page = {
    locale: locale.code,
    relPath: source.relPath,
    contentLocale: source.locale,
    roots: input.roots,
    site: input.site,
    // Words inside the article (alert titles) are in the article's language.
    t: (key) => input.strings.t(source.locale, key),
  }
  const translation = translationState(
    translationFacts(meta, source.locale === input.config.defaultLocale && !input.fallback, input.defaultArticle),
  )
  file.data.translation = translation
  // Too deeply nested Markdown is reported, not parsed: it could hang the build.
  if (!withinComplexityLimits(body, file)) return { html: undefined, file }
  const processor = input.processor
  const tree = processor.runSync(processor.parse(body), file)
  // The article's h1 is its first top-level element: the template puts the page's metadata right after it.
  const parts = splitAtTitle(tree as HastRoot)
  const contentHead = processor.stringify(parts.head as never, file)
  const contentBody = processor.stringify(parts.rest as never, file)
  if (!input.templates.page) return { html: undefined, file }
  // Without a `title` (reported as `missing-title`), the page is named after its first heading, as a reader sees it.
  const heading = meta.untitled ? select('h1, h2, h3, h4, h5, h6', tree as HastRoot) : undefined
  const headingText = heading ? toString(heading).trim() : ''
  const pageMeta = headingText ? { ...meta, title: headingText } : meta
  const pageData = createPageData({
    ...input,
    relPath: source.relPath,
    meta: pageMeta,
    content: { head: contentHead, body: contentBody },
    words: wordCount(toString(tree as HastRoot)),
    translation,
    outline: file.data.outline ?? [],
  })
  try {
    return { html: input.templates.page(pageData as unknown as Record<string, unknown>), file }
  } catch (error) {
    const template = input.templates.files.at(-1)!
    report(file, 'template-error', `Template \`${template.basename}\` failed: ${(error as Error).message.split('\n')[0]}`)
    return { html: undefined, file }
  }
}

/**
 * The tree up to and including its first top-level `h1` (the article's
 * title), and the rest. Split in the tree, not in the HTML string, so no
 * markup inside the article can be mistaken for the title's end. Without a
 * top-level `h1` the head is empty and the metadata leads the article.
 */
function splitAtTitle(tree: HastRoot): { head: HastRoot; rest: HastRoot } {
  const index = tree.children.findIndex((node) => node.type === 'element' && node.tagName === 'h1')
  return {
    head: { type: 'root', children: index < 0 ? [] : tree.children.slice(0, index + 1) },
    rest: { type: 'root', children: index < 0 ? tree.children : tree.children.slice(index + 1) },
  }
}

/** Chinese and Japanese characters: written without spaces, read at about two characters a word. */
const unspacedCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu
const word = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu

/**
 * Words in the article text, for its reading time: runs of letters and
 * digits, and two Chinese or Japanese characters a word. (Not
 * Intl.Segmenter: on Node 20 it takes minutes on a 500 KB corpus page.)
 */
function wordCount(text: string): number {
  const unspaced = text.match(unspacedCharacter)?.length ?? 0
  const spaced = text.replace(unspacedCharacter, ' ').match(word)?.length ?? 0
  return spaced + Math.ceil(unspaced / 2)
}
