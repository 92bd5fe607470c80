/**
 * The Markdown pipeline, in order: the only file that knows plugin order.
 * One frozen processor renders every page; per-page facts travel on
 * `file.data.page` (see page-context.ts).
 */
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import type { Root } from 'mdast'
import type { HighlighterCore } from 'shiki/core'
import remarkInclude from '../includes/remark-include.ts'
import remarkIncludeSyntax from '../includes/include-syntax.ts'
import type { FileSystem } from '../includes/resolve-include.ts'
import rehypeCollectAnchors from '../links/rehype-collect-anchors.ts'
import remarkRewriteLinks from '../links/remark-rewrite-links.ts'
import rehypeUrlPolicy from '../links/rehype-url-policy.ts'
import { rehypeMarkMarkdownUrls, rehypeRewriteRawLinks } from '../links/rehype-rewrite-raw-links.ts'
import { installInPlaceConsume } from './micromark-edit-map.ts'
import { rehypeRawWhenPresent } from './plugins/rehype-raw-when-present.ts'
import remarkAutolinkInRawLink from './plugins/remark-autolink-in-raw-link.ts'
import remarkDocfxAlerts from './plugins/remark-docfx-alerts.ts'
import remarkDocfxCode from './plugins/remark-docfx-code.ts'
import remarkDocfxDiv from './plugins/remark-docfx-div.ts'
import remarkDocfxImage from './plugins/remark-docfx-image.ts'
import remarkDocfxLayout from './plugins/remark-docfx-layout.ts'
import remarkDocfxMarkers from './plugins/remark-docfx-markers.ts'
import remarkDocfxNoLoc from './plugins/remark-docfx-no-loc.ts'
import remarkDocfxQuoteSections from './plugins/remark-docfx-quote-sections.ts'
import remarkDocfxTabs from './plugins/remark-docfx-tabs.ts'
import remarkDocfxUnsupported from './plugins/remark-docfx-unsupported.ts'
import remarkDocfxVideo from './plugins/remark-docfx-video.ts'
import remarkDocfxVideoDirective from './plugins/remark-docfx-video-directive.ts'
import remarkTableOverflow from './plugins/remark-table-overflow.ts'
import rehypeDocfxVideo from './plugins/rehype-docfx-video.ts'
import rehypeFocusableTables from './plugins/rehype-focusable-tables.ts'
import rehypeHeadingAnchorNames from './plugins/rehype-heading-anchor-names.ts'
import rehypeReportUnsafeHtml from './plugins/rehype-report-unsafe-html.ts'
import rehypeTaskListLabels from './plugins/rehype-task-list-labels.ts'
import rehypeHeadingIds from './plugins/rehype-heading-ids.ts'
import rehypeHeadingLinks from './plugins/rehype-heading-links.ts'
import rehypeHighlightCode from './plugins/rehype-highlight-code.ts'
import { sanitizeSchema } from './sanitize-schema.ts'
import { defaultVideoPolicy, type VideoPolicy } from './video-url.ts'
import remarkXref from '../xref/remark-xref.ts'

// Long pages of lists parse in linear time (micromark-edit-map.ts); once per process, before any parse.
installInPlaceConsume()

export interface ProcessorOptions {
  fs: FileSystem
  maxIncludeDepth: number
  /** Shiki highlighter (default: the process's one, `sharedCodeHighlighter()`). */
  highlighter?: HighlighterCore
  /** Where `[!VIDEO …]` and `:::video` may embed from (default: the default `videoHosts`, no site URL). */
  video?: VideoPolicy
}

export function createProcessor(options: ProcessorOptions) {
  const parser = unified().use(remarkParse).use(remarkGfm).use(remarkIncludeSyntax).freeze()
  const parse = (text: string): Root => parser.parse(text)
  const read = (absPath: string): string | undefined => options.fs.read(absPath)
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      // `[!INCLUDE …]` is syntax: a line of its own, or inline wherever text can stand.
      .use(remarkIncludeSyntax)
      // mdast: DocFX syntax first, so later stages see plain Markdown nodes.
      .use(remarkInclude, { fs: options.fs, parse, maxDepth: options.maxIncludeDepth })
      // Zone and moniker lines out first: the blocks they hid are parsed again for the plugins below.
      .use(remarkDocfxMarkers, { parse, read })
      // Rows first: they re-parse their columns, which may hold images and terms.
      .use(remarkDocfxLayout, { parse, read })
      .use(remarkDocfxImage, { parse, read })
      .use(remarkDocfxNoLoc, { read })
      .use(remarkDocfxTabs)
      // One quote per marker line first, as DocFX reads them; then each by its marker.
      .use(remarkDocfxQuoteSections, { read })
      .use(remarkDocfxAlerts)
      .use(remarkDocfxDiv)
      .use(remarkDocfxVideo, options.video ?? defaultVideoPolicy)
      .use(remarkDocfxVideoDirective, { policy: options.video ?? defaultVideoPolicy, read })
      // After rows and quotes are rebuilt, so references inside them are found.
      .use(remarkDocfxCode, { fs: options.fs, read })
      // Last of the DocFX plugins: whatever DocFX syntax is left is unsupported.
      .use(remarkDocfxUnsupported, { read })
      // Cross-references become ordinary links (or external URLs) for the link stage to resolve.
      .use(remarkXref, { read })
      // Cells GFM drops from a row longer than its header are reported, never lost silently.
      .use(remarkTableOverflow)
      // A URL between raw `<a>` tags is the raw link's text, not a second link inside it.
      .use(remarkAutolinkInRawLink)
      .use(remarkRewriteLinks)
      .use(remarkRehype, { allowDangerousHtml: true })
      // hast: raw HTML becomes elements, DocFX anchors become ids, then sanitize.
      .use(rehypeMarkMarkdownUrls)
      .use(rehypeRawWhenPresent)
      .use(rehypeRewriteRawLinks)
      .use(rehypeHeadingAnchorNames)
      .use(rehypeReportUnsafeHtml)
      .use(rehypeSanitize, sanitizeSchema)
      // Trusted output from here on; video iframes only now, as the sanitizer removes every iframe.
      .use(rehypeDocfxVideo, options.video ?? defaultVideoPolicy)
      // Tables scroll inside their own box on a phone: the keyboard must reach them.
      .use(rehypeFocusableTables)
      .use(rehypeHeadingIds)
      // Task-list checkboxes get their item's text as a label.
      .use(rehypeTaskListLabels)
      .use(rehypeHighlightCode, { highlighter: options.highlighter })
      // A link to copy beside each section heading, once ids are final; its href goes through the URL policy below.
      .use(rehypeHeadingLinks)
      // Every URL in the article, whoever made it, as the URL policy allows.
      .use(rehypeUrlPolicy)
      .use(rehypeCollectAnchors)
      .use(rehypeStringify)
      .freeze()
  )
}

export type Processor = ReturnType<typeof createProcessor>
